/**
 * #20: the global-table votes scenario colours records by the vote (`view.colourBy` candidate),
 * not by voter: each record's colour names the candidate its item image holds, so voter-7's two
 * conflicting votes are told apart, and the frame says what the colours mean.
 */
import { describe, expect, it } from 'vitest';
import { COLOUR_NONE } from './columns.ts';
import { createHost } from './host.ts';
import { createFrameStore } from './frameStore.ts';

describe('records coloured by an attribute', () => {
  it('gives each global-table vote the colour of its candidate', async () => {
    const host = createHost();
    const run = await host.load('global-tables-lww');
    const frame = await host.frame({ atMs: run.durationMs });
    expect(frame.colourKey).toEqual({ attribute: 'candidate', label: 'vote', values: ['green', 'blue'] });
    const colour = frame.records.colour!;
    expect(colour).toHaveLength(frame.records.t.length);
    const byVoter = new Map<string, Set<string>>();
    for (let i = 0; i < colour.length; i++) {
      const sequenceNumber = frame.sequenceChunk.values[i - (frame.sequenceChunk.from - frame.recordFrom)]!;
      const shardId = frame.lanes[frame.records.lane[i]!]!.shardId;
      const body = (await host.frame({ atMs: run.durationMs, selected: { shardId, sequenceNumber } })).selectedRecord!;
      const image = body.dynamodb.NewImage ?? body.dynamodb.OldImage;
      const candidate = image?.candidate && 'S' in image.candidate ? image.candidate.S : undefined;
      expect(colour[i] === COLOUR_NONE ? undefined : frame.colourKey!.values[colour[i]!]).toBe(candidate);
      const voter = run.keys[frame.records.key[i]!]!;
      if (candidate) byVoter.set(voter, (byVoter.get(voter) ?? new Set()).add(candidate));
    }
    // One item, two votes: the item's colour would hide the conflict the lesson is about.
    expect([...byVoter.get('voter-7')!].sort()).toEqual(['blue', 'green']);
  });

  it('is a fixed column: the tail protocol carries it like the others', async () => {
    const host = createHost();
    const run = await host.load('global-tables-lww');
    const store = createFrameStore();
    for (const atMs of [3_000, 12_400, 13_000, run.durationMs, 6_000]) {
      const filled = store.fill(await host.frame({ atMs, ...store.known() }));
      expect(filled.records.colour).toEqual((await host.frame({ atMs })).records.colour);
    }
  });

  it('is absent where the scenario colours by item', async () => {
    const host = createHost();
    const run = await host.load('voting-booth');
    const frame = await host.frame({ atMs: run.durationMs });
    expect(frame.records.colour).toBeUndefined();
    expect(frame.colourKey).toBeUndefined();
  });
});
