/**
 * Memory per stored stream record: the reference workload (votes and vote changes on a
 * NEW_AND_OLD_IMAGES stream) run until it has appended `records` records, with the heap measured
 * after full collections before and after. Reported per record: everything the run keeps (the
 * record's row in its shard's columns, the write's row, the trace's two rows for it, the
 * item version the images and the write point to, keys and tables; the JS heap plus the
 * ArrayBuffers the columns sit in), then what of that is the trace (its rows and the facts kept as objects) and what is the
 * item versions, measured by dropping each in turn (the rest is the columns, keys and tables).
 * Collections are forced through V8's `gc`, exposed at run time.
 *
 * May import: node:v8, node:vm, src/sim.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSimulation } from '../../src/sim/index.ts';
import { Trace } from '../../src/sim/trace/trace.ts';
import { createVotesTable } from '../../src/sim/testing/harness.ts';
import { forgetItemKeys } from '../../src/sim/table/itemKey.ts';

export interface MemoryBenchResult {
  records: number;
  traceFacts: number;
  /** Heap kept by the run, per record. */
  bytesPerRecord: number;
  /** Of which the trace: its rows (a `write` and a `record-appended` per record) and the facts kept as objects. */
  factBytesPerRecord: number;
  /** Of which the item versions (the items themselves: every write makes a new one here). */
  itemBytesPerRecord: number;
  /** The rest: record and write columns, keys, tables. */
  columnBytesPerRecord: number;
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

/** The JS heap plus ArrayBuffer backing stores (typed-array columns live outside the heap V8 reports as used). */
export function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export async function benchMemory(records: number): Promise<MemoryBenchResult> {
  const gc = collector();
  // The key cache is shared by every world (sim/table/itemKey.ts): keys an earlier bench made would not be counted here.
  forgetItemKeys();
  gc();
  const before = used();
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
  const facts = sim.facts.length;
  let appended = 0;
  for (let i = 0; i < facts; i++) if (sim.facts.at(i)!.type === 'record-appended') appended++;
  gc();
  const after = used();
  // Drop the trace (its rows, and the facts kept as objects), then the item versions, measuring after each.
  // The columns name the trace that reads them (`TraceSourceSlot`): let go of that too, or the old
  // trace stays reachable and its rows are counted as the columns'.
  (sim.world as { trace: Trace }).trace = new Trace();
  sim.world.writes.traceOwner = undefined;
  for (const stream of sim.world.streams.values()) for (const shard of stream.shards) shard.records.traceOwner = undefined;
  gc();
  const withoutFacts = used();
  const v = sim.world.itemVersions;
  for (const list of [v.versions, v.slots, v.numbers, ...v.appendOnlyLists()]) list.length = 0;
  for (const cache of v.caches()) cache.clear();
  for (const table of sim.world.tables.values()) table.items.clear();
  gc();
  const withoutItems = used();
  return {
    records: appended,
    traceFacts: facts,
    bytesPerRecord: (after - before) / appended,
    factBytesPerRecord: (after - withoutFacts) / appended,
    itemBytesPerRecord: (withoutFacts - withoutItems) / appended,
    columnBytesPerRecord: (withoutItems - before) / appended,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchMemory(Number(process.argv[2] ?? 1_000_000)));
