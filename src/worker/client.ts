/**
 * The main-thread side of the worker boundary: starts the module worker (or adopts the one the page's
 * head script started: earlyStart.ts), wraps it with comlink, and
 * is the UI's only runtime door into the simulation.
 *
 * - Frames: `frame(request)` keeps one request in flight, latest wins, so a slow answer never builds
 *   a queue behind the animation (one message per animation frame at most). Each request says what
 *   the client holds (records and marks in `frameStore.ts`, sequence numbers, parts), so while
 *   playing a frame carries only the tail.
 * - Crashes: a worker `error` event, or a call that does not answer in time (a load that reports no
 *   progress for `STALL_TIMEOUT_MS`), rejects every pending call with a `worker-crashed` error and
 *   tells `onCrash` listeners, so the UI shows the failure with a Retry instead of "Computing…"
 *   forever. `restart()` starts a fresh worker.
 * - Progress: a load's, an import's or a grade's report that arrives after the call's answer is
 *   dropped (a callback's calls and the answer travel on different ports, in no set order).
 *
 * May import: comlink, ./frameStore.ts, ./partPatch.ts, ./earlyStart.ts, ./fileFeed.ts (loaded when a file is imported), ./protocol.ts types, ./columns.ts and ./memoryBudget.ts constants. May not import: sim, host, ui.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import { createFrameStore } from './frameStore.ts';
import { patchList, patchTables } from './partPatch.ts';
import { takeEarlyWorker } from './earlyStart.ts';
import type { CodeCheck, GradeProgress, GradeResult, QueryAnswer, ExportedFile, ExportFormat, Frame, FramePart, FrameRequest, FileFeed, ImportOptions, ImportOutcome, ImportProgress, Intervention, LoadOptions, LoadProgress, LoadResult, ScenarioSource, SimApi, StepKind } from './protocol.ts';

export { COLOUR_NONE, EVENT_NAMES, MARK_KINDS, NO_CONSUMER } from './columns.ts';
export { BYTES_PER_IMPORTED_RECORD, DEFAULT_MEMORY_BUDGET_BYTES, MIN_MEMORY_BUDGET_BYTES, PEAK_BYTES_PER_IMPORTED_RECORD } from './memoryBudget.ts';

/** A call other than a load must answer within this. */
export const CALL_TIMEOUT_MS = 10_000;
/** A load, intervention, undo or redo must report progress at least this often. */
export const STALL_TIMEOUT_MS = 20_000;
/**
 * An import reports progress per 4 MB read, but placing, analysing and indexing the records is one
 * step after the read (not sliced yet: issue 16), which for hundreds of thousands of records on a
 * busy machine takes longer than STALL_TIMEOUT_MS.
 */
export const IMPORT_STALL_TIMEOUT_MS = 180_000;

export type ProgressListener = (p: LoadProgress) => void;

export interface SimClient {
  load(source: string | ScenarioSource, options?: LoadOptions, onProgress?: ProgressListener): Promise<LoadResult>;
  intervene(intervention: Intervention, onProgress?: ProgressListener): Promise<LoadResult>;
  undo(onProgress?: ProgressListener): Promise<LoadResult>;
  redo(onProgress?: ProgressListener): Promise<LoadResult>;
  /** The frame for a request, latest wins: resolves `undefined` when a newer request superseded it. */
  frame(request: FrameRequest): Promise<Frame | undefined>;
  stepTarget(fromMs: number, direction: 1 | -1, kind: StepKind): Promise<number | null>;
  traceHash(): Promise<string>;
  /** The loaded run once computed to its end (`LoadResult.computedMs`: answered before it). */
  settled(onProgress?: ProgressListener): Promise<LoadResult>;
  /** The loaded run's records or workload as a file to download. */
  exportRun(format: ExportFormat): Promise<ExportedFile>;
  checkWrite(operation: string, input: unknown): Promise<string | null>;
  checkSetting(kind: 'update-mapping' | 'update-table', params: unknown): Promise<string | null>;
  checkEdits(scenarioId: string, edits: unknown): Promise<string[] | null>;
  /** A Query against a table at the playhead (see SimApi.queryTable). */
  queryTable(atMs: number, input: unknown): Promise<QueryAnswer>;
  /** Checks a learner's handler module without running it (see SimApi.checkCode). */
  checkCode(code: string): Promise<CodeCheck>;
  /** Reads a file (or pasted text) of stream records in the worker (see SimApi.importStream). */
  importStream(input: Blob | string, options?: ImportOptions, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome>;
  /** Stops the import or computation in progress; the loaded run stays. */
  cancel(): Promise<void>;
  /** Grades a challenge attempt on every variant (see SimApi.grade). */
  grade(challengeId: string, attempt: unknown, onProgress?: (p: GradeProgress) => void): Promise<GradeResult>;
  /** Called with a message when the worker crashed or stopped answering. Returns an unsubscribe. */
  onCrash(listener: (message: string) => void): () => void;
  /** Terminates the worker (if any) and starts a fresh one. */
  restart(): void;
  dispose(): void;
}

export function workerCrashed(message: string): Error {
  const e = new Error(message);
  e.name = 'worker-crashed';
  return e;
}

interface Pending {
  reject: (e: unknown) => void;
}

type WorkerFactory = () => Worker;

const defaultWorker: WorkerFactory = () =>
  // The bundler pattern Vite recognises: the worker is built as its own ES module chunk.
  new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'streamscope-sim' });

/**
 * The worker the page's head script started (earlyStart.ts), unless it failed before the client
 * could listen: then it is dropped and a fresh one started, whose failure the client sees as usual.
 */
function adoptEarlyWorker(): Worker | undefined {
  const early = takeEarlyWorker();
  if (early?.failed === undefined) return early?.worker;
  early.worker.terminate();
  return undefined;
}

export function createSimClient(makeWorker: WorkerFactory = defaultWorker): SimClient {
  let worker: Worker;
  let api: Remote<SimApi>;
  const pending = new Set<Pending>();
  const crashListeners = new Set<(message: string) => void>();

  function crash(message: string): void {
    worker.terminate();
    for (const p of [...pending]) p.reject(workerCrashed(message));
    pending.clear();
    for (const l of crashListeners) l(message);
  }

  let first = true;
  function start(): void {
    worker = (first && makeWorker === defaultWorker ? adoptEarlyWorker() : undefined) ?? makeWorker();
    first = false;
    api = wrap<SimApi>(worker);
    const self = worker;
    worker.addEventListener('error', (e) => {
      if (worker === self) crash(`The simulation worker crashed${e.message ? `: ${e.message}` : ''}.`);
    });
  }
  start();

  /**
   * Runs a call with a watchdog. `call` gets `progressed`, for its progress reports: it resets the
   * watchdog (for long loads) and says whether the call is still waiting for its answer. A report
   * for a call already answered is stale and must be dropped: comlink sends a progress callback's
   * calls on a port of their own and the answer on the worker's, two channels with no order
   * between them, so under load the last report can arrive after the answer (it left a passed
   * grade at "Grading… run 3 of 3", lateProgress.test.ts).
   */
  function guarded<T>(what: string, timeoutMs: number, call: (progressed: () => boolean) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { reject };
      pending.add(entry);
      let timer = setTimeout(onTimeout, timeoutMs);
      function onTimeout() {
        if (pending.has(entry)) crash(`The simulation worker stopped answering (${what} took more than ${Math.round(timeoutMs / 1000)} s).`);
      }
      const progressed = (): boolean => {
        if (!pending.has(entry)) return false;
        clearTimeout(timer);
        timer = setTimeout(onTimeout, timeoutMs);
        return true;
      };
      call(progressed).then(
        (v) => {
          clearTimeout(timer);
          if (pending.delete(entry)) resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          if (pending.delete(entry)) reject(e);
        },
      );
    });
  }

  function withProgress(what: string, call: (onProgress: ProgressListener) => Promise<LoadResult>, listener?: ProgressListener): Promise<LoadResult> {
    return guarded(what, STALL_TIMEOUT_MS, (progressed) =>
      call(
        proxy((p: LoadProgress) => {
          if (progressed()) listener?.(p);
        }),
      ),
    );
  }

  const sequences = createSequenceTable();
  const partsTable = createPartsTable();
  const columns = createFrameStore();
  let inFlight = false;
  let waiting: { request: FrameRequest; resolve: (f: Frame | undefined) => void; reject: (e: unknown) => void } | undefined;

  function sendFrame(request: FrameRequest, resolve: (f: Frame | undefined) => void, reject: (e: unknown) => void): void {
    inFlight = true;
    // One frame in flight at a time, so the table is the same when the answer arrives as when asked.
    const known = sequences.known();
    const knownParts = partsTable.known();
    guarded('a frame', CALL_TIMEOUT_MS, () => api.frame({ ...request, ...columns.known(), ...(known ? { knownSequence: known } : {}), ...(knownParts ? { knownParts } : {}) }))
      // The column store first: the sequence table reads the window's size from the records.
      .then((f) => resolve(partsTable.fill(sequences.fill(columns.fill(f)))), reject)
      .finally(() => {
        inFlight = false;
        const next = waiting;
        waiting = undefined;
        if (next) sendFrame(next.request, next.resolve, next.reject);
      });
  }

  return {
    load: (source, options = {}, onProgress) => withProgress('loading', (p) => api.load(source, options, p), onProgress),
    intervene: (i, onProgress) => withProgress('recomputing', (p) => api.intervene(i, p), onProgress),
    undo: (onProgress) => withProgress('undoing', (p) => api.undo(p), onProgress),
    redo: (onProgress) => withProgress('redoing', (p) => api.redo(p), onProgress),
    frame(request) {
      return new Promise((resolve, reject) => {
        if (!inFlight) {
          sendFrame(request, resolve, reject);
          return;
        }
        waiting?.resolve(undefined);
        waiting = { request, resolve, reject };
      });
    },
    stepTarget: (fromMs, direction, kind) => guarded('a step', CALL_TIMEOUT_MS, () => api.stepTarget(fromMs, direction, kind)),
    // Both wait for a run answered early to be complete: the watchdog is its progress, not a fixed time.
    traceHash: () => withProgress('computing the run', (p) => api.settled(p)).then(() => api.traceHash()),
    settled: (onProgress) => withProgress('computing the run', (p) => api.settled(p), onProgress),
    exportRun: (format) => guarded('an export', CALL_TIMEOUT_MS, () => api.exportRun(format)),
    checkWrite: (operation, input) => guarded('a write check', CALL_TIMEOUT_MS, () => api.checkWrite(operation, input)),
    checkSetting: (kind, params) => guarded('a setting check', CALL_TIMEOUT_MS, () => api.checkSetting(kind, params)),
    checkEdits: (scenarioId, edits) => guarded('a scenario check', CALL_TIMEOUT_MS, () => api.checkEdits(scenarioId, edits)),
    queryTable: (atMs, input) => guarded<QueryAnswer>('a query', CALL_TIMEOUT_MS, () => api.queryTable(atMs, input)),
    checkCode: (code) => guarded<CodeCheck>('the code check', CALL_TIMEOUT_MS, () => api.checkCode(code)),
    importStream: (input, options = {}, onProgress) =>
      guarded<ImportOutcome>('an import', IMPORT_STALL_TIMEOUT_MS, async (progressed) =>
        api.importStream(
          // A file is read here, on the page, and its slices handed to the worker (./fileFeed.ts: in
          // Chromium the busy worker would wait for its own reads); text goes as it is.
          typeof input === 'string' || typeof MessageChannel === 'undefined' ? input : await fileFed(input),
          options,
          proxy((p: ImportProgress) => {
            if (progressed()) onProgress?.(p);
          }),
        ),
      ),
    cancel: () => guarded('a cancel', CALL_TIMEOUT_MS, () => api.cancel()),
    grade: (challengeId, attempt, onProgress) =>
      guarded<GradeResult>('grading', STALL_TIMEOUT_MS, (progressed) =>
        api.grade(
          challengeId,
          attempt,
          proxy((p: GradeProgress) => {
            if (progressed()) onProgress?.(p);
          }),
        ),
      ),
    onCrash(listener) {
      crashListeners.add(listener);
      return () => crashListeners.delete(listener);
    },
    restart() {
      worker.terminate();
      for (const p of [...pending]) p.reject(workerCrashed('The simulation worker was restarted.'));
      pending.clear();
      waiting?.resolve(undefined);
      waiting = undefined;
      inFlight = false;
      sequences.reset(); // a fresh worker counts runs from the start again
      partsTable.reset();
      columns.reset();
      start();
    },
    dispose() {
      waiting?.resolve(undefined);
      waiting = undefined;
      worker.terminate();
    },
  };
}

/** Above this many sequence numbers the table forgets the ones before the current frame's window. */
const SEQUENCE_TABLE_MAX = 200_000;

/**
 * The main thread's table of one run's sequence numbers (a contiguous range of its records, in run
 * order): frames carry only the ones it lacks (`Frame.sequenceChunk`), and `fill` gives each frame
 * its `sequenceNumbers` from it, so playing forward sends each sequence number once.
 */
export function createSequenceTable() {
  let runId: number | undefined;
  let from = 0;
  let values: string[] = [];
  return {
    known(): FrameRequest['knownSequence'] {
      return runId === undefined ? undefined : { runId, from, to: from + values.length };
    },
    reset(): void {
      runId = undefined;
      from = 0;
      values = [];
    },
    fill(frame: Frame): Frame {
      const chunk = frame.sequenceChunk;
      const a = chunk.from;
      const b = chunk.from + chunk.values.length;
      const to = from + values.length;
      if (frame.runId !== runId) {
        runId = frame.runId;
        from = a;
        values = chunk.values;
      } else if (chunk.values.length === 0) {
        // nothing new
      } else if (a === to) {
        for (const v of chunk.values) values.push(v);
      } else if (b === from) {
        values = chunk.values.concat(values);
        from = a;
      } else {
        from = a;
        values = chunk.values;
      }
      if (values.length > SEQUENCE_TABLE_MAX && frame.recordFrom > from) {
        values = values.slice(frame.recordFrom - from);
        from = frame.recordFrom;
      }
      const n = frame.records.t.length;
      const out = new Array<string>(n);
      const offset = frame.recordFrom - from;
      for (let k = 0; k < n; k++) out[k] = values[offset + k] ?? '';
      frame.sequenceNumbers = out;
      return frame;
    },
  };
}

/**
 * The structured parts (tables, writes, event log) of the last frame received: the worker sends a
 * part only when its version differs from the one named in the request, and `fill` puts the kept
 * copy back into frames that reuse it, so an unchanged part is also the same object (cheap to
 * compare for React). A changed tables or writes part may come as a delta against the copy held
 * (`Frame.partDeltas`), which `fill` applies (./partPatch.ts).
 */
export function createPartsTable() {
  let last: { runId: number; versions: NonNullable<Frame['partVersions']>; values: Pick<Frame, FramePart> } | undefined;
  return {
    known(): FrameRequest['knownParts'] {
      return last ? { runId: last.runId, versions: last.versions } : undefined;
    },
    reset(): void {
      last = undefined;
    },
    fill(frame: Frame): Frame {
      if (last && last.runId === frame.runId) {
        for (const part of frame.reused ?? []) (frame as unknown as Record<FramePart, unknown>)[part] = last.values[part];
      }
      // Parts sent as changes to the copy held (./partPatch.ts); the request named its version.
      const d = frame.partDeltas;
      const held = last?.runId === frame.runId ? last : undefined;
      if (d?.tables) frame.tables = patchTables(held?.values.tables ?? [], held?.versions.tables, d.tables);
      if (d?.writes) frame.writes = patchList(held?.values.writes ?? [], held?.versions.writes, d.writes);
      if (d?.sourceWrites) frame.sourceWrites = patchList(held?.values.sourceWrites ?? [], held?.versions.sourceWrites, d.sourceWrites);
      delete frame.reused;
      delete frame.partDeltas;
      last = frame.partVersions ? { runId: frame.runId, versions: frame.partVersions, values: { tables: frame.tables, writes: frame.writes, sourceWrites: frame.sourceWrites, eventLog: frame.eventLog } } : undefined;
      return frame;
    },
  };
}

/** A file as a feed the page reads for the worker, its port transferred with the call. */
async function fileFed(file: Blob): Promise<FileFeed> {
  const { feedFile } = await import('./fileFeed.ts');
  const feed = feedFile(file);
  return transfer(feed, [feed.port]);
}
