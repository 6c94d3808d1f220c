import { describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { esmWorld, putItem } from './testkit.ts';

describe('ESM reorder faults', () => {
  it("§4 / check 30: holding one shard back processes later records of other shards first; each item's order holds", async () => {
    const { sim, lambda, streamArn } = esmWorld({ partitions: 2 });
    const seen: string[] = [];
    lambda.registerFunction('fn', (event: DynamoDBStreamEvent) => {
      for (const r of event.Records) seen.push(`${r.dynamodb!.Keys!.pk!.S}:${r.dynamodb!.NewImage?.n?.N ?? '-'}`);
    });
    lambda.createEventSourceMapping({ FunctionName: 'fn', BatchSize: 1, StartingPosition: 'TRIM_HORIZON', EventSourceArn: streamArn });
    await sim.advanceBy(2_000);
    const shards = [...new Set(sim.trace.flatMap((e) => (e.type === 'shard-opened' ? [e.shardId] : [])))];
    sim.intervene({ at: sim.now(), kind: 'reorder', target: 'fn', params: { mode: 'shards', shardId: shards[0]!, delayMs: 20_000 } });
    // Keys on both shards, written in time order, two versions each.
    const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
    for (const n of [1, 2]) {
      for (const k of keys) {
        putItem(sim, k, { n: { N: String(n) } });
        await sim.advanceBy(500);
      }
    }
    await sim.advanceBy(40_000);
    const shardOf = new Map(sim.trace.flatMap((e) => (e.type === 'record-appended' ? [[e.keyString.slice(e.keyString.indexOf(':') + 1), e.shardId] as const] : [])));
    const held = keys.filter((k) => shardOf.get(k) === shards[0]);
    const free = keys.filter((k) => shardOf.get(k) !== shards[0]);
    expect(held.length).toBeGreaterThan(0);
    expect(free.length).toBeGreaterThan(0);
    expect(sim.trace.find((e) => e.type === 'fault-injected')).toMatchObject({ kind: 'reorder', applied: true });
    // Every record arrives; the held shard's first record comes after the free shards' last one.
    expect(seen).toHaveLength(16);
    const firstHeld = seen.findIndex((s) => held.includes(s.split(':')[0]!));
    const lastFree = seen.map((s) => free.includes(s.split(':')[0]!)).lastIndexOf(true);
    expect(firstHeld).toBeGreaterThan(lastFree);
    // Per item, version 1 still comes before version 2.
    for (const k of keys) expect(seen.indexOf(`${k}:1`)).toBeLessThan(seen.indexOf(`${k}:2`));
  });
});
