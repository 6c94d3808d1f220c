/**
 * The four idempotency modes: how a handler turns one record into target writes, and what stops
 * it from applying a record twice.
 *
 * - `none`: applies the record's delta (NewImage minus OldImage), one call per write.
 * - `event-id`: one TransactWriteItems that puts `event#<eventID>` into the ledger with
 *   `attribute_not_exists(pk)` and applies the delta; a redelivered record cancels it.
 * - `sequence-number`: the same transaction guards a per-(consumer, shard) high-water mark
 *   `hwm#<consumer>#<shardId>`: apply only when the record's sequence number is above it. Sequence
 *   numbers are stored as 40-digit zero-padded strings (see `padSequence`), so the condition's
 *   string comparison is numeric comparison. Per shard only: it assumes in-order delivery within a
 *   shard, so a record delivered after a later one of the same shard is skipped and lost.
 * - `item-version`: the ledger row `item#<source key>` holds the sequence number of the last record
 *   applied for that source item and what the item then contributed to the target. A record applies
 *   only when newer (conditional write), and it applies the difference between the stored
 *   contribution and its own: for a counter, a vote change moves the voter's one vote from wherever
 *   it was counted, whatever records were skipped. Duplicates and stale (reordered) records are
 *   skipped, and only the NewImage is needed.
 *
 * Touches the world only through table operations (`writes.ts`).
 */
import type { World } from '../world.ts';
import { isAwsError } from '../api/errors.ts';
import type { ProcessEffect } from '../consumers/events.ts';
import type { KeySchema } from '../table/table.ts';
import type { ProcessContext } from './types.ts';
import { countsFromJson, countsToJson, UNKNOWN, type Contribution, type KindLogic } from './kinds.ts';
import { compareSequence, itemIdOf, padSequence, type RecordView } from './records.ts';
import { diffWrites, readItem, transactItemsOf, writeEach, writeTransaction, type TargetWrite } from './writes.ts';

/** What a mode needs to know about its handler. */
export interface HandlerParts {
  consumerId: string;
  logic: KindLogic;
  targetTable: string;
  targetSchema: KeySchema;
  /** The idempotency bookkeeping table (`<target>-idempotency`, hash key `pk`). */
  ledgerTable: string;
  sourceKeyNames: readonly string[] | undefined;
}

export interface ModeInput {
  view: RecordView;
  ctx: ProcessContext;
  /** Whether this consumer applied this record before. An oracle for labels, never for deciding. */
  appliedBefore: boolean;
}

export type Mode = (world: World, h: HandlerParts, input: ModeInput) => ProcessEffect;

/** The naive delta of a record, or undefined when its images do not say (e.g. no OldImage). */
function deltaWrites(h: HandlerParts, view: RecordView): TargetWrite[] | undefined {
  const before = h.logic.before(view, h.sourceKeyNames);
  const after = h.logic.after(view, h.sourceKeyNames);
  if (before === UNKNOWN || after === UNKNOWN) return undefined;
  return diffWrites(h.targetSchema, h.logic.deletes, before, after);
}

function isCancelled(e: unknown): boolean {
  return isAwsError(e) && (e.code === 'TransactionCanceledException' || e.code === 'ConditionalCheckFailedException');
}

/** Runs a guarded transaction: 'applied', or `onCancel` when the guard refused it. */
function guarded(world: World, actions: Record<string, unknown>[], onCancel: () => ProcessEffect): ProcessEffect {
  try {
    writeTransaction(world, actions);
    return 'applied';
  } catch (e) {
    if (isCancelled(e)) return onCancel();
    throw e;
  }
}

const none: Mode = (world, h, { view }) => {
  const writes = deltaWrites(h, view);
  if (!writes || writes.length === 0) return 'ignored';
  writeEach(world, h.targetTable, writes);
  return 'applied';
};

const eventId: Mode = (world, h, { view, ctx }) => {
  const writes = deltaWrites(h, view);
  if (!writes || writes.length === 0) return 'ignored';
  const mark = {
    Put: {
      TableName: h.ledgerTable,
      Item: { pk: { S: `event#${view.eventID}` }, consumer: { S: h.consumerId }, shardId: { S: ctx.shardId }, seq: { S: padSequence(view.sequenceNumber) } },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  return guarded(world, [mark, ...transactItemsOf(h.targetTable, writes)], () => 'skipped-duplicate');
};

const sequenceNumber: Mode = (world, h, { view, ctx, appliedBefore }) => {
  const writes = deltaWrites(h, view);
  if (!writes || writes.length === 0) return 'ignored';
  const mark = {
    Put: {
      TableName: h.ledgerTable,
      Item: { pk: { S: `hwm#${h.consumerId}#${ctx.shardId}` }, seq: { S: padSequence(view.sequenceNumber) }, eventID: { S: view.eventID } },
      ConditionExpression: 'attribute_not_exists(pk) OR #seq < :seq',
      ExpressionAttributeNames: { '#seq': 'seq' },
      ExpressionAttributeValues: { ':seq': { S: padSequence(view.sequenceNumber) } },
    },
  };
  // The mark cannot tell a duplicate from an older record it never applied; the label can.
  return guarded(world, [mark, ...transactItemsOf(h.targetTable, writes)], () => (appliedBefore ? 'skipped-duplicate' : 'skipped-stale'));
};

/** The stored contribution of a ledger row, as written by `itemVersion`. */
function storedContribution(h: HandlerParts, raw: string | undefined): Contribution {
  const data: unknown = raw === undefined ? undefined : JSON.parse(raw);
  return h.logic.family === 'counts' ? { counts: countsFromJson(data) } : { rows: Array.isArray(data) ? data : [] };
}

/** Rows are stored as their keys only: enough to delete them later, and small. */
function contributionToJson(h: HandlerParts, c: Contribution): string {
  if ('counts' in c) return JSON.stringify(countsToJson(c.counts));
  const names = [h.targetSchema.hash.name, ...(h.targetSchema.range ? [h.targetSchema.range.name] : [])];
  return JSON.stringify(c.rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n]]))));
}

const itemVersion: Mode = (world, h, { view, appliedBefore }) => {
  const after = h.logic.after(view, h.sourceKeyNames);
  if (after === UNKNOWN) return 'ignored';
  const pk = { S: `item#${itemIdOf(view.keys, h.sourceKeyNames)}` };
  const row = readItem(world, h.ledgerTable, { pk });
  const storedSeq = row?.seq && 'S' in row.seq ? row.seq.S : undefined;
  if (storedSeq !== undefined) {
    const cmp = compareSequence(view.sequenceNumber, storedSeq);
    if (cmp === 0) return 'skipped-duplicate';
    // Older than the stored version: the version cannot say whether it was applied; the label can.
    if (cmp < 0) return appliedBefore ? 'skipped-duplicate' : 'skipped-stale';
  }
  const stored = row?.contribution && 'S' in row.contribution ? row.contribution.S : undefined;
  const writes = diffWrites(h.targetSchema, h.logic.deletes, storedContribution(h, stored), after);
  const version = {
    Put: {
      TableName: h.ledgerTable,
      Item: { pk, seq: { S: padSequence(view.sequenceNumber) }, eventID: { S: view.eventID }, contribution: { S: contributionToJson(h, after) } },
      // The read above decided; the condition makes the decision safe against a concurrent writer.
      ConditionExpression: 'attribute_not_exists(pk) OR #seq < :seq',
      ExpressionAttributeNames: { '#seq': 'seq' },
      ExpressionAttributeValues: { ':seq': { S: padSequence(view.sequenceNumber) } },
    },
  };
  return guarded(world, [version, ...transactItemsOf(h.targetTable, writes)], () => (appliedBefore ? 'skipped-duplicate' : 'skipped-stale'));
};

export const MODES = { none, 'event-id': eventId, 'sequence-number': sequenceNumber, 'item-version': itemVersion } as const;
