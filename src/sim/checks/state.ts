/**
 * Per-consumer state of the checks, kept in `moduleState(world, 'checks')` and advanced
 * incrementally from the trace: what the consumer processed, applied, checkpointed; its crashes
 * and batches (to explain redeliveries); the oracle of its target; the violations still open. The
 * check names and what each one means, for the UI, are in ./names.ts (re-exported here).
 */
import type { World } from '../world.ts';
import { moduleState } from '../world.ts';
import type { CheckpointValue, ProcessEffect } from '../consumers/events.ts';
import type { RegisteredHandler } from '../handlers/index.ts';
import type { TargetOracle, RowMismatch } from './oracle.ts';
import type { RecordInfo } from './recordIndex.ts';

// The names and their meanings are a module of their own: the worker's core describes a run with
// them, and this module's state belongs with the consumers' part.
import { CHECKS, type CheckName } from './names.ts';
export { CHECKS, type CheckName };

export interface Violation {
  check: CheckName;
  message: string;
  eventIDs: string[];
}

export interface CheckpointFact {
  t: number;
  worker: string;
  value: CheckpointValue;
  /** How a learner reads `value`: `#n` for a record of the shard, else as stored (`SHARD_END`). */
  label: string;
}

export interface ProcessedInfo {
  /** Deliveries the handler completed (any effect but `failed`). */
  ok: number;
  /** Times the handler applied it. */
  applied: number;
  firstAppliedAt?: number;
  firstWorker?: string;
  lastEffect?: ProcessEffect;
  failedAt?: number;
}

/** Why a target row may be wrong: a record's story, and the target rows it touches. */
export interface Incident {
  eventID: string;
  text: string;
  keys: Set<string>;
}

export interface PendingLoss {
  info: RecordInfo;
  checkpoint: CheckpointFact;
}

export interface ConsumerCheckState {
  consumer: string;
  cursor: number;
  startedAt?: number;
  reg?: RegisteredHandler;
  oracle?: TargetOracle;
  processed: Map<string, ProcessedInfo>;
  delivered: Set<string>;
  /** Records an ESM filter consumed without invoking the function (reference §6.7): not lost. */
  filtered: Set<string>;
  streams: Set<string>;
  batches: Map<number, { t: number; worker: string; trigger: string; attempt: number }>;
  crashes: { t: number; worker: string }[];
  checkpoints: Map<string, CheckpointFact[]>;
  /** Per source item (table \0 keyString): the newest record applied so far. */
  maxApplied: Map<string, { info: RecordInfo; t: number }>;
  /** Per source item: the newest relevant record processed (the oracle's input). */
  latest: Map<string, RecordInfo>;
  /** Per shard: how far (index into the shard's records) checkpoints and trims have been looked at. */
  covered: Map<string, number>;
  trimmed: Map<string, number>;
  pendingLoss: Map<string, PendingLoss>;
  lost: Map<string, string>;
  lostReported: boolean;
  mismatched: Map<string, RowMismatch>;
  dirty: Set<string>;
  incidents: Map<string, Incident>;
  finalBroken: boolean;
}

export function allCheckStates(world: World): Map<string, ConsumerCheckState> {
  return moduleState(world, 'checks', () => new Map<string, ConsumerCheckState>());
}

export function checkState(world: World, consumer: string): ConsumerCheckState {
  const all = allCheckStates(world);
  let st = all.get(consumer);
  if (!st) {
    st = {
      consumer,
      cursor: 0,
      processed: new Map(),
      delivered: new Set(),
      filtered: new Set(),
      streams: new Set(),
      batches: new Map(),
      crashes: [],
      checkpoints: new Map(),
      maxApplied: new Map(),
      latest: new Map(),
      covered: new Map(),
      trimmed: new Map(),
      pendingLoss: new Map(),
      lost: new Map(),
      lostReported: false,
      mismatched: new Map(),
      dirty: new Set(),
      incidents: new Map(),
      finalBroken: false,
    };
    all.set(consumer, st);
  }
  return st;
}

export const itemIdOfInfo = (info: RecordInfo): string => `${info.table}\u0000${info.keyString}`;
