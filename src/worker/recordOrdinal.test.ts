// Records are labelled by their place on their shard (`#n`, ui/panels/sequenceLabel.ts) because the
// last digits of real sequence numbers do not sort. This checks, through the host as the UI reads
// it, that the place sorts exactly as the sequence numbers do (compared as big integers), shard by
// shard, in the timeline's columns, the panels' view, checkpoints and the event log.
import { describe, expect, it } from 'vitest';
import { createHost } from './host.ts';

describe('a record’s place on its shard', () => {
  it('counts 1, 2, 3… per shard in sequence-number order (voting booth: four shards)', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    const run = await host.load('voting-booth');
    const f = await host.frame({ atMs: run.durationMs });
    const byLane = new Map<number, Array<{ seq: bigint; ordinal: number }>>();
    for (let k = 0; k < f.records.t.length; k++) {
      const list = byLane.get(f.records.lane[k]!) ?? byLane.set(f.records.lane[k]!, []).get(f.records.lane[k]!)!;
      list.push({ seq: BigInt(f.sequenceChunk.values[k - (f.sequenceChunk.from - f.recordFrom)]!), ordinal: f.records.ordinal[k]! });
    }
    expect(byLane.size).toBeGreaterThan(1);
    let misleadingTails = 0;
    for (const list of byLane.values()) {
      const bySeq = [...list].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
      expect(bySeq.map((r) => r.ordinal)).toEqual(list.map((_, i) => i + 1));
      for (let i = 1; i < bySeq.length; i++) if (bySeq[i]!.seq % 10_000n < bySeq[i - 1]!.seq % 10_000n) misleadingTails++;
    }
    // The old label (the last four digits) would have put some increasing numbers out of order.
    expect(misleadingTails).toBeGreaterThan(0);
  });

  it('is the same in the full view, in checkpoints and in the event log', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    const run = await host.load('voting-booth');
    const f = await host.frame({ atMs: run.durationMs });
    const seqAt = (k: number) => f.sequenceChunk.values[k - (f.sequenceChunk.from - f.recordFrom)]!;
    const ordinalBySeq = new Map<string, number>();
    for (let k = 0; k < f.records.t.length; k++) ordinalBySeq.set(seqAt(k), f.records.ordinal[k]!);
    const checkpoints = f.consumers.flatMap((c) => c.checkpoints).filter((c) => /^\d+$/.test(c.value));
    expect(checkpoints.length).toBeGreaterThan(0);
    for (const c of checkpoints) expect(c.ordinal).toBe(ordinalBySeq.get(c.value));
    const early = await host.frame({ atMs: 4_000, eventLog: true });
    const line = early.eventLog!.find((l) => l.kind === 'write' && l.text.includes('record #'));
    expect(line?.text).toMatch(/record #1 in shard/);
  });

  it('names the lease table’s checkpoint cell by the same #n (issue 20: it showed the last six digits)', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    const run = await host.load('voting-booth');
    const f = await host.frame({ atMs: run.durationMs });
    const seqAt = (k: number) => f.sequenceChunk.values[k - (f.sequenceChunk.from - f.recordFrom)]!;
    const ordinalBySeq = new Map<string, number>();
    for (let k = 0; k < f.records.t.length; k++) ordinalBySeq.set(seqAt(k), f.records.ordinal[k]!);
    const lease = f.tables.find((t) => t.keyAttributes.includes('leaseKey'));
    const rows = (lease?.items ?? []).filter((r) => r.item.checkpoint !== undefined && 'S' in r.item.checkpoint && /^\d+$/.test(r.item.checkpoint.S));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const seq = (row.item.checkpoint as { S: string }).S;
      expect(row.checkpointOrdinal).toBe(ordinalBySeq.get(seq));
    }
  });
});
