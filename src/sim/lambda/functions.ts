/**
 * Simulated Lambda functions: a registry of user handlers (`async (event, context) => response`)
 * and built-in functions (the data-driven consumers' downstream handlers), each with a simulated
 * duration and timeout. Invoking a function runs its code at the invocation's start time; the ESM
 * applies the result at start + duration. State lives in the world (`moduleState`), so two worlds
 * never share functions. May touch: the world's module state and its `ids` random stream. May not
 * touch: the clock, the queue or the trace (the ESM records invocations).
 */
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import type { World } from '../world.ts';
import { moduleState } from '../world.ts';
import { AwsError } from '../api/errors.ts';
import type { StreamRecord } from '../stream/record.ts';

/** A user's function: what Lambda would run. May be async; its resolved value is the response. */
export type LambdaHandler = (event: DynamoDBStreamEvent, context: Context) => unknown;

export interface FunctionOptions {
  /** Simulated duration of one invocation in ms (default 100), or a function of the event. */
  durationMs?: number | ((event: DynamoDBStreamEvent) => number);
  /** The function's timeout in ms (AWS default 3 s; at most 900 s). Longer invocations time out. */
  timeoutMs?: number;
}

/** A built-in function sees the world's own records, so its downstream handler gets StreamRecords. */
export type BuiltinRunner = (world: World, invocation: BuiltinInvocation) => unknown;

export interface BuiltinInvocation {
  consumer: string;
  worker: string;
  shardId: string;
  batchId: number;
  records: readonly { record: StreamRecord; keyString: string }[];
  /** ReportBatchItemFailures is on: report a failing record instead of throwing. */
  reportItemFailures: boolean;
  /** A `crash mid-batch` fault: process this many records, then fail. */
  crashAfterRecords?: number;
  /** The invocation's request id (what `context.awsRequestId` says). */
  requestId?: string;
}

export interface FunctionEntry {
  name: string;
  arn: string;
  handler?: LambdaHandler;
  builtin?: BuiltinRunner;
  durationMs: number | ((event: DynamoDBStreamEvent) => number);
  timeoutMs: number;
}

export const DEFAULT_DURATION_MS = 100;
export const DEFAULT_TIMEOUT_MS = 3_000;
export const MAX_TIMEOUT_MS = 900_000;

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const ARN = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:([a-zA-Z0-9_-]{1,64})(:\$LATEST)?$/;

function registry(world: World): Map<string, FunctionEntry> {
  return moduleState(world, 'lambda-functions', () => new Map<string, FunctionEntry>());
}

export function functionArn(world: World, name: string): string {
  return `arn:aws:lambda:${world.options.region}:${world.options.accountId}:function:${name}`;
}

/** A function name from a name or a function ARN; undefined when it is neither. */
export function functionNameOf(nameOrArn: string): string | undefined {
  if (NAME.test(nameOrArn)) return nameOrArn;
  return ARN.exec(nameOrArn)?.[1];
}

function checkDuration(options: FunctionOptions): void {
  const d = options.durationMs;
  if (typeof d === 'number' && (!Number.isFinite(d) || d < 0)) throw new RangeError(`durationMs must be a finite number ≥ 0; got ${d}`);
  const t = options.timeoutMs;
  if (t !== undefined && (!Number.isInteger(t) || t < 1 || t > MAX_TIMEOUT_MS)) throw new RangeError(`timeoutMs must be an integer in [1, ${MAX_TIMEOUT_MS}]; got ${t}`);
}

/** Registers (or replaces, like UpdateFunctionCode) a function. */
export function registerFunction(world: World, name: string, code: { handler?: LambdaHandler; builtin?: BuiltinRunner }, options: FunctionOptions = {}): FunctionEntry {
  if (!NAME.test(name)) throw new AwsError('InvalidParameterValueException', `Invalid function name: ${name}`, { Type: 'User' }, { namespace: '' });
  checkDuration(options);
  const entry: FunctionEntry = {
    name,
    arn: functionArn(world, name),
    ...code,
    durationMs: options.durationMs ?? DEFAULT_DURATION_MS,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  registry(world).set(name, entry);
  return entry;
}

export function deleteFunction(world: World, name: string): boolean {
  return registry(world).delete(name);
}

export function getFunction(world: World, nameOrArn: string): FunctionEntry | undefined {
  const name = functionNameOf(nameOrArn);
  return name === undefined ? undefined : registry(world).get(name);
}

export function listFunctions(world: World): FunctionEntry[] {
  return [...registry(world).values()];
}

/** A UUID (version 4 layout) drawn from the world's `consumers` stream, so adding a mapping never shifts record ids. */
export function newUuid(world: World): string {
  const h = world.rng.consumers.hex(32);
  const variant = '89ab'[parseInt(h[16]!, 16) & 3]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The simulated duration of one invocation of `fn` with `event`. */
export function durationOf(fn: FunctionEntry, event: DynamoDBStreamEvent): number {
  const d = typeof fn.durationMs === 'function' ? fn.durationMs(event) : fn.durationMs;
  return Number.isFinite(d) && d >= 0 ? Math.round(d) : DEFAULT_DURATION_MS;
}

/**
 * A Lambda-like context. Simulated time does not move while a handler runs, so the remaining time
 * is the whole timeout; the deprecated callbacks exist only to satisfy the type and do nothing.
 */
export function lambdaContext(world: World, fn: FunctionEntry, requestId: string): Context {
  const day = new Date(world.options.epochMs + world.nowMs).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${day}/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => fn.timeoutMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
