/**
 * Tables and writes sent as deltas (partDiff.ts, applied by partPatch.ts through the client's parts
 * table): for runs of several scenarios and random playhead moves (forward by a little, back, jumps,
 * the same instant again), the client ends with exactly the parts a frame asked from scratch has.
 */
import { describe, expect, it } from 'vitest';
import { votingBooth } from '../scenarios/votingBooth.ts';
import type { ScenarioV1 } from '../scenarios/schema.ts';
import { createPartsTable } from './client.ts';
import { createHost } from './host.ts';
import { listDelta, sameData, tablesDelta } from './partDiff.ts';
import { patchList, patchTables } from './partPatch.ts';
import type { FrameRequest, ScenarioSource, TableView } from './protocol.ts';

/** A small deterministic generator (tests only: the sim's own randomness is not used here). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The bench's kind of run: a stream of puts to a table of many keys, more than a frame's 500 items. */
function traffic(records: number): ScenarioSource {
  const { lesson: _l, narration: _n, interventions: _i, ...rest } = votingBooth as ScenarioV1;
  return {
    inline: {
      ...rest,
      id: `traffic-${records}`,
      durationMs: 30_000,
      writes: [],
      traffic: [{ table: 'Votes', fromMs: 1_000, toMs: 25_000, ratePerSecond: records / 24, keys: { attribute: 'voterId', prefix: 'v-', count: 3_000 }, mix: { put: 2, update: 1, delete: 1 }, attributes: { candidate: ['Otter', 'Heron', 'Badger'] } }],
    } as ScenarioV1,
  };
}

const RUNS: Array<{ source: string | ScenarioSource; seed?: number }> = [
  { source: traffic(1_500), seed: 7 },
  { source: 'voting-booth', seed: 3 },
  { source: 'kcl-failover' },
  { source: 'global-tables-lww' },
  { source: 'ttl-archive' },
];

describe('parts as deltas', () => {
  it.each(RUNS.map((r, i) => [i, r] as const))('run %i: applying the deltas gives the whole parts, whatever the playhead does', async (i, { source, seed }) => {
    const host = createHost();
    const whole = createHost();
    const run = await host.load(source, seed !== undefined ? { seed } : {});
    await whole.load(source, seed !== undefined ? { seed } : {});
    const parts = createPartsTable();
    const random = lcg(1000 + i);
    let atMs = 0;
    let sentAsDelta = 0;
    let bytesSent = 0;
    let bytesWhole = 0;
    for (let step = 0; step < 60; step++) {
      const move = random();
      if (move < 0.6) atMs += random() * 400; // playing: a frame or a few
      else if (move < 0.75) atMs -= random() * 3_000; // a seek back
      else if (move < 0.85) atMs = random() * run.durationMs; // a jump
      // else: the same instant again
      atMs = Math.round(Math.min(Math.max(atMs, 0), run.durationMs));
      const request: FrameRequest = { atMs, ...(random() < 0.3 ? { eventLog: true } : {}) };
      const known = parts.known();
      const wire = await host.frame({ ...request, ...(known ? { knownParts: known } : {}) });
      if (wire.partDeltas) sentAsDelta++;
      bytesSent += JSON.stringify([wire.tables, wire.writes, wire.sourceWrites, wire.partDeltas ?? null]).length;
      const frame = parts.fill(wire);
      const expected = await whole.frame(request);
      bytesWhole += JSON.stringify([expected.tables, expected.writes, expected.sourceWrites]).length;
      expect(frame.partDeltas).toBeUndefined();
      expect(frame.tables).toEqual(expected.tables);
      expect(frame.writes).toEqual(expected.writes);
      expect(frame.sourceWrites).toEqual(expected.sourceWrites);
    }
    // The deltas were used (on many frames where writes keep coming), and smaller than the parts they stand for.
    expect(sentAsDelta).toBeGreaterThan(typeof source === 'string' ? 0 : 20);
    expect(bytesSent).toBeLessThan(bytesWhole);
  }, 60_000);

  it('gives the whole parts across the changes of the run too: forks, undo and redo, a stream changed, a new run, a client that starts again', async () => {
    // Both hosts take the same steps; only the first is asked with what its client holds. An
    // intervention is answered before its run is complete: the first host's frames may stop at the
    // edge computed so far (`computedMs`), and its run is then replaced under the same id; the
    // other host is asked, complete, at the instant the first one's frame shows.
    const host = createHost();
    const whole = createHost();
    const both = async <T>(step: (h: typeof host) => Promise<T>) => {
      const [result] = await Promise.all([step(host), step(whole)]);
      await whole.settled();
      return result;
    };
    const run = await both((h) => h.load(traffic(1_500), { seed: 7 }));
    const parts = createPartsTable();
    const random = lcg(77);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    let atMs = 15_000;
    let rows: string[] = [];
    const steps = new Map<string, number>();
    for (let step = 0; step < 70; step++) {
      const move = random();
      let what = 'play';
      if (move < 0.08) {
        // A user's write: a key the panel lists first (the cut view's rows move), or one of the rows held, deleted.
        what = 'write';
        const write = random() < 0.5 ? { operation: 'PutItem', input: { TableName: 'Votes', Item: { voterId: { S: `a-${step}` }, candidate: { S: 'Heron' } } } } : { operation: 'DeleteItem', input: { TableName: 'Votes', Key: { voterId: { S: rows.length ? pick(rows) : 'v-1' } } } };
        const at = atMs + Math.round(random() * 400); // ahead of the playhead too: the frames that follow play across it
        await both((h) => h.intervene({ at, kind: 'write', target: 'Votes', params: write }));
      } else if (move < 0.13) {
        what = 'stream'; // a table fact while records arrive: the stream's view type changed
        const params = { StreamViewType: pick(['KEYS_ONLY', 'NEW_AND_OLD_IMAGES']) };
        const at = atMs + Math.round(random() * 400);
        await both((h) => h.intervene({ at, kind: 'update-table', target: 'Votes', params }));
      } else if (move < 0.16) {
        what = 'split';
        await both((h) => h.intervene({ at: atMs, kind: 'split-shard', target: 'Votes' }));
      } else if (move < 0.22) {
        what = 'undo';
        await both((h) => h.undo());
      } else if (move < 0.25) {
        what = 'redo';
        await both((h) => h.redo());
      } else if (move < 0.28) {
        what = 'reset';
        parts.reset(); // a client (worker) started again: it holds nothing
      } else if (move < 0.3) {
        what = 'load';
        await both((h) => h.load(traffic(1_500), { seed: step }));
      } else if (move < 0.42) {
        what = 'back';
        atMs -= random() * 2_000;
      } else atMs += random() * 300;
      steps.set(what, (steps.get(what) ?? 0) + 1);
      atMs = Math.round(Math.min(Math.max(atMs, 0), run.durationMs));
      const known = parts.known();
      const frame = parts.fill(await host.frame({ atMs, ...(known ? { knownParts: known } : {}) }));
      const expected = await whole.frame({ atMs: frame.atMs });
      expect(frame.tables, `step ${step} (${what})`).toEqual(expected.tables);
      expect(frame.writes).toEqual(expected.writes);
      expect(frame.sourceWrites).toEqual(expected.sourceWrites);
      rows = frame.tables.find((t) => t.name === 'Votes')?.items.map((r) => r.keySummary) ?? [];
    }
    for (const what of ['write', 'stream', 'undo', 'reset', 'back', 'play']) expect(steps.get(what), what).toBeGreaterThan(0);
  }, 120_000);

  it('sends only the new writes while playing a run with many items', async () => {
    const host = createHost();
    await host.load(traffic(1_500), { seed: 7 });
    const parts = createPartsTable();
    parts.fill(await host.frame({ atMs: 19_900 }));
    parts.fill(await host.frame({ atMs: 20_000, knownParts: parts.known()! })); // the first frame that holds parts: the host's copy starts here
    const wire = await host.frame({ atMs: 20_100, knownParts: parts.known()! });
    const d = wire.partDeltas!;
    expect(wire.writes).toEqual([]);
    expect(d.writes!.add.length).toBeGreaterThan(0);
    expect(d.writes!.add.length).toBeLessThan(60); // the puts of 100 ms and what the consumers wrote meanwhile, of 200
    expect(d.writes!.length).toBe(200);
    const votes = d.tables!.tables.find((t) => typeof t === 'object' && t.name === 'Votes');
    if (typeof votes !== 'object' || !('patch' in votes)) throw new Error('the Votes table was not sent as a patch');
    expect(votes.itemCount).toBeGreaterThan(500);
    // Only the rows that changed (puts among the first 500 keys); the rest are runs of the held rows.
    expect(votes.patch.filter((p) => !Array.isArray(p)).length).toBeLessThan(20);
    const frame = parts.fill(wire);
    expect(frame.tables.find((t) => t.name === 'Votes')!.items).toHaveLength(500);
  }, 60_000);
});

describe('partDiff and partPatch', () => {
  const row = (k: string, v: number) => ({ keyString: k, keySummary: k, item: { id: { S: k }, n: { N: String(v) } }, changedAtMs: v, change: 'MODIFY' as const });
  const table = (name: string, rows: ReturnType<typeof row>[], extra: Partial<TableView> = {}): TableView => ({ name, keyAttributes: ['id'], attributeNames: ['id', 'n'], items: rows, ...extra });

  it('compares plain data whole', () => {
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
  });

  it('sends a list as its new head, or not at all when the rest differs or nothing is kept', () => {
    const held = ['c', 'b', 'a'];
    expect(listDelta(held, 3, ['e', 'd', 'c'], 2)).toEqual({ from: 3, add: ['e', 'd'], length: 3 });
    expect(patchList(held, 3, listDelta(held, 3, ['e', 'd', 'c'], 2)!)).toEqual(['e', 'd', 'c']);
    expect(listDelta(held, 3, ['e', 'x', 'b'], 1)).toBeUndefined(); // the rest is not the held start
    expect(listDelta(held, 3, ['f', 'e', 'd'], 3)).toBeUndefined(); // all new: whole
    expect(listDelta(held, 3, ['b', 'a'], -1)).toBeUndefined(); // back: whole
    expect(() => patchList(held, 2, { from: 3, add: [], length: 3 })).toThrow(/version 3/);
  });

  it('patches tables row by row and keeps unchanged tables as they were', () => {
    const held = [table('A', [row('a', 1), row('b', 1), row('c', 1)]), table('B', [row('x', 1)]), table('Gone', [])];
    const next = [table('B', [row('x', 1)]), table('A', [row('a', 1), row('b', 2), row('bb', 1), row('c', 1)], { itemCount: 900 }), table('New', [row('n', 1)])];
    const d = tablesDelta(held, 5, next)!;
    expect(d.tables[0]).toBe(1);
    expect(d.tables[1]).toEqual({ name: 'A', keyAttributes: ['id'], attributeNames: ['id', 'n'], itemCount: 900, held: 0, patch: [[0, 1], row('b', 2), row('bb', 1), [2, 1]] });
    expect(d.tables[2]).toEqual(next[2]);
    const patched = patchTables(held, 5, d);
    expect(patched).toEqual(next);
    expect(patched[0]).toBe(held[1]);
    // Nothing kept: no delta.
    expect(tablesDelta(held, 5, [table('A', [row('a', 2)])])).toBeUndefined();
  });
});
