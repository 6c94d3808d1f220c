// The text event log of the voting booth (src/scenarios/votingBooth.ts), read through the host as
// the UI reads it: writes with their records, the crash, the replay and the broken check, in words.
import { describe, expect, it } from 'vitest';
import { createHost } from './host.ts';
import { MAX_LOG_LINES } from './eventLog.ts';

describe('event log', () => {
  it('says what happened up to the playhead, bounded', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    await host.load('voting-booth');
    const first = await host.frame({ atMs: 4_000, eventLog: true });
    const texts = first.eventLog!.map((l) => l.text);
    expect(texts).toContainEqual(expect.stringMatching(/^PutItem ada on Votes: INSERT, record #\d+ in shard …[0-9a-f]{8}$/));
    expect(texts).toContain("counter's handler: UpdateItem Otter on VoteCounts-counter (INSERT)");
    expect(texts.some((t) => t.includes('leaseKey') || t.includes('on counter:'))).toBe(false); // lease bookkeeping is left out
    const end = await host.frame({ atMs: 120_000, eventLog: true });
    const log = end.eventLog!;
    expect(log.length).toBeLessThanOrEqual(MAX_LOG_LINES);
    expect(log.every((l, i) => i === 0 || l.atMs >= log[i - 1]!.atMs)).toBe(true);
    const all = (await Promise.all([40_000, 53_000, 60_000, 80_000, 120_000].map((t) => host.frame({ atMs: t, eventLog: true })))).flatMap((f) => f.eventLog!.map((l) => `${l.kind}: ${l.text}`));
    expect(all.some((t) => /^crash: counter worker-\d crashed/.test(t))).toBe(true);
    expect(all.some((t) => /^replay: counter worker-\d got \d+ records? again \(2nd delivery\)/.test(t))).toBe(true);
    expect(all.some((t) => /^broken: check /.test(t))).toBe(true);
    expect(all.some((t) => /^refused: PutItem ada on Votes refused by its condition/.test(t))).toBe(true);
  });
});

describe('the event log on request', () => {
  it('is built only for a frame that asks for it (a panel shows it), and a frame without it is never taken for one that holds it', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    await host.load('voting-booth');
    const without = await host.frame({ atMs: 60_000 });
    expect(without.eventLog).toBeUndefined();
    expect(without.partVersions?.eventLog).toBe(-1);
    // The client then asks with the versions it holds: the log's (-1) is no log's version, so it is built.
    const asked = await host.frame({ atMs: 60_000, eventLog: true, knownParts: { runId: without.runId, versions: without.partVersions! } });
    expect(asked.reused ?? []).not.toContain('eventLog');
    expect(asked.eventLog!.length).toBeGreaterThan(0);
    expect(asked.eventLog).toEqual((await host.frame({ atMs: 60_000, eventLog: true })).eventLog);
    // Held at its version, it is sent empty for the client to put back, as the other parts are.
    const again = await host.frame({ atMs: 60_000, eventLog: true, knownParts: { runId: asked.runId, versions: asked.partVersions! } });
    expect(again.reused).toContain('eventLog');
  });
});

describe('event log of a Lambda retry', () => {
  it('one line per redelivered batch, saying how many records did harm or were skipped', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    await host.load('voting-naive-crash');
    const naive = (await host.frame({ atMs: 30_000, eventLog: true })).eventLog!.filter((l) => l.kind === 'replay').map((l) => l.text);
    expect(naive).toEqual([expect.stringMatching(/^counter lane-0 got 5 records again \(2nd delivery\): 3 changed the result again \(harmful duplicates\)$/)]);
    await host.load('voting-idempotent');
    const idempotent = (await host.frame({ atMs: 30_000, eventLog: true })).eventLog!.filter((l) => l.kind === 'replay').map((l) => l.text);
    expect(idempotent).toEqual([expect.stringMatching(/^counter lane-0 got 5 records again \(2nd delivery\): 3 skipped as already applied$/)]);
  });
});
