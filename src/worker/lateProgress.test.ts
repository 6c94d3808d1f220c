// A progress report that arrives after its call's reply is dropped by the client. Comlink sends a
// progress callback's calls on a port of their own, and the reply on the worker's: two channels,
// with no order between them, so under load the last report can come after the reply. Before this
// rule a grade's last report ("run 3 of 3") came after its result and left the panel at "Grading…".
// The fake worker below replies first and reports afterwards: the ordering forced.
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimClient, type SimClient } from './client.ts';
import type { GradeProgress, GradeResult, LoadProgress, LoadResult } from './protocol.ts';

/** A "worker" that is one end of a MessageChannel; the other end exposes `api` as the worker does. */
function channelWorker(api: object): Worker {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as unknown as Parameters<typeof expose>[1]);
  const worker = {
    postMessage: (message: unknown, transfer: Transferable[] = []) => port1.postMessage(message, transfer as never),
    addEventListener: (type: string, listener: (e: Event) => void) => port1.addEventListener(type, listener as never),
    removeEventListener: (type: string, listener: (e: Event) => void) => port1.removeEventListener(type, listener as never),
    start: () => port1.start(),
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
  return worker as unknown as Worker;
}

/** Reports once after replying; `late` settles when the report has reached the client. */
function replyThenReport<P>(report: P): { later: (onProgress: (p: P) => unknown) => void; late: Promise<void> } {
  let delivered!: () => void;
  const late = new Promise<void>((resolve) => (delivered = resolve));
  return {
    later(onProgress) {
      setTimeout(() => void Promise.resolve(onProgress(report)).then(delivered), 20);
    },
    late,
  };
}

const result: GradeResult = { challengeId: 'poison-record', passed: true, variants: [] };
let client: SimClient | undefined;
afterEach(() => client?.dispose());

describe('progress after the reply', () => {
  it('a grade\'s last report, arriving after its result, is dropped', async () => {
    const last = replyThenReport<GradeProgress>({ done: 3, total: 3, variant: '' });
    client = createSimClient(() =>
      channelWorker({
        async grade(_id: string, _attempt: unknown, onProgress: (p: GradeProgress) => Promise<void>) {
          await onProgress({ done: 0, total: 3, variant: 'The run you see' });
          last.later(onProgress);
          return result;
        },
      }),
    );
    const seen: GradeProgress[] = [];
    const graded = await client.grade('poison-record', {}, (p) => seen.push(p));
    expect(graded).toEqual(result);
    const atReply = seen.length;
    await last.late;
    expect(atReply).toBe(1);
    expect(seen).toEqual([{ done: 0, total: 3, variant: 'The run you see' }]);
  });

  it('a load\'s last report, arriving after its result, is dropped (it would show "Computing…" again)', async () => {
    const last = replyThenReport<LoadProgress>({ doneMs: 60_000, totalMs: 60_000, facts: 900 });
    const loaded = { runId: 1 } as unknown as LoadResult;
    client = createSimClient(() =>
      channelWorker({
        async load(_source: unknown, _options: unknown, onProgress: (p: LoadProgress) => Promise<void>) {
          last.later(onProgress);
          return loaded;
        },
      }),
    );
    const seen: LoadProgress[] = [];
    expect(await client.load('voting-app', {}, (p) => seen.push(p))).toEqual(loaded);
    await last.late;
    expect(seen).toEqual([]);
  });
});
