import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/schema.ts';
import { decodeLink } from '../../src/share/codec.ts';
import { benchLink, benchScenario, PLAY_FROM_MS, staticImports } from './browser.ts';

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
