// The client adopts the worker the page's head script started, once, and drops one that already
// failed (a fresh worker then reports the failure through the client's own listener).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimClient } from './client.ts';
import { EARLY_WORKER_KEY, takeEarlyWorker } from './earlyStart.ts';

class FakeWorker extends EventTarget {
  posted: unknown[] = [];
  terminated = false;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
}

const scope = globalThis as unknown as Record<string, unknown>;
afterEach(() => {
  delete scope[EARLY_WORKER_KEY];
  vi.unstubAllGlobals();
});

describe('takeEarlyWorker', () => {
  it('gives the early worker once, then nothing', () => {
    const worker = new FakeWorker();
    const holder: Record<string, unknown> = { [EARLY_WORKER_KEY]: { worker, failed: undefined } };
    expect(takeEarlyWorker(holder)?.worker).toBe(worker);
    expect(takeEarlyWorker(holder)).toBeUndefined();
  });

  it('ignores a page without one, or something else under the name', () => {
    expect(takeEarlyWorker({})).toBeUndefined();
    expect(takeEarlyWorker({ [EARLY_WORKER_KEY]: null })).toBeUndefined();
    expect(takeEarlyWorker({ [EARLY_WORKER_KEY]: 'a worker' })).toBeUndefined();
  });
});

/** `new Worker()` gives fake workers; the list holds those started. */
function stubWorkers(): FakeWorker[] {
  const started: FakeWorker[] = [];
  vi.stubGlobal('Worker', function () {
    const w = new FakeWorker();
    started.push(w);
    return w;
  });
  return started;
}

describe('the client and the early worker', () => {
  it('talks to the early worker instead of starting one, and starts a fresh one on restart', () => {
    const early = new FakeWorker();
    const started = stubWorkers();
    scope[EARLY_WORKER_KEY] = { worker: early, failed: undefined };
    const client = createSimClient();
    void client.checkWrite('PutItem', {}).catch(() => undefined);
    expect(started).toEqual([]);
    expect(early.posted.length).toBe(1);
    client.restart();
    expect(early.terminated).toBe(true);
    expect(started.length).toBe(1);
    client.dispose();
  });

  it('drops an early worker that failed before the client listened, and starts its own', () => {
    const early = new FakeWorker();
    const started = stubWorkers();
    scope[EARLY_WORKER_KEY] = { worker: early, failed: 'SyntaxError' };
    const client = createSimClient();
    void client.checkWrite('PutItem', {}).catch(() => undefined);
    expect(early.terminated).toBe(true);
    expect(early.posted).toEqual([]);
    expect(started.length).toBe(1);
    expect(started[0]!.posted.length).toBe(1);
    client.dispose();
  });
});
