// The gate (public/first-frame-gate.js) keeps the pre-rendered picture only for a plain visit to
// the scenario the picture is of; it learns that scenario from the meta the plugin writes from the
// catalogue, so changing the default scenario cannot leave the gate naming the old one.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../../src/scenarios/galleryIndex.ts';
import { firstFrameGateTags, simWorkerFile } from './plugin.ts';
import { firstRunFromName } from '../../src/worker/firstRun.ts';

const GATE = readFileSync(new URL('../../public/first-frame-gate.js', import.meta.url), 'utf8');

/** A stand-in for the browser's Worker: records what it was started with and its listeners. */
class FakeWorker {
  static started: FakeWorker[] = [];
  listeners = new Map<string, (e: { message?: string }) => void>();
  posted: unknown[] = [];
  constructor(
    readonly url: string,
    readonly options: unknown,
  ) {
    FakeWorker.started.push(this);
  }
  addEventListener(type: string, f: (e: { message?: string }) => void) {
    this.listeners.set(type, f);
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
}

/** Runs the gate on a page at `search` + `hash` whose head has the metas given; what it did. */
function runGate(search: string, hash: string, meta: string | undefined, workerMeta?: string) {
  const classes = new Set<string>();
  const metas: Record<string, string | undefined> = { 'meta[name="streamscope-first-frame"]': meta, 'meta[name="streamscope-sim-worker"]': workerMeta };
  const document = {
    querySelector: (sel: string) => (metas[sel] !== undefined ? { getAttribute: (a: string) => (a === 'content' ? metas[sel] : null) } : null),
    documentElement: { classList: { add: (c: string) => classes.add(c) } },
  };
  FakeWorker.started = [];
  const window: Record<string, unknown> = {};
  runInNewContext(GATE, { document, location: { search, hash }, encodeURIComponent, URLSearchParams, Worker: FakeWorker, window });
  return { kept: !classes.has('first-frame-off'), workers: FakeWorker.started, early: window.__streamscopeSimWorker as { worker: FakeWorker; failed: string | undefined } | undefined };
}

/** True when the picture stays. */
const pictureKept = (search: string, hash: string, meta: string | undefined) => runGate(search, hash, meta).kept;

describe('the first frame gate', () => {
  const tags = firstFrameGateTags(defaultScenarioId);
  const meta = tags.find((t) => t.tag === 'meta')!.attrs!.content as string;

  it('is told the catalogue default (and in a build the worker script) by metas placed before the gate script', () => {
    expect(meta).toBe(defaultScenarioId);
    expect(tags.map((t) => t.tag)).toEqual(['meta', 'script']);
    const built = firstFrameGateTags(defaultScenarioId, 'assets/sim.worker-abc.js');
    expect(built.map((t) => t.tag)).toEqual(['meta', 'meta', 'script']);
    expect(built[1]!.attrs).toEqual({ name: 'streamscope-sim-worker', content: './assets/sim.worker-abc.js' });
    // Before the page's modules (the CSP meta, prepended later, still comes first).
    expect(built.every((t) => t.injectTo === 'head-prepend')).toBe(true);
  });

  it("finds the build's one simulation worker script", () => {
    expect(simWorkerFile(['index.html', 'assets/index-a1.js', 'assets/sim.worker-DQ7Z_x-1.js', 'assets/sim.worker-DQ7Z_x-1.js.map'])).toBe('assets/sim.worker-DQ7Z_x-1.js');
    expect(simWorkerFile(['index.html', 'assets/index-a1.js'])).toBeUndefined();
    expect(() => simWorkerFile(['assets/sim.worker-a.js', 'assets/sim.worker-b.js'])).toThrow(/more than one/);
  });

  it("asks the worker for the pictured scenario's run on a plain visit only, in its name (no message)", () => {
    for (const [search, hash] of [['', ''], [`?scenario=${meta}`, '']] as const) {
      const w = runGate(search, hash, meta, './w.js').workers[0]!;
      expect(w.options).toEqual({ type: 'module', name: `streamscope-sim first-run=${meta}` });
      expect(firstRunFromName((w.options as { name: string }).name)).toBe(meta);
    }
    for (const [search, hash] of [['?scenario=poison-record', ''], ['', '#s=1.abc'], ['?presenter=1', '']] as const) {
      const w = runGate(search, hash, meta, './w.js').workers[0]!;
      expect(w.options).toEqual({ type: 'module', name: 'streamscope-sim' });
    }
    for (const w of [runGate('', '', meta, './w.js'), runGate('?scenario=poison-record', '', meta, './w.js')].map((r) => r.workers[0]!)) expect(w.posted).toEqual([]);
  });

  it('starts the worker the build names, for any page but a compare view, and keeps an early error', () => {
    for (const [search, hash] of [['', ''], ['?scenario=poison-record', ''], ['', '#s=1.abc'], ['?presenter=1', '']] as const) {
      const r = runGate(search, hash, meta, './assets/sim.worker-abc.js');
      expect(r.workers.map((w) => w.url)).toEqual(['./assets/sim.worker-abc.js']);
      expect((r.workers[0]!.options as { name: string }).name.startsWith('streamscope-sim')).toBe(true);
      expect(r.early?.worker).toBe(r.workers[0]);
      expect(r.early?.failed).toBeUndefined();
    }
    const r = runGate('', '', meta, './assets/sim.worker-abc.js');
    r.workers[0]!.listeners.get('error')!({ message: 'SyntaxError' });
    r.workers[0]!.listeners.get('error')!({ message: 'later' });
    expect(r.early?.failed).toBe('SyntaxError');
    expect(runGate('?compare=pairs', '', meta, './assets/sim.worker-abc.js').workers).toEqual([]);
    expect(runGate('?compare', '', meta, './assets/sim.worker-abc.js').workers).toEqual([]);
    // `npm start`: no built script named, the app starts its own.
    expect(runGate('', '', meta).workers).toEqual([]);
  });

  it('keeps the picture for a plain visit and for ?scenario= of the pictured scenario', () => {
    expect(pictureKept('', '', meta)).toBe(true);
    expect(pictureKept('?', '#', meta)).toBe(true);
    expect(pictureKept(`?scenario=${meta}`, '', meta)).toBe(true);
  });

  it('turns it off for links, other scenarios, modes, and a page without the meta', () => {
    expect(pictureKept('', '#s=1.abc', meta)).toBe(false);
    expect(pictureKept('?scenario=poison-record', '', meta)).toBe(false);
    expect(pictureKept('?presenter=1', '', meta)).toBe(false);
    expect(pictureKept('?compare=pairs', '', meta)).toBe(false);
    expect(pictureKept('', '', undefined)).toBe(false);
    // Another default (the catalogue changed): the gate follows the meta, not a name of its own.
    expect(pictureKept('?scenario=poison-record', '', 'poison-record')).toBe(true);
    expect(pictureKept(`?scenario=${meta}`, '', 'poison-record')).toBe(false);
  });
});
