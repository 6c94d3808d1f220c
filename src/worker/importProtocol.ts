/**
 * The import's part of the worker protocol (./protocol.ts re-exports it): how far reading has got,
 * its options, its outcome, and what an imported stream holds. TYPES ONLY.
 *
 * May import: bridge types, ./fileFeed.ts (`import type`). May not import: anything at runtime.
 */
import type { Finding, FindingKind, ImportError, InputKind } from '../bridge/types.ts';

/** A file the page reads for the worker, its slices transferred (`worker/fileFeed.ts`). */
export type { FileFeed } from './fileFeed.ts';

/** How far reading an import has got (`SimApi.importStream`). */
export interface ImportProgress {
  /** Reading the input, then placing the records on the timeline and indexing them (`read`/`total` count facts there). */
  phase: 'reading' | 'analysing' | 'placing' | 'indexing';
  /** Input read so far, and in all: bytes of a file, characters of pasted text (facts while placing and indexing). */
  read: number;
  total: number;
  records: number;
  /** Findings so far (duplicates, out-of-order pairs, gaps), judged as the records arrive. */
  findings?: number;
}

/** Options of an import. */
export interface ImportOptions {
  /** Refuse an import whose records would take more memory than this (bytes, estimated). */
  memoryBudgetBytes?: number;
}

/** An import read in the worker: ready to load by its id, or why not (nothing else changed). */
export type ImportOutcome = { ok: true; importId: number; records: number; memoryBytes: number } | { ok: false; error: ImportError };

/** What an imported stream holds and what the analysis found (the banner and the findings panel). */
export interface ImportSummary {
  records: number;
  /** Timeline lanes: known shards, plus reads whose shard is unknown. */
  lanes: number;
  /** Lanes whose shard the input does not name. */
  unknownLanes: number;
  kinds: InputKind[];
  table: string;
  streamArn: string;
  findings: ImportFinding[];
  /** The findings in one line ("2 duplicates, 1 out-of-order pair"). */
  findingsSummary: string;
  notes: string[];
  /** Epoch ms of simulated time 0 (the earliest record's second). */
  epochMs: number;
  /** The memory the imported run takes in the worker, estimated (bytes). */
  memoryBytes?: number;
  /** Findings per kind (`findings` lists at most the first examples of each). */
  findingCounts?: Partial<Record<FindingKind, number>>;
}

/** A finding with where it shows on the timeline: the time and lane of its later record. */
export type ImportFinding = Finding & { atMs: number; shardId: string; sequenceNumber: string };
