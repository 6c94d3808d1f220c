/**
 * The only public surface of the simulation core.
 *
 * `createSimulation({ seed })` builds a world: simulated DynamoDB tables, their streams and shards,
 * a virtual clock and an event queue. Everything is reachable as AWS JSON 1.0 calls
 * (`sim.call('DynamoDB_20120810.PutItem', input)`), answered with the response body or thrown as an
 * `AwsError` carrying `__type` and `message`. The run is recorded as an append-only trace.
 */
// Node's door to the core: every optional part registered (`parts.ts`). The browser's worker imports
// the modules it needs directly and loads the parts a run needs (src/worker/parts.ts).
import './parts/all.ts';

export type { SimulationOptions } from './options.ts';
export type { TraceEvent, TraceEventType, ShardCloseReason } from './trace/events.ts';
export type { FactList } from './trace/trace.ts';
export type { AttributeValue, Item } from './table/attributeValue.ts';
export type { StreamRecord } from './stream/record.ts';
export { AwsError, isAwsError } from './api/errors.ts';
export type { Simulation } from './simulation.ts';
export { createSimulation } from './simulation.ts';
export { traceHash } from './trace/hash.ts';
export type { Intervention, FaultKind } from './faults/intervention.ts';
export { FAULT_KINDS } from './faults/intervention.ts';
export { WRITE_OPERATIONS, writeRequestProblem, type WriteOperation, type WriteParams } from './faults/write.ts';
export type { ConsumerSpec, LambdaConsumerSpec, KclConsumerSpec, CheckpointStrategy, EsmSettings } from './consumers/spec.ts';
export type { HandlerSpec, HandlerKind, Idempotency } from './handlers/types.ts';
export type { LambdaApi, DestinationsApi, LambdaHandler, FunctionOptions, OnFailureRecord, EventSourceMappingConfiguration } from './lambda/index.ts';
export type { KclApi } from './consumers/kcl/index.ts';
export type { ConsumersApi } from './consumers/add.ts';
export { registerPart, partsFor, PartMissingError, PART_NAMES, type PartName, type Parts } from './parts.ts';
export type { GeneratedTraffic, GeneratedCall } from './workload.ts';
export { generateTraffic } from './workload.ts';
export type { UserCodeSandbox, UserCodeRunner, UserInvocation, UserContextData, UserCodeLoadOptions, DbCall, UserCodeErrorKind } from './usercode/types.ts';
export { UserCodeError, isUserCodeError, USER_CODE_TIME_LIMIT_MS, TIMEOUT_MESSAGE, USER_DB_OPERATIONS } from './usercode/types.ts';
export { useUserCodeSandbox, disposeUserCode } from './usercode/index.ts';
export { queryTable } from './table/reads/query.ts';
export type { TableState } from './table/table.ts';
