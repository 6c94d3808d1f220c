/**
 * Helpers for the ESM's tests: a simulation with one table and stream, the Lambda API on it, and a
 * few writes. Pure (no test framework, no Node names) so it compiles with the core; it never reads
 * the shared reference folder: the facts it encodes come from it.
 */
import { createSimulation } from '../../simulation.ts';
import type { Simulation } from '../../simulation.ts';
import { createDestinationsApi, createLambdaApi, type DestinationsApi, type LambdaApi } from '../../lambda/index.ts';
import type { TraceEvent } from '../../trace/events.ts';

export const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:dlq';
export const TOPIC = 'arn:aws:sns:us-east-1:123456789012:failures';
export const BUCKET = 'arn:aws:s3:::failure-bucket';

export interface EsmWorld {
  sim: Simulation;
  lambda: LambdaApi;
  destinations: DestinationsApi;
  streamArn: string;
}

export function esmWorld(opts: { seed?: number; partitions?: number; viewType?: string; options?: Record<string, unknown> } = {}): EsmWorld {
  const sim = createSimulation({ seed: opts.seed ?? 7, partitions: { tbl: opts.partitions ?? 1 }, ...(opts.options ?? {}) });
  const out = sim.call<{ TableDescription: { LatestStreamArn: string } }>('DynamoDB_20120810.CreateTable', {
    TableName: 'tbl',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: opts.viewType ?? 'NEW_IMAGE' },
  });
  return { sim, lambda: createLambdaApi(sim.world), destinations: createDestinationsApi(sim.world), streamArn: out.TableDescription.LatestStreamArn };
}

export function putItem(sim: Simulation, pk: string, extra: Record<string, unknown> = {}): void {
  sim.call('DynamoDB_20120810.PutItem', { TableName: 'tbl', Item: { pk: { S: pk }, ...extra } });
}

export function facts<T extends TraceEvent['type']>(sim: Simulation, type: T): Extract<TraceEvent, { type: T }>[] {
  return sim.trace.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}
