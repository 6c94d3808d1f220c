/**
 * Routes AWS JSON 1.0 targets (`DynamoDB_20120810.PutItem`, `DynamoDBStreams_20120810.GetRecords`)
 * to their handlers. Unknown targets fail as AWS fails them.
 */
import { AwsError } from './errors.ts';
import type { World } from '../world.ts';
import { createTable, describeTable, listTables } from '../table/tableApi.ts';
import { deleteItem, putItem, updateItem } from '../table/items.ts';
import { getItem } from '../table/reads/getItem.ts';
import { part } from '../parts.ts';
import { describeStream, getRecords, getShardIterator, listStreams } from '../stream/streamsApi.ts';

/**
 * `owned`: the input is the simulation's own copy (`callOperation`), so a handler may keep its
 * objects (PutItem stores a scripted item as it is when it is already valid) instead of copying.
 */
type Handler = (world: World, input: Record<string, unknown>, owned: boolean) => unknown;

export const DYNAMODB_PREFIX = 'DynamoDB_20120810.';
export const STREAMS_PREFIX = 'DynamoDBStreams_20120810.';

const HANDLERS: Record<string, Handler> = {
  // Not `createTable` itself: its third parameter is the owning consumer, not `owned`.
  [`${DYNAMODB_PREFIX}CreateTable`]: (world, input) => createTable(world, input),
  // Changing a table is a part of the core (`../parts.ts`): `partsFor` names it for a plan that does.
  [`${DYNAMODB_PREFIX}UpdateTable`]: (world, input) => part('tableSettings').updateTable(world, input),
  [`${DYNAMODB_PREFIX}DescribeTable`]: describeTable,
  [`${DYNAMODB_PREFIX}DeleteTable`]: (world, input) => part('tableSettings').deleteTable(world, input),
  [`${DYNAMODB_PREFIX}ListTables`]: listTables,
  [`${DYNAMODB_PREFIX}UpdateTimeToLive`]: (world, input) => part('tableSettings').updateTimeToLive(world, input),
  [`${DYNAMODB_PREFIX}DescribeTimeToLive`]: (world, input) => part('tableSettings').describeTimeToLive(world, input),
  [`${DYNAMODB_PREFIX}PutItem`]: putItem,
  [`${DYNAMODB_PREFIX}UpdateItem`]: updateItem,
  [`${DYNAMODB_PREFIX}DeleteItem`]: deleteItem,
  [`${DYNAMODB_PREFIX}GetItem`]: getItem,
  // Query and Scan are a part of the core loaded per run (`../parts.ts`); `partsFor` names it for a plan that calls them.
  [`${DYNAMODB_PREFIX}Query`]: (world, input) => part('reads').query(world, input),
  [`${DYNAMODB_PREFIX}Scan`]: (world, input) => part('reads').scan(world, input),
  // The transactions part (`../parts.ts`), with TransactWriteItems: `partsFor` names it for a plan that calls them.
  [`${DYNAMODB_PREFIX}BatchGetItem`]: (world, input) => part('transactions').batchGetItem(world, input),
  [`${DYNAMODB_PREFIX}TransactGetItems`]: (world, input) => part('transactions').transactGetItems(world, input),
  [`${DYNAMODB_PREFIX}BatchWriteItem`]: (world, input, owned) => part('transactions').batchWriteItem(world, input, owned),
  [`${DYNAMODB_PREFIX}TransactWriteItems`]: (world, input) => part('transactions').transactWriteItems(world, input),
  [`${STREAMS_PREFIX}ListStreams`]: listStreams,
  [`${STREAMS_PREFIX}DescribeStream`]: describeStream,
  [`${STREAMS_PREFIX}GetShardIterator`]: getShardIterator,
  [`${STREAMS_PREFIX}GetRecords`]: getRecords,
};

/** The operations the simulation answers, for docs and the UI. */
export const SUPPORTED_TARGETS: readonly string[] = Object.keys(HANDLERS);

/** The same table as a Map: a monomorphic lookup on the hot path, and no inherited names (`toString`). */
const HANDLER_MAP: ReadonlyMap<string, Handler> = new Map(Object.entries(HANDLERS));

/**
 * The last target asked for and its handler: a run calls one operation over and over, and the
 * map's keys are built strings (not the literal a caller passes), so each lookup hashed and then
 * compared the whole name; `===` with the last one is a pointer test when the caller passes the
 * same string each time.
 */
let lastTarget = '';
let lastHandler: Handler | undefined;

export function dispatch(world: World, target: string, input: unknown, owned = false): unknown {
  let handler: Handler | undefined;
  if (target === lastTarget) handler = lastHandler;
  else {
    handler = HANDLER_MAP.get(target);
    if (handler !== undefined) {
      lastTarget = target;
      lastHandler = handler;
    }
  }
  if (!handler) throw new AwsError('UnknownOperationException', `Streamscope does not simulate ${target}`);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AwsError('SerializationException', 'The request body must be a JSON object');
  }
  return handler(world, input as Record<string, unknown>, owned);
}
