/**
 * Runs that come from the bridge layer: an imported stream as a run (its records and findings as
 * trace facts, indexed like any run's, with no simulation behind it), and a run exported as a file
 * (GetRecords pages, Lambda events, or the scenario's workload as an SDK script). The bridge modules
 * themselves are passed in: the host loads them as chunks of their own on first use.
 *
 * May import: ./run.ts, ./fold.ts, ./importFold.ts, ./runIndex.ts, ./indexBuilder.ts, ./importPlacing.ts, ./scheduledCalls.ts, ./inputs.ts, ./importHash.ts, ./itemHistory.ts,
 * bridge and protocol types. May not import: ui, share, Worker globals.
 */
import type { Scenario } from '../scenarios/types.ts';
import type { Finding, FindingKind, ImportedStream, ImportedStreamView } from '../bridge/types.ts';
import { importMemoryBytes } from './memoryBudget.ts';
import { ImportHasher } from './importHash.ts';
import type * as ImportBridgeModule from './bridgeImport.ts';
import type * as ExportBridgeModule from './bridgeExport.ts';
import { DEFAULT_SNAPSHOT_EVERY, Snapshots } from './fold.ts';
import type { ExportedFile, ExportFormat, ImportSummary } from './protocol.ts';
import { indexTrace } from './runIndex.ts';
import { Builder } from './indexBuilder.ts';
import { ImportPlacing } from './importPlacing.ts';
import { WorldSnapshots } from './forks.ts';
import { ItemHistory } from './itemHistory.ts';
import { foldFacts } from './importFold.ts';
import { scheduledCalls } from './scheduledCalls.ts';
import { simError } from './inputs.ts';
import { buildExtras, type Run } from './run.ts';

export type ImportBridge = typeof ImportBridgeModule;

/** The findings panel lists at most this many findings of each kind; the banner counts them all. */
export const FINDING_EXAMPLES = 100;

function firstOfEachKind(findings: readonly Finding[]): Finding[] {
  const seen = new Map<FindingKind, number>();
  return findings.filter((f) => {
    const n = (seen.get(f.kind) ?? 0) + 1;
    seen.set(f.kind, n);
    return n <= FINDING_EXAMPLES;
  });
}

function countByKind(findings: readonly Finding[]): Partial<Record<FindingKind, number>> {
  const counts: Partial<Record<FindingKind, number>> = {};
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return counts;
}
export type ExportBridge = typeof ExportBridgeModule;

/** The imported run's title: the table's name when the input named it, else just "Imported stream" (not "Imported: Imported stream"). */
export function importedTitle(tableName: string | undefined): string {
  return tableName ? `Imported: ${tableName} stream` : 'Imported stream';
}

/** A pause in placing an import: how far it got, for progress (the caller may yield or cancel there). */
export interface PlacingStep {
  phase: 'placing' | 'indexing';
  done: number;
  total: number;
}

/** Facts handled between two pauses while an import is placed and indexed. */
export const PLACING_SLICE = 65_536;

/** An imported stream as a run, all at once (pasted text, tests): `importedRunSteps` without pauses. */
export function importedRun(stream: ImportedStream | ImportedStreamView, id: number, bridge: ImportBridge, judged?: Finding[]): Run {
  const steps = importedRunSteps(stream, id, bridge, judged);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * An imported stream as a run: its records and findings as trace facts, indexed like any run's,
 * pausing every `PLACING_SLICE` facts (a million records take seconds: progress and Cancel go on).
 * `judged`: the findings found while reading (a streamed import); without them the stream is analysed now.
 */
export function* importedRunSteps(input: ImportedStream | ImportedStreamView, id: number, { analyseStream, findingsSummary, importedTrace, streamView }: ImportBridge, judged?: Finding[]): Generator<PlacingStep, Run> {
  // Records as plain objects (a stream sent to the worker) or as the importer's columns (a file read here).
  const held = typeof input === 'object' && input !== null && (Array.isArray(input.records) || typeof (input.records as { record?: unknown } | null)?.record === 'function');
  if (!held || !Array.isArray(input.reads) || !Array.isArray(input.shards)) {
    throw simError('invalid-import', 'The imported stream is not in the shape bridge/import/parse.ts produces.');
  }
  const stream = streamView(input);
  const findings = judged ?? analyseStream(stream);
  const built = importedTrace(stream, findings);
  const { trace } = built;
  const facts = trace.length;
  yield { phase: 'placing', done: 0, total: facts };
  const { lanes } = built;
  // The hash and the index in one pass, a record's facts read in the import's columns (./importPlacing.ts).
  const hasher = new ImportHasher();
  const builder = new Builder();
  const placing = new ImportPlacing(trace, hasher, builder);
  for (let i = 0; i < facts; i++) {
    placing.place(i);
    if (i % PLACING_SLICE === PLACING_SLICE - 1) yield { phase: 'placing', done: i + 1, total: facts };
  }
  const records = stream.records.length;
  const unknownLanes = lanes.filter((l) => !l.known).length;
  const listed = firstOfEachKind(findings).map((f) => ({ f, last: f.records.reduce((a, b) => ((built.recordTimes[b] ?? 0) >= (built.recordTimes[a] ?? 0) ? b : a)) }));
  // Only the listed findings' lanes are looked up (not a map of every record's lane).
  const wanted = new Set(listed.map((x) => x.last));
  const laneOf = new Map<number, string>();
  if (wanted.size > 0) for (const lane of lanes) for (const i of lane.records) if (wanted.has(i)) laneOf.set(i, lane.id);
  const scenario: Scenario = {
    id: 'imported',
    title: importedTitle(stream.tableName),
    summary:
      `${records.toLocaleString('en-US')} record${records === 1 ? '' : 's'} on ${lanes.length} lane${lanes.length === 1 ? '' : 's'}, placed at their ApproximateCreationDateTime (whole seconds on AWS; ` +
      'records of one second are spread across it in input order). Red marks are findings: duplicates, out-of-order pairs, gaps in an item\'s history. ' +
      'Sequence numbers grow but are not consecutive, so a jump between two of them is not a gap.',
    seed: 0,
    durationMs: built.durationMs,
    simulation: { epochMs: built.epochMs },
    setup: [],
    writes: [],
  };
  const imported: ImportSummary = {
    records,
    lanes: lanes.length,
    unknownLanes,
    kinds: [...stream.kinds],
    table: built.table,
    streamArn: built.streamArn,
    findings: listed.map(({ f, last }) => ({ ...f, atMs: built.recordTimes[last] ?? 0, shardId: laneOf.get(last) ?? '', sequenceNumber: last < records ? stream.records.sequenceNumber(last) : '' })),
    findingsSummary: findingsSummary(findings),
    findingCounts: countByKind(findings),
    memoryBytes: importMemoryBytes(records),
    notes: [
      ...stream.notes,
      ...(unknownLanes > 0 ? ['GetRecords pages and Lambda events do not name their shard. Reads that plainly continue one another share a lane named "unknown · …"; add DescribeStream output to place pages on their shards.'] : []),
    ],
    epochMs: built.epochMs,
  };
  // The index's columns (indexTrace with `from` at the end only finishes them), then the fold's snapshots in slices.
  const { index } = indexTrace(trace, builder, facts);
  // The items are read from their history at a seek (50,000 of them cloned and folded took 70 ms).
  const histories = new Map([[built.table, new ItemHistory(trace, built.table, stream.keyAttributes, index.writeFacts)]]);
  // The fold reads the few facts that are not records' (./importFold.ts).
  const snapshots = new Snapshots(foldFacts(trace), DEFAULT_SNAPSHOT_EVERY, undefined, 0, histories);
  for (let at = PLACING_SLICE; at < facts + PLACING_SLICE; at += PLACING_SLICE) {
    snapshots.foldOn(at);
    yield { phase: 'indexing', done: Math.min(at, facts), total: facts };
  }
  return {
    id,
    scenario,
    inline: true,
    seed: 0,
    interventions: [],
    trace: built.trace,
    traceHash: hasher.digest(),
    // A record of what happened has no world behind it: nothing to fork.
    worlds: new WorldSnapshots(scenario.durationMs, false),
    imported,
    index,
    snapshots,
    ctx: { runId: id, index, trace: built.trace, durationMs: built.durationMs },
    // Only the few facts that are not records' are read for the extras (an import has no consumer but its findings).
    extras: buildExtras(built.trace, scenario, index.writeFacts, built.trace.otherFacts()),
  };
}

/** The loaded run as a file: its records as GetRecords pages or Lambda events, or its workload as an SDK script. */
export function exportFile(r: Run, format: ExportFormat, { getRecordsExport, lambdaEvents, scriptFileName, streamsFromTrace, workloadScript }: ExportBridge): ExportedFile {
  const base = r.imported ? `${r.imported.table}-imported` : r.scenario.id;
  if (format === 'sdk-script') {
    if (r.imported) throw simError('not-exportable', 'An imported stream has no workload to replay: the script is made from a scenario\'s writes.');
    return { filename: scriptFileName(r.scenario), mimeType: 'text/javascript', text: workloadScript(r.scenario, { calls: scheduledCalls(r.scenario, r.seed), seed: r.seed }) };
  }
  const streams = streamsFromTrace(r.trace);
  if (streams.length === 0) throw simError('not-exportable', 'This run has no stream with records to export.');
  if (format === 'get-records') {
    const files = streams.map((s) => getRecordsExport(s));
    return { filename: `${base}.get-records.json`, mimeType: 'application/json', text: JSON.stringify(files.length === 1 ? files[0] : files.flat(), null, 2) + '\n' };
  }
  const events = streams.flatMap((s) => lambdaEvents(s));
  return { filename: `${base}.lambda-events.json`, mimeType: 'application/json', text: JSON.stringify(events, null, 2) + '\n' };
}
