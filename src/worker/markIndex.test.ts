// The run's marks without a row per record (./markIndex.ts) read as the rows the index kept before:
// for random facts, some records' and some other marks, every mark's fact, kind and time, a window's
// columns and a walk agree with the merged list; and a scenario's index holds a mark for each of
// its records and each notable fact, in fact order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MARK_KINDS, NO_CONSUMER } from './columns.ts';
import { MarkIndex } from './markIndex.ts';
import { scenarios } from '../scenarios/catalogue.ts';
import { buildRun } from './runScenario.ts';
import { buildRunIndex } from './runIndex.ts';

const RECORD = MARK_KINDS.indexOf('record');

interface Row {
  fact: number;
  kind: number;
  consumer: number;
  lane: number;
}

/** Facts in order, each a record's mark or another mark: the rows as they were kept, and a MarkIndex of them. */
const markLists = fc
  .array(fc.oneof(fc.record({ record: fc.constant(true as const), lane: fc.integer({ min: 0, max: 5 }) }), fc.record({ record: fc.constant(false as const), kind: fc.integer({ min: 1, max: MARK_KINDS.length - 1 }), consumer: fc.constantFrom(0, 3, NO_CONSUMER), lane: fc.integer({ min: -1, max: 5 }) })), { maxLength: 80 })
  .map((facts) => {
    const rows: Row[] = [];
    const recFact: number[] = [];
    const recLane: number[] = [];
    const other = { fact: [] as number[], kind: [] as number[], consumer: [] as number[], lane: [] as number[], at: [] as number[] };
    facts.forEach((f, i) => {
      // Some facts carry no mark: fact numbers skip.
      const fact = 3 * i + (i % 2);
      if (f.record) {
        rows.push({ fact, kind: RECORD, consumer: NO_CONSUMER, lane: f.lane });
        recFact.push(fact);
        recLane.push(f.lane);
      } else {
        other.at.push(rows.length);
        rows.push({ fact, kind: f.kind, consumer: f.consumer, lane: f.lane });
        other.fact.push(fact);
        other.kind.push(f.kind);
        other.consumer.push(f.consumer);
        other.lane.push(f.lane);
      }
    });
    const recFacts = Uint32Array.from(recFact);
    const marks = new MarkIndex(recFacts.length, { get: (r) => recFacts[r]! }, Uint16Array.from(recLane), { fact: Uint32Array.from(other.fact), kind: Uint8Array.from(other.kind), consumer: Uint16Array.from(other.consumer), lane: Int16Array.from(other.lane), at: Uint32Array.from(other.at) }, (f) => f * 10);
    return { rows, marks };
  });

describe('MarkIndex', () => {
  it('reads every mark, a window of them and a walk as the merged rows', () => {
    fc.assert(
      fc.property(markLists, fc.nat(), fc.nat(), ({ rows, marks }, a, b) => {
        expect(marks.n).toBe(rows.length);
        rows.forEach((row, m) => {
          expect(marks.fact(m)).toBe(row.fact);
          expect(marks.kind(m)).toBe(row.kind);
          expect(marks.t(m)).toBe(row.fact * 10);
        });
        const from = a % (rows.length + 1);
        const to = from + (b % (rows.length - from + 1));
        const window = rows.slice(from, to);
        const cols = marks.columns(from, to);
        expect([...cols.t]).toEqual(window.map((r) => r.fact * 10));
        expect([...cols.kind]).toEqual(window.map((r) => r.kind));
        expect([...cols.consumer]).toEqual(window.map((r) => r.consumer));
        expect([...cols.lane]).toEqual(window.map((r) => r.lane));
        const walked: Array<Row & { m: number }> = [];
        marks.each(from, to, (m, fact, kind, consumer, lane) => walked.push({ m, fact, kind, consumer, lane }));
        expect(walked).toEqual(window.map((r, k) => ({ m: from + k, ...r })));
      }),
      { numRuns: 300 },
    );
  });

  it('holds a mark for each record and each notable fact of a run, in fact order', async () => {
    const scenario = scenarios.find((s) => s.id === 'voting-booth')!;
    const sim = await buildRun(scenario);
    const index = buildRunIndex(sim.facts);
    const notable = new Set(['checkpoint', 'crash', 'restart', 'batch-delivered', 'batch-failed', 'invariant-broken', 'fault-injected', 'read-throttled', 'write-rejected']);
    const expected: number[] = [];
    for (let i = 0; i < sim.facts.length; i++) {
      const e = sim.facts.at(i)!;
      if (notable.has(e.type) || (e.type === 'record-appended' && index.laneByShard.has(e.shardId))) expected.push(i);
    }
    const facts = Array.from({ length: index.marks.n }, (_, m) => index.marks.fact(m));
    expect(facts).toEqual(expected);
    const records = facts.flatMap((f, m) => (index.marks.kind(m) === RECORD ? [f] : []));
    expect(records).toEqual([...index.rec.fact.toArray()]);
    expect(index.marks.n - records.length).toBeGreaterThan(0);
  });
});
