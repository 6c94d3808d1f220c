/**
 * The `write` intervention: a user's own PutItem, UpdateItem or DeleteItem, made at a simulated time
 * (the Table panel's form). Its params carry the AWS request as AWS takes it, and the core makes it
 * through `callOperation` like any scripted call, so a failed condition is a `write-rejected` fact
 * with no stream record, exactly as on AWS, and a malformed request is an `api-error`.
 *
 * `writeRequestProblem` checks a request before it is scheduled (the form shows the message in
 * place): the operation, the attribute values and the expressions, with the core's own messages.
 *
 * May import: the table layer, step.ts. May not import: worker, ui.
 */
import type { World } from '../world.ts';
import { callOperation } from '../api/call.ts';
import { isAwsError } from '../api/errors.ts';
import { validateItem } from '../table/attributes.ts';
import { prepareExpressions } from '../table/items.ts';
import type { Intervention } from './intervention.ts';

export const WRITE_OPERATIONS = ['PutItem', 'UpdateItem', 'DeleteItem'] as const;
export type WriteOperation = (typeof WRITE_OPERATIONS)[number];

/** The params of a `write` intervention. */
export interface WriteParams {
  operation: WriteOperation;
  /** The request exactly as the AWS API takes it (`TableName`, `Item` or `Key`, expressions). */
  input: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What is wrong with a write request, in the core's words, or undefined when it would be sent. */
export function writeRequestProblem(operation: unknown, input: unknown): string | undefined {
  if (!WRITE_OPERATIONS.includes(operation as WriteOperation)) return `operation must be one of ${WRITE_OPERATIONS.join(', ')}`;
  if (!isRecord(input)) return 'the request must be an object';
  if (typeof input.TableName !== 'string' || input.TableName.length === 0) return 'the request needs a TableName';
  try {
    if (operation === 'PutItem') validateItem(input.Item, 'Item');
    else validateItem(input.Key, 'Key');
    if (operation === 'UpdateItem' && typeof input.UpdateExpression !== 'string') return 'an UpdateItem needs an UpdateExpression (e.g. SET #c = :c)';
    prepareExpressions(input, operation === 'UpdateItem' ? (input.UpdateExpression as string) : undefined);
  } catch (e) {
    if (isAwsError(e)) return e.message;
    throw e;
  }
  return undefined;
}

/**
 * Makes the write now. Returns why it did not apply (a malformed request), or undefined when the
 * table took it or refused it by its condition, which is the lesson, not a failure of the tool.
 */
export function applyWrite(world: World, i: Intervention): string | undefined {
  const operation = i.params?.operation;
  const input = i.params?.input;
  const problem = writeRequestProblem(operation, input);
  if (problem) return problem;
  // A copy: the intervention is kept by the host and replayed by every recomputation.
  const request = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  try {
    callOperation(world, `DynamoDB_20120810.${operation as WriteOperation}`, request);
  } catch (e) {
    if (!isAwsError(e)) throw e;
    if (e.code !== 'ConditionalCheckFailedException') return `${e.code}: ${e.message}`;
  }
  return undefined;
}
