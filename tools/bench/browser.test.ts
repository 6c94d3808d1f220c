import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/schema.ts';
import { decodeLink } from '../../src/share/codec.ts';
import { ARRIVING_FROM_MS, benchLink, benchScenario, decodeFigures, MAX_ARRIVING_PASSES, MIN_DECODE_SAMPLES, PLAY_FROM_MS, staticImports, TRAFFIC_TO_MS, wantsAnotherPass } from './browser.ts';

describe('the browser benchmark’s scenarios', () => {
  it('are valid scenarios whose links open, with all traffic before the playhead', () => {
    for (const records of [0, 1_000, 5_000, 20_000]) {
      const scenario = benchScenario(records);
      const parsed = parseScenario(scenario);
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      for (const t of scenario.traffic ?? []) {
        expect(Math.round(((t.toMs - t.fromMs) / 1000) * t.ratePerSecond)).toBe(records);
        expect(t.toMs).toBeLessThan(PLAY_FROM_MS);
      }
      expect(scenario.narration ?? []).toHaveLength(0);
      const link = decodeLink(benchLink(records));
      expect(link.ok).toBe(true);
    }
  });
});

describe('the decode figures’ arrival stretch', () => {
  it('is the last seconds of the traffic, with a record for each sample the row wants even at 1,000 records', () => {
    for (const records of [1_000, 5_000, 20_000]) {
      const [t] = benchScenario(records).traffic ?? [];
      expect(t?.toMs).toBe(TRAFFIC_TO_MS);
      expect(ARRIVING_FROM_MS).toBeGreaterThan(t!.fromMs);
      // The worker posts a frame when the playhead passes a fact: fewer records than samples and only replays would fill the row.
      expect(((TRAFFIC_TO_MS - ARRIVING_FROM_MS) / 1000) * t!.ratePerSecond).toBeGreaterThanOrEqual(MIN_DECODE_SAMPLES);
    }
    expect(TRAFFIC_TO_MS).toBeLessThan(PLAY_FROM_MS); // the other pass plays after the traffic
  });

  it('is played again only while samples are missing and passes are left, once in a smoke run', () => {
    expect(wantsAnotherPass(MIN_DECODE_SAMPLES - 1, 1, false)).toBe(true);
    expect(wantsAnotherPass(MIN_DECODE_SAMPLES, 1, false)).toBe(false);
    expect(wantsAnotherPass(0, MAX_ARRIVING_PASSES, false)).toBe(false);
    expect(wantsAnotherPass(0, 1, true)).toBe(false);
  });
});

describe('decodeFigures', () => {
  it('counts the samples and takes nearest-rank p50 and p95 and the maximum', () => {
    const xs = Array.from({ length: 100 }, (_, i) => (i * 37) % 100); // 0..99, shuffled
    expect(decodeFigures(xs)).toEqual({ samples: 100, p50Ms: 49, p95Ms: 94, maxMs: 99 });
  });
  it('is NaN without samples and takes many without spreading them into arguments', () => {
    expect(decodeFigures([])).toEqual({ samples: 0, p50Ms: NaN, p95Ms: NaN, maxMs: NaN });
    const many = new Array<number>(300_000).fill(0.1);
    many[123_456] = 7;
    expect(decodeFigures(many).maxMs).toBe(7);
  });
});

describe('staticImports', () => {
  it('follows static imports of built chunks, not dynamic ones or the worker URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    writeFileSync(join(dir, 'index.js'), 'import{a as b}from"./react.js";import"./side.js";const w=new URL("./sim.worker.js",import.meta.url);import("./lazy.js");');
    writeFileSync(join(dir, 'react.js'), 'import{c}from"./shared.js";export const a=1;');
    writeFileSync(join(dir, 'side.js'), '');
    writeFileSync(join(dir, 'shared.js'), 'import{a}from"./react.js";export const c=2;');
    expect(staticImports(dir, 'index.js').sort()).toEqual(['index.js', 'react.js', 'shared.js', 'side.js']);
  });
});
