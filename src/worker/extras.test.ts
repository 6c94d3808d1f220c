// The frame's additions for the panels (owners, counters, the scenario's own writes, a record's
// deliveries, narration stops), read through the host as the UI reads them. Times and voters come
// from src/scenarios/votingBooth.ts.
import { describe, expect, it } from 'vitest';
import { createInspectHost } from './testing/inspectHost.ts';
import type { TraceEvent } from '../sim/index.ts';
import type { Scenario } from '../scenarios/types.ts';
import { buildExtras } from './run.ts';
import { buildRunIndex as buildIndex } from './runIndex.ts';
import { parseStreamInput } from '../bridge/import/parse.ts';
import { analyseStream } from '../bridge/import/analyse.ts';
import { importedTrace } from '../bridge/import/trace.ts';
import { jsonLines } from '../../tools/bench/importGen.ts';

describe('frame extras', () => {
  it('marks consumer-created tables with their owner and keeps their writes out of the source writes', async () => {
    const host = createInspectHost();
    const run = await host.load('voting-booth');
    const frame = await host.frame({ atMs: 120_000 });
    const owners = Object.fromEntries(frame.tables.map((t) => [t.name, t.owner ?? null]));
    expect(owners).toMatchObject({ Votes: null, counter: 'counter' });
    expect(frame.sourceWrites!.every((w) => w.table === 'Votes')).toBe(true);
    expect(frame.sourceWriteCount).toBe(13); // 12 successful writes and Ada's refused vote
    expect(run.narrationStops).toHaveLength(run.scenario.narration!.length);
    expect(run.narrationStops!.every((t) => t !== null)).toBe(true);
    const view = await host.view(120_000);
    expect(view.tables.find((t) => t.name === 'counter')?.owner).toBe('counter');
  });

  it('shares the index\'s write facts as the source writes only when they are the same facts', () => {
    const trace: TraceEvent[] = [
      { t: 0, type: 'table-created', table: 'Votes', keyAttributes: ['pk'] },
      { t: 1, type: 'write', table: 'Votes', op: 'PutItem', key: { pk: { S: 'a' } }, keyString: 'a', outcome: 'INSERT', newItem: { pk: { S: 'a' } } },
      { t: 2, type: 'table-created', table: 'leases', keyAttributes: ['pk'], owner: 'kcl' },
      { t: 3, type: 'write', table: 'leases', op: 'PutItem', key: { pk: { S: 'l' } }, keyString: 'l', outcome: 'INSERT', newItem: { pk: { S: 'l' } } },
    ];
    const scenario = { durationMs: 10 } as Scenario;
    const plain = buildIndex(trace.slice(0, 2));
    const shared = buildExtras(trace.slice(0, 2), scenario, plain.writeFacts);
    expect(shared.sourceWriteFacts).toBe(plain.writeFacts);
    expect([...shared.sourceWriteFacts.toArray()]).toEqual([1]);
    const owned = buildIndex(trace);
    const apart = buildExtras(trace, scenario, owned.writeFacts);
    expect([...owned.writeFacts.toArray()]).toEqual([1, 3]);
    expect([...apart.sourceWriteFacts.toArray()]).toEqual([1]);
  });

  it('counts at the playhead and lists the selected record’s deliveries, twice for Barbara’s vote', async () => {
    const host = createInspectHost();
    await host.load('voting-booth');
    const before = await host.frame({ atMs: 1_000 });
    expect(before.counters?.counter?.harmfulDuplicates ?? 0).toBe(0);
    const end = await host.frame({ atMs: 120_000 });
    expect(end.counters!.counter).toMatchObject({ harmfulDuplicates: 1, crashes: 1 });
    expect(end.counters!.counter!.recordsProcessed).toBe(12);
    const view = await host.view(120_000);
    const barbara = view.streams[0]!.shards.flatMap((s) => s.records.map((r) => ({ shardId: s.shardId, r }))).find(({ r }) => r.keySummary === 'barbara')!;
    const f = await host.frame({ atMs: 120_000, selected: { shardId: barbara.shardId, sequenceNumber: barbara.r.sequenceNumber } });
    expect(f.selectedDeliveries!.map((d) => d.deliveryCount)).toEqual([1, 2]);
    expect(f.selectedDeliveries![1]!.harm).toBe(true);
    expect(f.selectedLambdaRecord).toMatchObject({ eventSourceARN: view.streams[0]!.streamArn, eventName: 'INSERT' });
  });

  it('reads only an imported run\'s few other facts and gets the extras a pass over every fact gets', () => {
    // 2,000 records with a duplicate every 300th: findings are the pseudo-consumer's facts among the records'.
    const parsed = parseStreamInput([...jsonLines(2_000, { duplicateEvery: 300 }, 50)].join(''));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const findings = analyseStream(parsed.stream);
    expect(findings.length).toBeGreaterThan(3);
    const { trace } = importedTrace(parsed.stream, findings);
    const few = trace.otherFacts();
    expect(few.length).toBe(trace.length - 2 * parsed.stream.records.length);
    const scenario = { durationMs: 1e9 } as Scenario;
    const index = buildIndex(trace);
    const read: number[] = [];
    const counted = { length: trace.length, at: (i: number) => (read.push(i), trace.at(i)), [Symbol.iterator]: () => trace[Symbol.iterator]() };
    const quick = buildExtras(counted, scenario, index.writeFacts, few);
    const full = buildExtras(trace, scenario, index.writeFacts);
    expect(quick.counters.get('findings')!.facts.length).toBe(findings.length);
    expect(quick).toEqual(full);
    expect(quick.sourceWriteFacts).toBe(index.writeFacts);
    // A fact each counted fact's neighbour, besides the few themselves read three times: no pass over the records.
    expect(read.length).toBeLessThan(5 * few.length);
    // An owned table among the few: every fact is read, as before.
    const owned = [{ t: 0, type: 'table-created', table: 'x', keyAttributes: ['pk'], owner: 'kcl' } as TraceEvent, ...trace];
    const ownedList = { length: owned.length, at: (i: number) => owned[i], [Symbol.iterator]: () => owned[Symbol.iterator]() };
    const ownedIndex = buildIndex(owned);
    expect(buildExtras(ownedList, scenario, ownedIndex.writeFacts, [0, ...[...few].map((f) => f + 1)])).toEqual(buildExtras(ownedList, scenario, ownedIndex.writeFacts));
  });
});
