/**
 * A Lambda consumer whose handler is the learner's own code (`handler.idempotency: 'user'`). The
 * event source mapping is the same as for built-in consumers; only the function differs: it builds
 * the event exactly as Lambda sends it, hands it to the sandbox, and executes each DynamoDB call
 * the code makes at the invocation's simulated time through `callOperation`, so writes are trace
 * facts and a refused condition comes back to the code as AWS's error. A thrown error, a timeout or
 * a `batchItemFailures` response then drive retries, bisect and destinations like any function's.
 *
 * The code's effect per record cannot be observed (it writes for the whole batch), so after each
 * invocation it is inferred from the target: records applied for the first time are `applied`; a
 * redelivered record is a harmful duplicate when the target rows it touches moved by more than the
 * new records explain, and `skipped-duplicate` otherwise. The checks judge the target itself either way.
 *
 * Faults a function cannot feel from inside are applied around it: a crash after k records runs
 * the code on the first k records and then fails the invocation; a poison record runs it on the
 * records before it and then fails (or reports the record under ReportBatchItemFailures).
 */
import type { World } from '../world.ts';
import { record } from '../world.ts';
import { callOperation } from '../api/call.ts';
import type { LambdaConsumerSpec } from '../consumers/spec.ts';
import type { StreamRecord } from '../stream/record.ts';
import type { Item } from '../table/attributeValue.ts';
import { keyString } from '../table/attributes.ts';
import { keyAttributeNames } from '../table/table.ts';
import { isPoison } from '../faults/consumerFaults.ts';
import { deliveryCount } from '../consumers/runtime.ts';
import { compareRow, oracleFromSource, type TargetOracle } from '../checks/oracle.ts';
import { createMapping, type EventSourceMappingConfiguration } from '../consumers/esm/control.ts';
import { DEFAULT_INVOCATION_MS } from '../consumers/esm/dataDriven.ts';
import { toLambdaEvent } from '../consumers/esm/lambdaEvent.ts';
import { HandlerError } from '../handlers/types.ts';
import { noteApplied, prepareTargets, wasApplied, type RegisteredHandler } from '../handlers/index.ts';
import { UNKNOWN } from '../handlers/kinds.ts';
import { viewOf } from '../handlers/records.ts';
import { diffWrites, type TargetWrite } from '../handlers/writes.ts';
import { DEFAULT_TIMEOUT_MS, functionArn, registerFunction, type BuiltinInvocation } from '../lambda/functions.ts';
import type { ProcessEffect } from '../consumers/events.ts';
import { loadUserCode } from './index.ts';
import { isUserCodeError, TIMEOUT_MESSAGE, USER_DB_OPERATIONS, UserCodeError, type UserCodeRunner, type UserContextData, type UserInvocation } from './types.ts';

const DDB = 'DynamoDB_20120810.';
const ALLOWED = new Set<string>(USER_DB_OPERATIONS);

/** A 32-bit seed for the code's randomness: FNV-1a of the world's seed and the consumer id. */
function codeSeed(seed: number, consumerId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${consumerId}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

function contextFor(world: World, name: string, requestId: string, timeoutMs: number): UserContextData {
  const day = new Date(world.options.epochMs + world.nowMs).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn(world, name),
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `${day}/[$LATEST]${requestId.replaceAll('-', '')}`,
    remainingTimeMs: timeoutMs,
  };
}

/** The target rows a record moves (by its images), keyed by target key string. */
function touchedRows(reg: RegisteredHandler, rec: StreamRecord): TargetWrite[] | undefined {
  const { logic, sourceKeyNames, targetSchema } = reg.parts;
  const view = viewOf(rec);
  if (!logic.relevant(view)) return [];
  const before = logic.before(view, sourceKeyNames);
  const after = logic.after(view, sourceKeyNames);
  if (before === UNKNOWN || after === UNKNOWN) return undefined;
  return diffWrites(targetSchema, logic.deletes, before, after);
}

function writeKey(w: TargetWrite, names: readonly string[]): string {
  return keyString(w.op === 'put' ? Object.fromEntries(names.map((n) => [n, w.item[n]!])) : w.key, names);
}

function amount(item: Item | undefined, attr: string): number {
  const v = item?.[attr];
  return v && 'N' in v ? Number(v.N) : 0;
}

/**
 * Per record: what the code did with it, inferred from the target before and after (see the module
 * comment). `before` is the target's items map before the invocation (items are immutable).
 */
function inferEffects(world: World, reg: RegisteredHandler, recs: readonly StreamRecord[], before: ReadonlyMap<string, Item>): { effect: ProcessEffect; harm?: boolean }[] {
  const names = keyAttributeNames(reg.parts.targetSchema);
  const after = world.tables.get(reg.parts.targetTable)?.items ?? new Map<string, Item>();
  const counters = reg.parts.logic.counters;
  const expected = new Map<string, Map<string, number>>();
  const rows = recs.map((r) => touchedRows(reg, r));
  recs.forEach((r, i) => {
    if (wasApplied(world, reg.parts.consumerId, r.eventID)) return;
    for (const w of rows[i] ?? []) {
      if (w.op !== 'add') continue;
      const k = writeKey(w, names);
      const m = expected.get(k) ?? new Map<string, number>();
      for (const [a, v] of w.deltas) m.set(a, (m.get(a) ?? 0) + v);
      expected.set(k, m);
    }
  });
  const moved = (k: string): boolean => {
    if (counters.length === 0) return before.get(k) !== after.get(k);
    return counters.some((a) => amount(after.get(k), a) - amount(before.get(k), a) !== (expected.get(k)?.get(a) ?? 0));
  };
  // A row that moved more than the new records explain is harm only if it now disagrees with the
  // source: code that recounts from the table (a GSI Query) may run ahead of the stream, not wrong.
  let oracle: TargetOracle | undefined | null = null;
  const wrongNow = (k: string): boolean => {
    if (oracle === null) {
      const source = world.tables.get(reg.handler.spec.sourceTable);
      oracle = source ? oracleFromSource(reg.parts, source) : undefined;
    }
    return oracle === undefined || compareRow(reg.parts.logic, oracle, k, after.get(k)) !== undefined;
  };
  return recs.map((r, i) => {
    const writes = rows[i];
    if (writes && writes.length === 0) return { effect: 'ignored' };
    if (!wasApplied(world, reg.parts.consumerId, r.eventID)) return { effect: 'applied' };
    const harmed = (writes ?? []).some((w) => moved(writeKey(w, names)) && wrongNow(writeKey(w, names)));
    return harmed ? { effect: 'applied', harm: true } : { effect: 'skipped-duplicate' };
  });
}

/**
 * Records what the code did per record. After a failed invocation (thrown, timed out) only the
 * records whose target rows moved are known to have been worked on; the others are `failed` (the
 * invocation failed with them in it), so the checks count them as not processed yet, and the
 * timeline shows each retry's delivery.
 */
function runFacts(world: World, inv: BuiltinInvocation, reg: RegisteredHandler, recs: readonly StreamRecord[], before: ReadonlyMap<string, Item>, failed: boolean): void {
  const effects = inferEffects(world, reg, recs, before);
  const names = keyAttributeNames(reg.parts.targetSchema);
  const after = world.tables.get(reg.parts.targetTable)?.items;
  const moved = (rec: StreamRecord) => (touchedRows(reg, rec) ?? []).some((w) => before.get(writeKey(w, names)) !== after?.get(writeKey(w, names)));
  recs.forEach((rec, i) => {
    const { effect, harm } = failed && !moved(rec) ? { effect: 'failed' as const, harm: undefined } : effects[i]!;
    const keyStr = inv.records[i]!.keyString;
    record(world, {
      t: world.nowMs, type: 'record-processed', consumer: inv.consumer, worker: inv.worker, shardId: inv.shardId, batchId: inv.batchId,
      eventID: rec.eventID, sequenceNumber: rec.dynamodb.SequenceNumber, keyString: keyStr, deliveryCount: deliveryCount(world, inv.consumer, rec.eventID),
      effect, ...(harm !== undefined ? { harm } : {}),
    });
    if (effect === 'applied') noteApplied(world, inv.consumer, rec.eventID);
  });
}

/** Executes one DynamoDB call of the code, at the current simulated time. */
function dbCall(world: World, isOpen: () => boolean): (operation: string, input: unknown) => unknown {
  return (operation, input) => {
    if (!isOpen()) throw new Error(`${operation} was called after the handler returned; await every call before returning`);
    if (!ALLOWED.has(operation)) throw new Error(`${operation} is not available to a handler here; use one of ${USER_DB_OPERATIONS.join(', ')}`);
    return callOperation(world, DDB + operation, input);
  };
}

interface UserFunction {
  reg: RegisteredHandler;
  runner: UserCodeRunner;
  streamArn: string;
  timeoutMs: number;
  /** Invocations in a row that were stopped at the time limit. */
  timeoutsInARow: number;
}

/**
 * After this many invocations in a row stopped at the time limit, the code is not run again in this
 * run: each further invocation times out at once. An endless loop would otherwise cost a second of
 * real time per retry, and Lambda retries a failing batch until its records expire. Deterministic,
 * because whether an invocation times out is (an endless loop always does).
 */
export const MAX_TIMEOUTS_IN_A_ROW = 3;

async function invokeCode(world: World, fn: UserFunction, invocation: UserInvocation, isOpen: () => boolean): Promise<unknown> {
  if (fn.timeoutsInARow >= MAX_TIMEOUTS_IN_A_ROW) {
    throw new UserCodeError('timeout', `${TIMEOUT_MESSAGE} (It was stopped ${MAX_TIMEOUTS_IN_A_ROW} times in a row, so this run does not start it again.)`);
  }
  try {
    const response = await fn.runner.invoke(invocation, dbCall(world, isOpen));
    fn.timeoutsInARow = 0;
    return response;
  } catch (e) {
    fn.timeoutsInARow = isUserCodeError(e) && e.kind === 'timeout' ? fn.timeoutsInARow + 1 : 0;
    throw e;
  }
}

async function runUserBatch(world: World, fn: UserFunction, inv: BuiltinInvocation): Promise<unknown> {
  prepareTargets(world, fn.reg.parts, fn.reg.handler.spec);
  const all = inv.records.map((r) => r.record);
  const poison = inv.records.findIndex((r) => isPoison(world, inv.consumer, r.record, r.keyString));
  const crashAt = inv.crashAfterRecords;
  // The code sees the records it would have reached before a fault stopped it.
  const upTo = Math.min(poison < 0 ? all.length : poison, crashAt ?? all.length);
  const recs = all.slice(0, upTo);
  const before = new Map(world.tables.get(fn.reg.parts.targetTable)?.items ?? []);
  let open = true;
  let response: unknown = { batchItemFailures: [] };
  if (recs.length > 0) {
    const invocation = { event: toLambdaEvent(recs, fn.streamArn), context: contextFor(world, inv.consumer, inv.requestId ?? '', fn.timeoutMs), nowEpochMs: world.options.epochMs + world.nowMs };
    let failed = true;
    try {
      response = await invokeCode(world, fn, invocation, () => open);
      failed = false;
    } finally {
      open = false;
      // Whatever the code managed to write is a fact now; say what it did per record.
      runFacts(world, inv, fn.reg, recs, before, failed);
    }
  }
  if (crashAt !== undefined && (poison < 0 || crashAt <= poison)) {
    record(world, { t: world.nowMs, type: 'crash', consumer: inv.consumer, worker: inv.worker, reason: `function crashed after ${recs.length} of ${all.length} record(s)` });
    throw new Error(`Runtime.ExitError: the function crashed after ${recs.length} record(s) (crash fault)`);
  }
  if (poison >= 0) {
    const rec = all[poison]!;
    const seq = rec.dynamodb.SequenceNumber;
    record(world, { t: world.nowMs, type: 'record-processed', consumer: inv.consumer, worker: inv.worker, shardId: inv.shardId, batchId: inv.batchId, eventID: rec.eventID, sequenceNumber: seq, keyString: inv.records[poison]!.keyString, deliveryCount: deliveryCount(world, inv.consumer, rec.eventID), effect: 'failed' });
    if (inv.reportItemFailures) return { batchItemFailures: [{ itemIdentifier: seq }] };
    throw new HandlerError(`PoisonRecord: the function cannot process record ${seq} (poison-record fault)`, seq);
  }
  return response;
}

/** Adds a Lambda consumer running the learner's code; returns its mapping as CreateEventSourceMapping would. */
export function addUserCodeLambdaConsumer(world: World, spec: LambdaConsumerSpec, reg: RegisteredHandler): EventSourceMappingConfiguration {
  const table = world.tables.get(spec.handler.sourceTable);
  const streamArn = table?.stream?.arn;
  if (!streamArn) throw new Error(`Lambda consumer ${spec.id}: table ${spec.handler.sourceTable} has no enabled stream`);
  const env = { AWS_REGION: world.options.region, SOURCE_TABLE: spec.handler.sourceTable, TARGET_TABLE: reg.parts.targetTable, LEDGER_TABLE: reg.parts.ledgerTable };
  const runner = loadUserCode(world, spec.handler.code ?? '', { consumerId: spec.id, seed: codeSeed(world.options.seed, spec.id), env });
  const timing = spec.invocationMs ?? DEFAULT_INVOCATION_MS;
  const fn: UserFunction = { reg, runner, streamArn, timeoutMs: DEFAULT_TIMEOUT_MS, timeoutsInARow: 0 };
  registerFunction(
    world,
    spec.id,
    { builtin: (w, inv) => runUserBatch(w, fn, inv) },
    { durationMs: (event) => timing.base + timing.perRecord * event.Records.length, timeoutMs: DEFAULT_TIMEOUT_MS },
  );
  return createMapping(world, { ...spec.mapping, FunctionName: spec.id, EventSourceArn: streamArn }, spec.id);
}
