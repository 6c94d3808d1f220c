/**
 * TransactWriteItems: up to 100 Put / Update / Delete / ConditionCheck actions on distinct items,
 * all or nothing (reference §1.2). Every condition is checked before anything is applied; a
 * committed transaction emits one record per item it actually changed, and ConditionCheck emits
 * none. A repeat with the same ClientRequestToken within 10 minutes succeeds without changes.
 */
import { AwsError, validationError } from '../api/errors.ts';
import { optionalString, requireString } from '../api/input.ts';
import type { World } from '../world.ts';
import { apply, prepareDelete, preparePut, prepareUpdate, type PreparedWrite } from './items.ts';
import { validateItem } from './attributes.ts';
import { checkKey, tableKeyString } from './table.ts';
import { findTable } from './tableApi.ts';
import { evaluateCondition, parseCondition, checkPlaceholders } from './expressions/index.ts';
import { recordRejected } from './commit.ts';

const TOKEN_WINDOW_MS = 10 * 60_000;

type Action = { kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck'; body: Record<string, unknown> };

function parseActions(input: Record<string, unknown>): Action[] {
  const items = input.TransactItems;
  if (!Array.isArray(items) || items.length < 1 || items.length > 100) {
    throw validationError("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length between 1 and 100");
  }
  return items.map((raw: Record<string, unknown>) => {
    const kinds = (['Put', 'Update', 'Delete', 'ConditionCheck'] as const).filter((k) => raw?.[k] !== undefined);
    if (kinds.length !== 1) throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    return { kind: kinds[0]!, body: raw[kinds[0]!] as Record<string, unknown> };
  });
}

function prepareCheck(world: World, body: Record<string, unknown>): PreparedWrite {
  const table = findTable(world, requireString(body, 'TableName'));
  const key = checkKey(table, validateItem(body.Key, 'Key'));
  const keyString = tableKeyString(table, key);
  const condition = parseCondition(requireString(body, 'ConditionExpression'));
  const ctx = {
    ...(body.ExpressionAttributeNames ? { names: body.ExpressionAttributeNames as Record<string, string> } : {}),
    ...(body.ExpressionAttributeValues ? { values: validateItem(body.ExpressionAttributeValues, 'ExpressionAttributeValues') } : {}),
  };
  checkPlaceholders([condition], ctx);
  const oldItem = table.items.get(keyString);
  return { table, op: 'ConditionCheck', key, keyString, oldItem, newItem: oldItem, conditionFailed: !evaluateCondition(condition, oldItem, ctx) };
}

function fingerprint(input: Record<string, unknown>): string {
  return JSON.stringify(input.TransactItems);
}

export function transactWriteItems(world: World, input: Record<string, unknown>): unknown {
  const token = optionalString(input, 'ClientRequestToken');
  for (const [t, seen] of world.transactionTokens) if (seen.atMs + TOKEN_WINDOW_MS <= world.nowMs) world.transactionTokens.delete(t);
  if (token !== undefined) {
    const seen = world.transactionTokens.get(token);
    if (seen && seen.fingerprint !== fingerprint(input)) {
      throw new AwsError('IdempotentParameterMismatchException', 'Specified idempotent token was used with different request parameters within the idempotency window');
    }
    if (seen) return {};
  }
  const actions = parseActions(input);
  const writes = actions.map((a) =>
    a.kind === 'Put' ? preparePut(world, a.body, 'TransactWriteItems')
    : a.kind === 'Update' ? prepareUpdate(world, a.body, 'TransactWriteItems')
    : a.kind === 'Delete' ? prepareDelete(world, a.body, 'TransactWriteItems')
    : prepareCheck(world, a.body),
  );
  const targets = new Set(writes.map((w) => `${w.table.name}\u0000${w.keyString}`));
  if (targets.size !== writes.length) throw validationError('Transaction request cannot include multiple operations on one item');
  if (writes.some((w) => w.conditionFailed)) {
    const reasons = writes.map((w) => (w.conditionFailed ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : { Code: 'None' }));
    for (const w of writes) if (w.conditionFailed) recordRejected(world, w.table, 'TransactWriteItems', w.key, w.keyString, 'TransactionCanceled');
    throw new AwsError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      { CancellationReasons: reasons },
    );
  }
  for (const w of writes) if (w.op !== 'ConditionCheck') apply(world, w);
  if (token !== undefined) world.transactionTokens.set(token, { fingerprint: fingerprint(input), atMs: world.nowMs });
  return {};
}
