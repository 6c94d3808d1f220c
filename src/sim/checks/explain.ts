/**
 * The checks' explanations: why a record was delivered again, why one was lost, which target rows
 * a record touches. Every sentence is built from trace facts the UI also shows (crashes,
 * checkpoints, batches), so a learner can find each cause on the timeline.
 */
import { keyString } from '../table/attributes.ts';
import { keyAttributeNames } from '../table/table.ts';
import { UNKNOWN, type Contribution } from '../handlers/kinds.ts';
import type { RegisteredHandler } from '../handlers/index.ts';
import { describeRecord, formatSimTime } from './format.ts';
import { fullView, type RecordInfo } from './recordIndex.ts';
import type { CheckpointFact, ConsumerCheckState, PendingLoss } from './state.ts';

export function describe(st: ConsumerCheckState, info: RecordInfo): string {
  return describeRecord(info, st.reg?.handler.spec.kind);
}

function checkpointText(cp: CheckpointFact | undefined): string {
  if (!cp) return 'no checkpoint had been written for its shard';
  const where = /^\d+$/.test(cp.value) ? `at ${cp.label}` : cp.value;
  return `its last checkpoint (${where}, by ${cp.worker} at ${formatSimTime(cp.t)})`;
}

/** The last checkpoint of `shardId` written before `t`. */
function checkpointBefore(st: ConsumerCheckState, shardId: string, t: number): CheckpointFact | undefined {
  const list = st.checkpoints.get(shardId) ?? [];
  let found: CheckpointFact | undefined;
  for (const cp of list) if (cp.t <= t) found = cp;
  return found;
}

/** Why `info` reached the consumer again at `t` in batch `batchId`. */
export function whyRedelivered(st: ConsumerCheckState, info: RecordInfo, batchId: number, t: number): string {
  const first = st.processed.get(info.eventID)?.firstAppliedAt ?? 0;
  const crash = [...st.crashes].reverse().find((c) => c.t >= first && c.t <= t);
  if (crash) {
    const cp = checkpointBefore(st, info.shardId, crash.t);
    const covered = cp && (cp.value === 'SHARD_END' || (/^\d+$/.test(cp.value) && BigInt(cp.value) >= info.seq));
    const tail = !cp ? '' : covered ? ' covered it, yet it came again' : ' was before it';
    return `redelivered after ${crash.worker} crashed at ${formatSimTime(crash.t)}; ${checkpointText(cp)}${tail}`;
  }
  const batch = st.batches.get(batchId);
  if (batch && batch.trigger !== 'poll') return `redelivered when batch ${batchId} was delivered again (${batch.trigger}, attempt ${batch.attempt}) at ${formatSimTime(batch.t)}`;
  return `delivered again at ${formatSimTime(t)}`;
}

/** Why a record the consumer moved past was never processed. */
export function whyLost(st: ConsumerCheckState, p: PendingLoss): string {
  const cp = p.checkpoint;
  const failedAt = st.processed.get(p.info.eventID)?.failedAt;
  const past = `${cp.worker} checkpointed past it at ${formatSimTime(cp.t)}`;
  if (failedAt !== undefined) return `the handler failed on it at ${formatSimTime(failedAt)} and ${past}`;
  const crash = st.crashes.find((c) => c.worker === cp.worker && c.t >= cp.t);
  if (crash) {
    return `${past}, then crashed at ${formatSimTime(crash.t)} before processing it; the next reader resumed after the checkpoint (checkpoint before processing is at-most-once)`;
  }
  return `${past} without processing it`;
}

function contributionKeys(reg: RegisteredHandler, c: Contribution | typeof UNKNOWN, into: Set<string>): void {
  if (c === UNKNOWN) return;
  const schema = reg.parts.targetSchema;
  if ('counts' in c) {
    for (const value of c.counts.keys()) into.add(keyString({ [schema.hash.name]: { S: value } }, [schema.hash.name]));
    return;
  }
  const names = keyAttributeNames(schema);
  for (const row of c.rows) if (names.every((n) => row[n])) into.add(keyString(row, names));
}

/** The target rows a record touches: what its item contributed before it and after it. */
export function touchedKeys(reg: RegisteredHandler | undefined, info: RecordInfo): Set<string> {
  const out = new Set<string>();
  if (!reg) return out;
  const view = fullView(info);
  const names = reg.parts.sourceKeyNames;
  contributionKeys(reg, reg.parts.logic.before(view, names), out);
  contributionKeys(reg, reg.parts.logic.after(view, names), out);
  return out;
}

/** Remembers why a record may have left the target wrong (shown only if a row it touches is wrong). */
export function addIncident(st: ConsumerCheckState, info: RecordInfo, text: string): void {
  if (st.incidents.has(info.eventID)) return;
  st.incidents.set(info.eventID, { eventID: info.eventID, text, keys: touchedKeys(st.reg, info) });
}
