/**
 * KCL applications with the DynamoDB Streams Kinesis Adapter's behaviour (reference §7): what the rest
 * of the simulator may import. Internals (workers, shard consumers, the taker) stay in their files.
 */
export { addKclConsumer, createKclApi } from './api.ts';
export type { KclApi, KclWorkerView, CrashPoint } from './api.ts';
export type { KclApplicationOptions } from './application.ts';
export type { KclConfig } from './config.ts';
export type { Lease } from './leaseTable.ts';
export type { RecordProcessor, RecordProcessorCheckpointer, ProcessRecordsInput, ProcessorFactory } from './processor.ts';
export { KclIllegalArgumentError, KclShutdownError } from './processor.ts';
export type { KclTraceEvent, ShardConsumerState, ShutdownReason } from './events.ts';
