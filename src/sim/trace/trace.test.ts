import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TraceEvent } from './events.ts';
import { Trace, type RowFactBuilder, type TraceSourceSlot } from './trace.ts';
import { createSimulation, forkSimulation } from '../simulation.ts';
import { createVotesTable } from '../testing/harness.ts';

/** Columns for the test: a row's fact names its columns and row, so a wrong source or row shows. */
interface TestColumns extends TraceSourceSlot {
  name: string;
}
const rowFact: RowFactBuilder<TestColumns> = Object.freeze((c: TestColumns, row: number) => ({ t: row, type: 'api-error', target: c.name, code: 'row', message: String(row) }) as TraceEvent);

type Op = { kind: 'object'; t: number } | { kind: 'row'; source: number; row: number };

function apply(ops: readonly Op[], columns: readonly TestColumns[]): { trace: Trace; model: TraceEvent[] } {
  const trace = new Trace();
  const model: TraceEvent[] = [];
  for (const op of ops) {
    if (op.kind === 'object') {
      const fact: TraceEvent = { t: op.t, type: 'table-deleted', table: `T${op.t}` };
      trace.push(fact);
      model.push(fact);
    } else {
      trace.pushRow(rowFact, columns[op.source]!, op.row);
      model.push(rowFact(columns[op.source]!, op.row));
    }
  }
  return { trace, model };
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('object' as const), t: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('row' as const), source: fc.nat(4), row: fc.nat(2 ** 31 - 1) }),
);

describe('the trace as rows', () => {
  const columns: TestColumns[] = Array.from({ length: 5 }, (_, i) => ({ name: `columns-${i}`, traceOwner: undefined, traceSource: 0 }));

  it("reads each trace's facts back when two traces record rows of the same columns in turn", () => {
    // The columns' slot names one trace at a time: the other must find its source by its own lookup.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(4), fc.nat(2 ** 31 - 1)), { maxLength: 200 }), (ops) => {
        const shared: TestColumns[] = Array.from({ length: 5 }, (_, i) => ({ name: `shared-${i}`, traceOwner: undefined, traceSource: 0 }));
        const traces = [new Trace(), new Trace()];
        const models: TraceEvent[][] = [[], []];
        for (const [second, source, row] of ops) {
          const k = second ? 1 : 0;
          traces[k]!.pushRow(rowFact, shared[source]!, row);
          models[k]!.push(rowFact(shared[source]!, row));
        }
        for (const k of [0, 1]) expect([...traces[k]!]).toEqual(models[k]);
      }),
    );
  });

  it('reads back every fact pushed, in order, by index, by iteration and as an array', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const { trace, model } = apply(ops, columns);
        expect(trace.length).toBe(model.length);
        for (let i = 0; i < model.length; i++) expect(trace.at(i)).toEqual(model[i]);
        expect([...trace]).toEqual(model);
        expect(JSON.stringify(trace.asArray())).toBe(JSON.stringify(model));
        expect(trace.asArray().filter((f) => f.type === 'table-deleted')).toEqual(model.filter((f) => f.type === 'table-deleted'));
        expect(trace.at(-1)).toEqual(model.at(-1));
        expect(trace.at(-model.length - 1)).toBeUndefined();
        expect(trace.at(model.length)).toBeUndefined();
      }),
    );
  });

  it('keeps rows across chunk boundaries and shares only the chunks no append writes again', () => {
    const ops: Op[] = [];
    for (let i = 0; i < 140_000; i++) ops.push(i % 7 === 0 ? { kind: 'object', t: i } : { kind: 'row', source: i % 5, row: i });
    const { trace, model } = apply(ops, columns);
    for (const i of [0, 65_535, 65_536, 65_537, 131_071, 131_072, 139_999]) expect(trace.at(i)).toEqual(model[i]);
    // Two full chunks, each a source array, a row-step array (each source's rows come in order) and its bases.
    expect([...trace.fullChunks()]).toHaveLength(6);
    expect([...trace.fullChunks()].filter((c) => c instanceof Int32Array)).toHaveLength(0);
  });

  it('keeps a chunk whose rows of one source go back or jump far as whole rows, read back the same', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ source: fc.nat(4), gap: fc.oneof(fc.nat(3), fc.integer({ min: -70_000, max: 70_000 })) }), { maxLength: 200 }), (steps) => {
        const next = [0, 0, 0, 0, 0];
        const ops: Op[] = steps.map(({ source, gap }) => ({ kind: 'row', source, row: (next[source] = Math.max(0, next[source]! + gap)) }));
        const { trace, model } = apply(ops, columns);
        for (let i = 0; i < model.length; i++) expect(trace.at(i)).toEqual(model[i]);
      }),
    );
  });

  it('refuses to be written through its array view', () => {
    const { trace } = apply([{ kind: 'object', t: 1 }], columns);
    const view = trace.asArray() as TraceEvent[];
    expect(() => view.push({ t: 2, type: 'table-deleted', table: 'x' })).toThrow(/read-only/);
    expect(Array.isArray(view)).toBe(true);
  });

  it('a fork and its parent each read their own facts after the snapshot, and the same ones before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), async (before, after) => {
        const sim = createSimulation({ seed: 3 });
        createVotesTable(sim);
        const put = (s: typeof sim, at: number, voter: string) => s.schedule(at, 'DynamoDB_20120810.PutItem', { TableName: 'Votes', Item: { voterId: { S: voter }, candidate: { S: 'alice' } } });
        for (let i = 0; i < before; i++) put(sim, i * 10, `v${i}`);
        await sim.advanceTo(before * 10);
        const shared = JSON.stringify(sim.trace);
        const fork = forkSimulation(sim.snapshot());
        for (let i = 0; i < after; i++) {
          put(sim, before * 10 + i * 10, `parent${i}`);
          put(fork, before * 10 + i * 10, `fork${i}`);
        }
        await sim.advanceTo((before + after) * 10);
        await fork.advanceTo((before + after) * 10);
        const head = (s: typeof sim) => JSON.stringify(s.trace.slice(0, JSON.parse(shared).length));
        expect(head(sim)).toBe(shared);
        expect(head(fork)).toBe(shared);
        const tail = (s: typeof sim) => JSON.stringify(s.trace.slice(JSON.parse(shared).length));
        expect(tail(sim)).toContain('parent');
        expect(tail(sim)).not.toContain('fork');
        expect(tail(fork)).toContain('fork');
        expect(tail(fork)).not.toContain('parent');
      }),
      { numRuns: 20 },
    );
  });
});
