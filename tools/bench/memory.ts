/**
 * Memory per stored stream record: the reference workload (votes and vote changes on a
 * NEW_AND_OLD_IMAGES stream) run until it has appended `records` records, with the heap measured
 * after full collections before and after. Reported per record: everything the run keeps (the
 * record itself, its `record-appended` fact, its sequence number, the `write` fact and the item
 * versions the images point to), then again without the `write` facts, to show what the stream's
 * own store costs. Collections are forced through V8's `gc`, exposed at run time.
 *
 * May import: node:v8, node:vm, src/sim.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSimulation } from '../../src/sim/index.ts';
import type { TraceEvent } from '../../src/sim/index.ts';
import { createVotesTable } from '../../src/sim/testing/harness.ts';

export interface MemoryBenchResult {
  records: number;
  traceFacts: number;
  /** Heap kept by the run, per record. */
  bytesPerRecord: number;
  /** The same without the `write` facts (which the trace keeps beside each record). */
  bytesPerRecordWithoutWriteFacts: number;
}

/** A full, forced collection (V8's `gc`, exposed at run time). */
export function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

export async function benchMemory(records: number): Promise<MemoryBenchResult> {
  const gc = collector();
  gc();
  const before = process.memoryUsage().heapUsed;
  const sim = createSimulation({ seed: 7 });
  createVotesTable(sim);
  const candidates = ['alice', 'bob', 'carol'];
  // Scheduled in slices so the queued requests never add up to more than one slice.
  const slice = 50_000;
  for (let from = 0; from < records; from += slice) {
    for (let i = from; i < Math.min(records, from + slice); i++) {
      sim.schedule(i * 10, 'DynamoDB_20120810.PutItem', {
        TableName: 'Votes',
        Item: { voterId: { S: `voter#${i % 5000}` }, candidate: { S: candidates[i % 3]! }, votedAt: { N: String(i) } },
      });
    }
    await sim.advanceTo(Math.min(records, from + slice) * 10);
  }
  const trace = sim.trace as TraceEvent[];
  const appended = trace.reduce((n, e) => n + (e.type === 'record-appended' ? 1 : 0), 0);
  gc();
  const after = process.memoryUsage().heapUsed;
  // Drop the write facts (in place: the world holds this array) and measure again.
  let k = 0;
  for (const e of trace) if (e.type !== 'write') trace[k++] = e;
  const facts = trace.length;
  trace.length = k;
  gc();
  const withoutWrites = process.memoryUsage().heapUsed;
  return {
    records: appended,
    traceFacts: facts,
    bytesPerRecord: (after - before) / appended,
    bytesPerRecordWithoutWriteFacts: (withoutWrites - before) / appended,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchMemory(Number(process.argv[2] ?? 1_000_000)));
