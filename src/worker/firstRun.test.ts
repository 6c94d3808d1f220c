// The run a plain visit asks for first is started before it asks; the page gets exactly the run it
// asks for either way (the same result as a worker that waited for the request).
import { describe, expect, it } from 'vitest';
import { createHost } from './host.ts';
import { createFirstRun, firstRunFromName, SIM_WORKER_NAME } from './firstRun.ts';
import type { LoadProgress } from './protocol.ts';

const plainHost = () => createHost({ yieldSlice: () => Promise.resolve() });
/** The page's request comes as a message of its own, after the worker's start has run its course so far. */
const nextMessage = () => new Promise((resolve) => setTimeout(resolve, 0));
/** A run as the page sees it, but its id (the given-up guess took one). */
const withoutId = (r: { runId: number }) => ({ ...r, runId: 0 });

describe('firstRunFromName', () => {
  it('reads the scenario id the head script put in the worker name only', () => {
    expect(firstRunFromName(`${SIM_WORKER_NAME} first-run=voting-booth`)).toBe('voting-booth');
    expect(firstRunFromName(`${SIM_WORKER_NAME} first-run=`)).toBeUndefined();
    expect(firstRunFromName(SIM_WORKER_NAME)).toBeUndefined();
    expect(firstRunFromName('')).toBeUndefined();
    expect(firstRunFromName('first-run=voting-booth')).toBeUndefined();
  });
});

describe('createFirstRun', () => {
  it('hands the early run to the first load of that scenario, with the same result as a load on request', async () => {
    const host = plainHost();
    const calls: unknown[] = [];
    const first = createFirstRun({ load: (...a) => (calls.push(a[0]), host.load(...a)) });
    first.start('voting-booth');
    await nextMessage();
    const progress: LoadProgress[] = [];
    const run = await first.load('voting-booth', {}, (p) => progress.push(p));
    expect(calls).toEqual(['voting-booth']); // not loaded twice
    const onRequest = await plainHost().load('voting-booth', {});
    expect(run).toEqual(onRequest);
    expect((await host.frame({ atMs: 1_000 })).runId).toBe(run.runId);
  });

  it('loads what the page asks for when it is not the early run, and the later page loads as usual', async () => {
    const host = plainHost();
    const calls: unknown[] = [];
    const first = createFirstRun({ load: (...a) => (calls.push([a[0], a[1]]), host.load(...a)) });
    first.start('voting-booth');
    await nextMessage();
    const seeded = await first.load('voting-booth', { seed: 7 });
    expect(seeded.seed).toBe(7);
    expect(withoutId(seeded)).toEqual(withoutId(await plainHost().load('voting-booth', { seed: 7 })));
    // Once the page has asked, nothing is guessed any more.
    first.start('voting-booth');
    await first.load('voting-booth', {});
    expect(calls).toEqual([['voting-booth', {}], ['voting-booth', { seed: 7 }], ['voting-booth', {}]]);
  });

  it('loads another scenario than the guess, and the host shows that one', async () => {
    const host = plainHost();
    const first = createFirstRun(host);
    first.start('voting-booth');
    await nextMessage();
    const other = await first.load('poison-record', {});
    expect(withoutId(other)).toEqual(withoutId(await plainHost().load('poison-record', {})));
    expect((await host.frame({ atMs: 0 })).runId).toBe(other.runId);
  });
});
