/**
 * The typed boundary between the UI (main thread) and the simulation host (worker). TYPES ONLY:
 * everything else imports this file with `import type`, and nothing here exists at runtime.
 *
 * Every value crossing the boundary is plain data that survives structured clone (no classes, no
 * functions, no Maps, no bigint). Per animation frame the UI asks `frame(request)` once and gets a
 * `Frame`: columns as typed arrays (transferred, not copied) plus a small structured part. `view()`
 * is the whole picture at one instant, for Node tools and tests.
 *
 * May import: sim and bridge types, ./importProtocol.ts, ./frameColumns.ts (`import type`). May not import: anything at runtime, ui, share.
 */
import type { StreamRecord } from '../sim/index.ts';
import type { Intervention } from '../sim/faults/intervention.ts';
import type { ConsumerCounters } from '../sim/consumers/counters.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { ScenarioEdit } from '../scenarios/edits.ts';
import type { ImportedStream } from '../bridge/types.ts';

export type { Intervention };

/** Where a scenario comes from: a built-in id (with optional overrides), or a whole scenario (a file or an inline link). */
export type ScenarioSource =
  | {
      id: string;
      overrides?: ScenarioOverrides;
      /** Settings changed in the app (`scenarios/edits.ts`), applied to the built-in scenario in order, then validated. */
      edits?: readonly ScenarioEdit[];
    }
  /** Validated in the worker with `parseScenario`; an invalid one fails with `invalid-scenario` and its paths. */
  | { inline: unknown }
  /** Records brought in from outside (`bridge/import/parse.ts`), laid out on the timeline like a run. */
  | { imported: ImportedStream }
  /** An import the worker has read (`SimApi.importStream`), by the id it answered with. */
  | { importId: number };

/** Changes to a built-in scenario that a link or the CLI may make without inlining it. */
export interface ScenarioOverrides {
  durationMs?: number;
  title?: string;
}

/** Options for one load; anything left out comes from the scenario. */
export interface LoadOptions {
  /** Run the scenario with this seed instead of its own (the CLI's `--seed`). */
  seed?: number;
  /** The user's interventions, applied after the scenario's own, in order. */
  interventions?: readonly Intervention[];
  /** Stop a run whose trace would take more memory than this (bytes, estimated); kept for later recomputations. */
  memoryBudgetBytes?: number;
  /**
   * Answer as soon as the run is computed past this instant (the playhead the app will show), with
   * `LoadResult.computedMs`, and go on computing the rest (`settled()`); without it the answer waits
   * for the whole run.
   */
  answerAtMs?: number;
}

/** How far a load has got; sent to the `onProgress` callback between slices. */
export interface LoadProgress {
  /** Simulated ms computed so far. */
  doneMs: number;
  totalMs: number;
  /** Trace facts so far. */
  facts: number;
  /** Invocations of the learner's own handlers so far (runs with user code). */
  invocations?: number;
}

// An import's progress, options, outcome and summary live in importProtocol.ts.
export type { FileFeed, ImportFinding, ImportOptions, ImportOutcome, ImportProgress, ImportSummary } from './importProtocol.ts';
import type { FileFeed, ImportOptions, ImportOutcome, ImportProgress, ImportSummary } from './importProtocol.ts';

/** Tick kinds on the scrubber (and mark kinds in frames): what a coloured tick stands for. */
export type MarkKind = 'record' | 'checkpoint' | 'crash' | 'restart' | 'batch' | 'batch-failed' | 'broken' | 'fault' | 'rejected' | 'throttled';

/** What `playback.step` may look for. */
export type StepKind = 'any' | 'crash' | 'checkpoint' | 'crash-or-checkpoint' | 'broken' | 'record';

/** Notable facts for the scrubber, downsampled to at most a few thousand: time and `MARK_KINDS` index. */
export interface TickColumns {
  t: Float64Array;
  kind: Uint8Array;
}

/** What a load (or an intervention, undo, redo) computed: the run is complete up to `durationMs`. */
export interface LoadResult {
  /** Grows with every run this host computes; frames carry it so a stale frame is never drawn. */
  runId: number;
  scenarioId: string;
  title: string;
  summary: string;
  seed: number;
  durationMs: number;
  /** 16 hex digits; equal for equal (scenario, seed, interventions) in Node and every browser. */
  traceHash: string;
  /** Number of trace facts in the whole run. */
  eventCount: number;
  /** The scenario as run (built-in or inline), without the user's interventions. */
  scenario: Scenario;
  /** True when the scenario came inline (a file or an inline link), not from the catalogue. */
  inline: boolean;
  /** The edits applied to the built-in scenario `scenarioId` to make `scenario` (none: it runs as built). */
  edits?: ScenarioEdit[];
  /** The user's interventions, in order (the scenario's own are in `scenario.interventions`). */
  interventions: Intervention[];
  canUndo: boolean;
  canRedo: boolean;
  /** Item keys for people (`ada`), indexed by the records columns' `key`. */
  keys: string[];
  /** The sim's canonical key strings, same index as `keys`. */
  keyStrings: string[];
  /** Consumer ids, indexed by the marks columns' `consumer`. */
  consumers: string[];
  ticks: TickColumns;
  /** Per narration step of the scenario, the simulated time its fact happens (where playback pauses), or null when it never does. */
  narrationStops?: Array<number | null>;
  /** The invariant checks the run evaluates, by name, with their meaning in one line. */
  checks?: Record<string, string>;
  /** Present when the run shows an imported stream instead of a scenario. */
  imported?: ImportSummary;
  /** Failed invocations of consumers running the learner's own code (the first 50). */
  userCodeErrors?: UserCodeErrorView[];
  /** The memory the run takes in the worker, estimated from its trace (bytes). */
  memoryBytes?: number;
  /**
   * Present while the run is still being computed (an answer given as soon as the run reached the
   * playhead): frames exist up to here, and `traceHash`, `eventCount`, `ticks` and `narrationStops`
   * are the part computed so far. `settled()` answers the whole run (same `runId`).
   */
  computedMs?: number;
}

/** What the Export menu offers for the loaded run. */
export type ExportFormat = 'get-records' | 'lambda-events' | 'sdk-script';

/** A file to download. */
export interface ExportedFile {
  filename: string;
  mimeType: string;
  text: string;
}

// The panels' view models (tables, writes, stream records, shards) live in viewModels.ts.
export type { ItemRow, TableView, WriteOutcome, WriteView, RecordView, ShardStatus, ShardView, StreamView, ViewCounts, SimView } from './viewModels.ts';
import type { ItemRow, TableView, WriteView, ShardView, StreamView, ViewCounts } from './viewModels.ts';

/** A failed call throws an Error whose `name` is one of these (comlink carries name and message across). */
export type SimErrorKind = 'unknown-scenario' | 'invalid-scenario' | 'invalid-intervention' | 'invalid-import' | 'not-exportable' | 'limit-exceeded' | 'no-run' | 'superseded' | 'cancelled' | 'part-load-failed' | 'internal';

/** What the UI asks for each animation frame. */
export interface FrameRequest extends ColumnsHeld {
  /** The playhead: only facts with t ≤ atMs have happened. */
  atMs: number;
  /** The visible window; records and marks outside it are left out (default: the whole run). */
  fromMs?: number;
  toMs?: number;
  /** The record whose body (as GetRecords returns it) the inspector shows. */
  selected?: { shardId: string; sequenceNumber: string };
  /** The versions of the structured parts the client holds (of run `runId`): unchanged ones come back empty (`Frame.reused`). */
  knownParts?: { runId: number; versions: PartVersions };
  /** Build the text event log (`Frame.eventLog`; a panel shows it). Without, none, at version -1 (`frameParts.ts`). */
  eventLog?: boolean;
}

/** The structured parts of a frame that are sent only when they changed. */
export type FramePart = 'tables' | 'writes' | 'sourceWrites' | 'eventLog';

/** Per part, a number the worker bumps whenever its content changes (per run). */
export type PartVersions = Record<FramePart, number>;

/**
 * A list part (latest writes, most recent first) as what is new since the copy the client holds at
 * version `from`: the list is `add`, then the held list, cut to `length` (`partDiff.ts`).
 */
export interface ListDelta<T> {
  from: number;
  add: T[];
  length: number;
}

/** One table as its held copy (`held`: its index in the held part) changed: the table without items, and `patch`, its rows in order as rows sent or `[start, count]` runs of the held table's rows. */
export type TableDelta = Omit<TableView, 'items'> & { held: number; patch: Array<ItemRow | [number, number]> };

/** The tables as the held copy at version `from` changed: per table, the held one unchanged (its index), a patch, or the table whole. */
export interface TablesDelta {
  from: number;
  tables: Array<number | TableDelta | TableView>;
}

/** The parts sent as changes to the client's copy (`FrameRequest.knownParts`); such a part itself is sent empty. */
export interface PartDeltas {
  tables?: TablesDelta;
  writes?: ListDelta<WriteView>;
  sourceWrites?: ListDelta<WriteView>;
}

// The frame's columns (typed arrays, transferred) live in frameColumns.ts.
export type { BatchColumns, BatchTail, ColumnsHeld, ConsumerLaneView, FrameTails, LeaseColumns, MarkColumns, MarkTail, OlderRecordCounts, RecordColumns, RecordFixedColumns, RecordPlayheadColumns, RecordTail, SequenceChunk } from './frameColumns.ts';
import type { BatchColumns, ColumnsHeld, ConsumerLaneView, FrameTails, LeaseColumns, MarkColumns, RecordColumns } from './frameColumns.ts';

/** One shard lane at the playhead. */
export type LaneView = Omit<ShardView, 'records'> & { streamArn: string };

export interface ConsumerView {
  id: string;
  /** `ordinal`: the checkpointed record's place on its shard, when `value` is one of the run's sequence numbers. */
  checkpoints: Array<{ shardId: string; value: string; atMs: number; worker: string; ordinal?: number }>;
  workers: Array<{ worker: string; status: 'running' | 'crashed'; sinceMs: number }>;
  /** Invariants broken at the playhead (and not restored since). */
  broken: Array<{ check: string; message: string; atMs: number }>;
}

/** One consumer's counters at the playhead: the core's counters without the per-effect breakdown. */
export type ConsumerCountersView = Omit<ConsumerCounters, 'effects'>;

/** One delivery of a record to a consumer's handler (a `record-processed` fact). */
export interface DeliveryView {
  atMs: number;
  consumer: string;
  worker: string;
  shardId: string;
  batchId: number;
  /** 1 for the first delivery of this record to this consumer, 2+ for a repeat. */
  deliveryCount: number;
  effect: string;
  /** True when this repeat changed the downstream result again. */
  harm: boolean;
}

/** A global table's end-of-run verdict (`replicas-converged` / `replicas-diverged`), in words. */
export interface ReplicaVerdictView {
  table: string;
  regions: string[];
  converged: boolean;
  message: string;
  atMs: number;
}

/** One line of the text event log (`worker/eventLog.ts`): what happened, in words. */
export interface EventLogLine {
  atMs: number;
  kind: 'write' | 'refused' | 'crash' | 'replay' | 'broken' | 'restored' | 'fault' | 'shard' | 'other';
  text: string;
}

/** One answer per animation frame: columns (transferred) plus the small structured part. */
export interface Frame extends FrameTails {
  runId: number;
  atMs: number;
  /** Facts with t ≤ atMs. */
  factCount: number;
  /**
   * The time of the first fact after the playhead (`Infinity`: none; a run answered early: its computed edge).
   * Columns and parts depend on the playhead only through the facts that happened, so this frame holds for
   * any playhead in `[atMs, nextChangeMs)`: while playing, the client asks again only once the playhead gets there.
   */
  nextChangeMs?: number;
  records: RecordColumns;
  /** The run index of `records[0]`: the columns hold the run's records `[recordFrom, recordFrom + n)`. */
  recordFrom: number;
  /**
   * Full sequence numbers, parallel to `records` (identity for selection and React keys). Never sent:
   * the worker sends `[]` and the client (`worker/client.ts`) fills it from its per-run table.
   */
  sequenceNumbers: string[];
  /** Records in the window not held one by one (at most about `MAX_FRAME_RECORDS` are): `olderCounts` counts them. */
  recordsOmitted: number;
  marks: MarkColumns;
  lanes: LaneView[];
  tables: TableView[];
  streams: Array<Omit<StreamView, 'shards'>>;
  /** The latest writes, most recent first (at most `MAX_FRAME_WRITES`). */
  writes: WriteView[];
  counts: ViewCounts;
  consumers: ConsumerView[];
  /** The first record appended after the playhead (what "poison next record" aims at). */
  nextRecord?: { atMs: number; shardId: string; sequenceNumber: string; keyString: string };
  selectedRecord?: StreamRecord;
  /** The selected record as a Lambda function receives it (plus `eventSourceARN`, lower-case `userIdentity`). */
  selectedLambdaRecord?: Record<string, unknown>;
  /** Every delivery of the selected record to a consumer by the playhead, in time order. */
  selectedDeliveries?: DeliveryView[];
  /** Per consumer id, its counters at the playhead (from the trace, as `consumerCounters` counts them). */
  counters?: Record<string, ConsumerCountersView>;
  /** The latest writes to the scenario's own tables (not consumers' lease or target tables), most recent first. */
  sourceWrites?: WriteView[];
  /** How many writes the scenario's own tables have had by the playhead (refused ones included). */
  sourceWriteCount?: number;
  /** The window the columns cover (the request's, clamped to the run and the playhead). */
  window: { fromMs: number; toMs: number };
  batches: BatchColumns;
  leases: LeaseColumns;
  /** Worker names (KCL workers, Lambda lanes), indexed by `batches.worker` and `leases.worker`. */
  workers: string[];
  consumerLanes: ConsumerLaneView[];
  /** Global tables' verdicts recorded by the playhead; absent for runs without replicas. */
  replicas?: ReplicaVerdictView[];
  /** The text event log: the last notable facts up to the playhead, in words, oldest first (at most 12); only when `FrameRequest.eventLog` asks for it. */
  eventLog?: EventLogLine[];
  /** The version of each structured part this frame holds (see `FrameRequest.knownParts`). */
  partVersions?: PartVersions;
  /**
   * Parts sent empty because the request's `knownParts` already held this version; the client
   * (`worker/client.ts`) puts its copy back, so the UI never sees them empty.
   */
  reused?: FramePart[];
  /**
   * Parts sent as changes to the copy the request's `knownParts` held (sent empty themselves); the
   * client (`worker/partPatch.ts`) applies them to its copy, so the UI sees the whole part.
   */
  partDeltas?: PartDeltas;
}

/** The result of a call that changes the run (intervene, undo, redo). */
export type RunResult = LoadResult;

/** The worker's API. The UI holds it through `worker/client.ts`. */
export interface SimApi {
  /**
   * Builds the run for a scenario (a built-in id, or a source) with its seed and the user's
   * interventions, computing it in slices and reporting progress between them.
   */
  load(source: string | ScenarioSource, options?: LoadOptions, onProgress?: (p: LoadProgress) => void): Promise<LoadResult>;
  /**
   * Reads stream records from a file (or pasted text) here in the worker, as a stream: progress
   * between pieces, the first bad document stops it with a message. The loaded run is untouched;
   * `load({ importId })` then shows the import. `cancel()` stops it.
   */
  importStream(input: Blob | string | FileFeed, options?: ImportOptions, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome>;
  /** Stops the import or computation in progress (it fails with `cancelled`); the loaded run stays. */
  cancel(): Promise<void>;
  /** The picture for one animation frame. */
  frame(request: FrameRequest): Promise<Frame>;
  /** Adds an intervention to the user's list, keeps the past, recomputes the future. */
  intervene(intervention: Intervention, onProgress?: (p: LoadProgress) => void): Promise<RunResult>;
  undo(onProgress?: (p: LoadProgress) => void): Promise<RunResult>;
  redo(onProgress?: (p: LoadProgress) => void): Promise<RunResult>;
  /** The time of the next (direction 1) or previous (-1) fact of a kind strictly after/before `fromMs`, or null. */
  stepTarget(fromMs: number, direction: 1 | -1, kind: StepKind): Promise<number | null>;
  /** The hash of the loaded run's whole trace. */
  traceHash(): Promise<string>;
  /** The loaded run once computed to its end (at once when it already is), reporting progress until then. */
  settled(onProgress?: (p: LoadProgress) => void): Promise<LoadResult>;
  /** The loaded run's records or workload as a file (`bridge/export/`). */
  exportRun(format: ExportFormat): Promise<ExportedFile>;
  /**
   * What is wrong with a user's write (a `write` intervention's operation and AWS request), in the
   * core's words (a condition that does not parse, an unused placeholder, a bad attribute value), or
   * null when it can be scheduled. Does not touch the run.
   */
  checkWrite(operation: string, input: unknown): Promise<string | null>;
  /**
   * What is wrong with a setting change (`update-mapping`: UpdateEventSourceMapping settings;
   * `update-table`: a StreamSpecification), in Lambda's or DynamoDB's words, or null. Used for the
   * settings forms' scenario edits too, so a ParallelizationFactor of 11 gets Lambda's message.
   */
  checkSetting(kind: 'update-mapping' | 'update-table', params: unknown): Promise<string | null>;
  /** The problems of a built-in scenario with these edits (`path: message`), or null when it would load. */
  checkEdits(scenarioId: string, edits: unknown): Promise<string[] | null>;
  /** A DynamoDB Query (AWS's request) against a table as it stood at `atMs`; does not touch the run. */
  queryTable(atMs: number, input: unknown): Promise<QueryAnswer>;
  /** Checks a learner's handler module without running it: a syntax error with its line and column, or ok. */
  checkCode(code: string): Promise<CodeCheck>;
  /**
   * Grades a challenge attempt (`challenges/`): the learner's code and settings on the visible run
   * and every hidden variant, with progress between runs. Does not touch the loaded run.
   */
  grade(challengeId: string, attempt: unknown, onProgress?: (p: GradeProgress) => void): Promise<GradeResult>;
}

export type { GradeFailure, GradeProgress, GradeResult, VariantGrade } from './grade.ts';
import type { GradeProgress, GradeResult } from './grade.ts';

/** The Query's response body as AWS sends it, or AWS's error as `Code: message`. */
export type QueryAnswer = { ok: true; output: Record<string, unknown> } | { ok: false; message: string };

/** The result of `checkCode`: line and column are 1-based, in the code as written. */
export type CodeCheck = { ok: true } | { ok: false; message: string; line: number; column: number };

/** A failed invocation of a consumer running the learner's code (thrown, timed out, invalid response). */
export interface UserCodeErrorView {
  atMs: number;
  consumer: string;
  batchId: number;
  outcome: string;
  message: string;
  /** `fault`: an injected crash or poison record failed it, not the code. */
  cause: 'code' | 'fault';
}
