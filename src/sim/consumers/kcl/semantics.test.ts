/**
 * KCL delivery semantics: swallowed processor errors, checkpoint validation, zombies, trimmed
 * checkpoints, expired iterators, at-most-once vs at-least-once and the checkpoint-interval trade-off.
 */
import { describe, expect, test } from 'vitest';
import { addKclConsumer, createKclApi } from './index.ts';
import { factsOf, kclWorld, loggingFactory, recordingHandler, writeItems } from './testkit.ts';
import type { CheckpointStrategy, KclConsumerSpec } from '../spec.ts';
import type { Simulation } from '../../simulation.ts';

function kclSpec(checkpoint: CheckpointStrategy, workers = ['w1', 'w2']): KclConsumerSpec {
  return { id: 'app', kind: 'kcl', handler: recordingHandler().spec, workers, checkpoint, config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' } };
}

function deliveries(sim: Simulation): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of factsOf(sim.trace, 'record-processed')) m.set(p.eventID, Math.max(m.get(p.eventID) ?? 0, p.deliveryCount));
  return m;
}

describe('record processor contract (reference §7.5)', () => {
  test('check 66: an exception from processRecords is swallowed; the batch is skipped and the checkpoint does not move', async () => {
    const { sim } = kclWorld();
    const h = recordingHandler();
    addKclConsumer(sim.world, kclSpec({ kind: 'every-batch' }, ['w1']), h);
    sim.intervene({ at: 0, kind: 'poison-record', target: 'app', params: { keyString: 'S2:k3' } });
    await sim.advanceBy(1);
    writeItems(sim, 10);
    await sim.advanceBy(2_000);
    expect(h.seen).toHaveLength(3); // k0..k2; k3 threw; k4..k9 skipped
    expect(factsOf(sim.trace, 'processing-error-swallowed')).toHaveLength(1);
    expect(factsOf(sim.trace, 'checkpoint')).toHaveLength(0);
    expect(createKclApi(sim.world).leases('app')[0]!.checkpoint).toBe('TRIM_HORIZON');
    writeItems(sim, 2, 'later');
    await sim.advanceBy(2_000);
    // The next batch is processed and checkpointed; k3..k9 are never retried.
    expect(h.seen).toHaveLength(5);
    expect(factsOf(sim.trace, 'checkpoint')).toHaveLength(1);
    expect(factsOf(sim.trace, 'batch-delivered').map((b) => b.eventIDs.length)).toEqual([10, 2]);
  });

  test('check 67: checkpoint(seq) below the last checkpoint or above the largest delivered throws IllegalArgumentException', async () => {
    const { sim, streamArn } = kclWorld();
    const errors: string[] = [];
    let lastCheckpointed: string | undefined;
    const { factory } = loggingFactory({
      onBatch(records, cp) {
        const seqs = records.map((r) => r.dynamodb.SequenceNumber);
        const previous = lastCheckpointed;
        lastCheckpointed = seqs[seqs.length - 1]!; // the factory checkpoints the batch after this hook
        if (previous === undefined) return;
        for (const seq of [(BigInt(previous) - 1n).toString(), (BigInt(seqs[seqs.length - 1]!) + 1n).toString()]) {
          try {
            cp.checkpoint(seq);
          } catch (e) {
            errors.push((e as Error).name);
          }
        }
        cp.checkpoint(seqs[0]!); // within range: fine
      },
    });
    createKclApi(sim.world).createApplication({ applicationName: 'app', streamArn, workers: ['w1'], processorFactory: factory, config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' } });
    writeItems(sim, 3);
    await sim.advanceBy(2_000);
    writeItems(sim, 3, 'b');
    await sim.advanceBy(2_000);
    expect(errors).toEqual(['IllegalArgumentException', 'IllegalArgumentException']);
  });

  test('check 67/68: after losing its lease a zombie keeps processing until it notices; its checkpoint throws ShutdownException', async () => {
    const { sim } = kclWorld();
    const h = recordingHandler();
    addKclConsumer(sim.world, { ...kclSpec({ kind: 'every-interval', intervalMs: 60_000 }), handler: h.spec }, h);
    // A steady workload: one write every 200 ms.
    for (let t = 100; t < 20_000; t += 200) sim.schedule(t, 'DynamoDB_20120810.PutItem', { TableName: 'src', Item: { pk: { S: `t${t}` } } });
    sim.intervene({ at: 5_000, kind: 'lose-lease', target: 'app/w1', params: {} });
    await sim.advanceBy(30_000);
    const lost = factsOf(sim.trace, 'lease-lost').find((l) => l.worker === 'w1')!;
    expect(lost).toMatchObject({ newOwner: 'w2' });
    expect(lost.t).toBeGreaterThan(5_000);
    // Records processed by both workers, the zombie after the lease had moved: twice at once.
    const byW1 = new Set(h.seen.filter((s) => s.worker === 'w1').map((s) => s.eventID));
    const both = h.seen.filter((s) => s.worker === 'w2' && byW1.has(s.eventID));
    expect(both.length).toBeGreaterThan(0);
    const zombieBatches = factsOf(sim.trace, 'batch-delivered').filter((b) => b.worker === 'w1' && b.t > 5_000 && b.t <= lost.t);
    expect(zombieBatches.length).toBeGreaterThan(0);
    expect(factsOf(sim.trace, 'processor-shutdown').find((s) => s.worker === 'w1')).toMatchObject({ reason: 'ZOMBIE', checkpointed: false });
  });

  test('check 67: a checkpoint after the lease was taken fails its condition and throws ShutdownException; shutdown is ZOMBIE', async () => {
    const { sim, streamArn } = kclWorld();
    const { log, factory } = loggingFactory();
    createKclApi(sim.world).createApplication({ applicationName: 'app', streamArn, workers: ['w1', 'w2'], processorFactory: factory, config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' } });
    await sim.advanceBy(1_000);
    sim.intervene({ at: 1_000, kind: 'lose-lease', target: 'app/w1', params: {} });
    await sim.advanceBy(1);
    writeItems(sim, 2);
    await sim.advanceBy(2_000);
    const swallowed = factsOf(sim.trace, 'processing-error-swallowed').filter((f) => f.worker === 'w1');
    expect(swallowed.map((f) => f.error.split(':')[0])).toEqual(['ShutdownException']);
    expect(factsOf(sim.trace, 'lease-lost')).toEqual([expect.objectContaining({ worker: 'w1', detectedBy: 'checkpoint', newOwner: 'w2' })]);
    expect(log.shutdowns.find((s) => s.reason === 'ZOMBIE')).toMatchObject({ error: 'ShutdownException' });
  });
});

describe('adapter behaviour (reference §7.6)', () => {
  test('check 70: a trimmed checkpoint resumes at TRIM_HORIZON silently; the records in the gap are lost', async () => {
    const { sim } = kclWorld({ retentionMs: 60_000 });
    const h = recordingHandler();
    addKclConsumer(sim.world, kclSpec({ kind: 'every-batch' }, ['w1']), h);
    writeItems(sim, 5);
    await sim.advanceBy(2_000);
    sim.intervene({ at: 2_000, kind: 'crash', target: 'app/w1', params: { when: 'now' } });
    await sim.advanceBy(1_000);
    writeItems(sim, 5, 'gap');
    sim.intervene({ at: 70_000, kind: 'restart', target: 'app/w1' });
    await sim.advanceBy(120_000);
    writeItems(sim, 2, 'late');
    await sim.advanceBy(5_000);
    expect(factsOf(sim.trace, 'iterator-reset-to-trim-horizon')).toHaveLength(1);
    expect(factsOf(sim.trace, 'api-error').some((e) => e.code === 'TrimmedDataAccessException')).toBe(true);
    expect(h.seen).toHaveLength(7); // 5 before the crash + 2 late; the 5 "gap" records were trimmed unread
  });

  test('expired iterator: re-opened AFTER_SEQUENCE_NUMBER of the last processed record, nothing lost or repeated (§5.4)', async () => {
    const { sim } = kclWorld();
    const h = recordingHandler();
    addKclConsumer(sim.world, kclSpec({ kind: 'every-batch' }, ['w1']), h);
    writeItems(sim, 4);
    await sim.advanceBy(2_000);
    sim.intervene({ at: 2_000, kind: 'expire-iterator', target: 'app', params: {} });
    await sim.advanceBy(1);
    writeItems(sim, 4, 'b');
    await sim.advanceBy(3_000);
    expect(factsOf(sim.trace, 'iterator-expired')).toHaveLength(1);
    expect(factsOf(sim.trace, 'iterator-issued').at(-1)).toMatchObject({ iteratorType: 'AFTER_SEQUENCE_NUMBER' });
    expect(h.seen).toHaveLength(8);
    expect(new Set(h.seen.map((s) => s.eventID)).size).toBe(8);
  });

  test('redeliver-batch does not apply to KCL and says so', async () => {
    const { sim } = kclWorld();
    addKclConsumer(sim.world, kclSpec({ kind: 'every-batch' }, ['w1']), recordingHandler());
    sim.intervene({ at: 0, kind: 'redeliver-batch', target: 'app', params: {} });
    await sim.advanceBy(1);
    expect(factsOf(sim.trace, 'fault-injected')[0]).toMatchObject({ applied: false });
  });
});

describe('delivery semantics (reference §8)', () => {
  test('check 72: checkpoint before processing + crash between the two loses records (at-most-once)', async () => {
    const { sim } = kclWorld();
    addKclConsumer(sim.world, kclSpec({ kind: 'before-processing' }), recordingHandler());
    createKclApi(sim.world).crashWorker('app', 'w1', { midBatchAfterRecords: 3 });
    writeItems(sim, 10);
    await sim.advanceBy(90_000);
    const seen = deliveries(sim);
    expect(seen.size).toBe(3);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(factsOf(sim.trace, 'lease-taken').some((f) => f.worker === 'w2' && f.reason === 'expired')).toBe(true);
  });

  test('check 72: checkpoint after processing + crash between the two replays records (at-least-once)', async () => {
    const { sim } = kclWorld();
    addKclConsumer(sim.world, kclSpec({ kind: 'every-batch' }), recordingHandler());
    sim.intervene({ at: 0, kind: 'crash', target: 'app/w1', params: { when: 'before-checkpoint' } });
    await sim.advanceBy(1);
    writeItems(sim, 10);
    await sim.advanceBy(90_000);
    const seen = deliveries(sim);
    expect(seen.size).toBe(10);
    expect([...seen.values()].every((n) => n === 2)).toBe(true);
    expect(factsOf(sim.trace, 'crash')).toEqual([expect.objectContaining({ worker: 'w1', reason: 'before-checkpoint' })]);
  });

  test('check 72/§7.5: checkpoint writes fall and replayed records rise as the checkpoint interval grows', async () => {
    const run = async (checkpoint: CheckpointStrategy): Promise<{ writes: number; replayed: number }> => {
      const { sim } = kclWorld();
      addKclConsumer(sim.world, kclSpec(checkpoint), recordingHandler());
      createKclApi(sim.world).crashWorker('app', 'w1', { midBatchAfterRecords: 25 });
      writeItems(sim, 50);
      await sim.advanceBy(90_000);
      const replayed = [...deliveries(sim).values()].filter((n) => n > 1).length;
      return { writes: factsOf(sim.trace, 'checkpoint').length, replayed };
    };
    const perRecord = await run({ kind: 'every-record' });
    const every10 = await run({ kind: 'every-n-records', n: 10 });
    const perBatch = await run({ kind: 'every-batch' });
    expect(perRecord.writes).toBeGreaterThan(every10.writes);
    expect(every10.writes).toBeGreaterThan(perBatch.writes);
    expect(perRecord.replayed).toBeLessThan(every10.replayed);
    expect(every10.replayed).toBeLessThan(perBatch.replayed);
    expect(perBatch.replayed).toBe(25);
  });

  test('determinism: the same scenario gives the same trace hash twice', async () => {
    const run = async (): Promise<string> => {
      const { sim } = kclWorld({ partitions: 3, seed: 11 });
      addKclConsumer(sim.world, kclSpec({ kind: 'every-n-records', n: 3 }), recordingHandler());
      for (let t = 0; t < 60_000; t += 700) sim.schedule(t, 'DynamoDB_20120810.PutItem', { TableName: 'src', Item: { pk: { S: `k${t % 13}` }, t: { N: String(t) } } });
      sim.intervene({ at: 15_000, kind: 'crash', target: 'app/w1', params: { when: 'mid-batch', afterRecords: 2 } });
      sim.intervene({ at: 40_000, kind: 'restart', target: 'app/w1' });
      sim.intervene({ at: 50_000, kind: 'lose-lease', target: 'app', params: {} });
      await sim.advanceBy(120_000);
      return sim.traceHash();
    };
    expect(await run()).toBe(await run());
  });
});
