/**
 * The boundary between the pure core and a learner's own code. The core never runs user code
 * itself: it asks an injected `UserCodeSandbox` (a nested Web Worker in the browser, `node:vm` in
 * tests and tools) to load the code once per run and to invoke it once per Lambda invocation. While
 * an invocation runs, every DynamoDB call the code makes comes back to the core as a `DbCall`, which
 * runs at the current simulated time like any other operation, so its writes are trace facts.
 *
 * Types and error classes only: no Worker, no timers, no wall clock.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';

/** What the code's `context` argument carries: Lambda's context as plain data. */
export interface UserContextData {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  /** What `getRemainingTimeInMillis()` returns: simulated time does not move while code runs. */
  remainingTimeMs: number;
}

export interface UserInvocation {
  /** The event exactly as Lambda sends it. */
  event: DynamoDBStreamEvent;
  context: UserContextData;
  /** What the clock reads inside the code (the sandbox replaces Date): the simulated time, in epoch ms. */
  nowEpochMs: number;
}

/**
 * One DynamoDB call of the code, e.g. `('UpdateItem', { TableName, Key, UpdateExpression, … })`:
 * returns AWS's response body or throws the `AwsError` AWS would return.
 */
export type DbCall = (operation: string, input: unknown) => unknown;

/** One consumer's loaded code. */
export interface UserCodeRunner {
  /**
   * Runs `handler(event, context)` and resolves with its result (structured-cloned). Rejects with
   * a `UserCodeError`: `threw` (the code threw or rejected), `timeout` (stopped after its wall-clock
   * limit), `init` (the module failed to load or exports no `handler`).
   */
  invoke(invocation: UserInvocation, db: DbCall): Promise<unknown>;
  /** Frees the sandbox (terminates its worker). */
  dispose(): void;
}

export interface UserCodeLoadOptions {
  consumerId: string;
  /** Seeds the code's `Math.random` and `crypto.getRandomValues`, so a run replays. */
  seed: number;
  /** What the code reads as `process.env` (table names, region). */
  env: Record<string, string>;
}

/** Creates runners. Throws a `UserCodeError` of kind `syntax` when the code cannot be parsed. */
export interface UserCodeSandbox {
  /** Loads what `load` needs (the browser's parser is a lazily loaded chunk); awaited before a run with user code. */
  prepare?(): Promise<void>;
  load(code: string, options: UserCodeLoadOptions): UserCodeRunner;
  /**
   * Stops every runner it made (the user cancelled the run): an invocation in flight fails at once
   * and later ones fail without running, so the computation reaches its next slice quickly.
   */
  cancel?(): void;
}

export type UserCodeErrorKind = 'syntax' | 'init' | 'threw' | 'timeout' | 'unavailable';

/**
 * A failure of the learner's code, with where it happened when known (1-based line, 1-based
 * column, in the code as written).
 */
export class UserCodeError extends Error {
  constructor(
    readonly kind: UserCodeErrorKind,
    message: string,
    readonly line?: number,
    readonly column?: number,
    /** The name of the error the code threw (`TypeError`, `ConditionalCheckFailedException`, …). */
    name?: string,
  ) {
    super(message);
    this.name = name ?? (kind === 'timeout' ? 'Sandbox.Timeout' : kind === 'syntax' ? 'SyntaxError' : kind === 'init' ? 'Runtime.ImportModuleError' : 'Error');
  }
}

export function isUserCodeError(e: unknown): e is UserCodeError {
  return e instanceof UserCodeError;
}

/** The wall-clock limit of one invocation, measured outside the sandbox. */
export const USER_CODE_TIME_LIMIT_MS = 1_000;

/** What the UI and the trace say when an invocation was stopped. */
export const TIMEOUT_MESSAGE = 'Your handler ran for more than 1 s and was stopped — an endless loop?';

/** The DynamoDB operations user code may call (the data plane; tables are made for it). */
export const USER_DB_OPERATIONS = [
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan',
  'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems',
] as const;
