/**
 * Frames as the client receives them: each sequence number crosses once per run (the client's
 * table fills the rest), and unchanged tables, writes and event log come back empty and are put
 * back from the client's copy; what the UI sees equals a frame asked for from scratch.
 */
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../scenarios/catalogue.ts';
import { createPartsTable, createSequenceTable } from './client.ts';
import { createHost } from './host.ts';
import type { FrameRequest } from './protocol.ts';

describe('frame deltas', () => {
  it('sends sequence numbers once and unchanged parts never, yet the client sees whole frames', async () => {
    const host = createHost();
    const run = await host.load(defaultScenarioId);
    const sequences = createSequenceTable();
    const partsTable = createPartsTable();
    const ask = async (request: FrameRequest) => {
      const known = sequences.known();
      const knownParts = partsTable.known();
      const wire = await host.frame({ ...request, ...(known ? { knownSequence: known } : {}), ...(knownParts ? { knownParts } : {}) });
      const sent = { seq: wire.sequenceChunk.values.length, reused: [...(wire.reused ?? [])] };
      return { frame: partsTable.fill(sequences.fill(wire)), sent };
    };
    // Forward, then a window that starts later, then back (prepend), then a jump; the event log
    // asked for by some (its panel open) and not others.
    const steps: FrameRequest[] = [
      { atMs: 40_000, eventLog: true },
      { atMs: 40_000, eventLog: true },
      { atMs: 85_000 },
      { atMs: 85_000, fromMs: 50_000, toMs: 85_000, eventLog: true },
      { atMs: 30_000 },
      { atMs: run.durationMs },
      { atMs: 85_000, fromMs: 60_000, toMs: 70_000, eventLog: true },
    ];
    const seqSent: number[] = [];
    for (const request of steps) {
      const { frame, sent } = await ask(request);
      seqSent.push(sent.seq);
      const whole = await host.frame(request); // no known parts: everything sent
      expect(frame.sequenceNumbers).toEqual(whole.sequenceChunk.values);
      expect(frame.tables).toEqual(whole.tables);
      expect(frame.writes).toEqual(whole.writes);
      expect(frame.sourceWrites).toEqual(whole.sourceWrites);
      expect(frame.eventLog).toEqual(whole.eventLog);
      expect(frame.reused).toBeUndefined();
    }
    expect(seqSent[0]).toBeGreaterThan(0);
    expect(seqSent[1]).toBe(0); // same frame again: nothing new
    expect(seqSent[3]).toBe(0); // a narrower window of known records
  });

  it('repeats nothing structured for the same playhead', async () => {
    const host = createHost();
    await host.load(defaultScenarioId);
    const partsTable = createPartsTable();
    partsTable.fill(await host.frame({ atMs: 85_000, eventLog: true }));
    const again = await host.frame({ atMs: 85_000, eventLog: true, knownParts: partsTable.known()! });
    expect(again.reused?.sort()).toEqual(['eventLog', 'sourceWrites', 'tables', 'writes']);
    expect(again.tables).toEqual([]);
  });
});
