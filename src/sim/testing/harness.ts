/**
 * Test harness for the core's conformance, SDK and property tests (and the benchmarks' Votes
 * table): small helpers that drive a simulation only through its public surface (`sim.call`,
 * `advanceBy`, `splitShard`), exactly as a consumer would. Pure (no Node or DOM names) so it
 * compiles with the core; it imports no test framework and never reads the shared reference
 * folder: the facts it encodes come from it.
 */
import { createSimulation } from '../simulation.ts';
import type { Simulation } from '../simulation.ts';
import type { SimulationOptions } from '../options.ts';
import type { Item } from '../table/attributeValue.ts';
import type { StreamRecord } from '../stream/record.ts';
import { isAwsError } from '../api/errors.ts';

export const DDB = 'DynamoDB_20120810.';
export const STREAMS = 'DynamoDBStreams_20120810.';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export type ViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

export interface ShardDescription {
  ShardId: string;
  ParentShardId?: string;
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

export interface StreamDescription {
  StreamArn: string;
  StreamLabel: string;
  StreamStatus: string;
  StreamViewType: string;
  TableName: string;
  KeySchema: unknown;
  CreationRequestDateTime: number;
  Shards: ShardDescription[];
  LastEvaluatedShardId?: string;
}

export interface GetRecordsOutput {
  Records: StreamRecord[];
  NextShardIterator?: string;
}

/** A simulation with one partition per table unless told otherwise, so one shard is easy to read. */
export function newSim(options: Partial<SimulationOptions> & { partitions?: Record<string, number> } = {}): Simulation {
  return createSimulation({ seed: 42, ...options, partitions: { tbl: 1, ...(options.partitions ?? {}) } });
}

/** Creates table `name` with a string hash key `pk` (and optional string range key `sk`). */
export function createTable(sim: Simulation, name = 'tbl', viewType: ViewType | null = 'NEW_AND_OLD_IMAGES', opts: { range?: boolean } = {}): string | undefined {
  const out = sim.call<{ TableDescription: { LatestStreamArn?: string } }>(`${DDB}CreateTable`, {
    TableName: name,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, ...(opts.range ? [{ AttributeName: 'sk', KeyType: 'RANGE' }] : [])],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, ...(opts.range ? [{ AttributeName: 'sk', AttributeType: 'S' }] : [])],
    BillingMode: 'PAY_PER_REQUEST',
    ...(viewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } } : {}),
  });
  return out.TableDescription.LatestStreamArn;
}

/** The flagship `Votes` table (hash key `voterId`, on demand, a stream with both images): tests and benchmarks share it. */
export function createVotesTable(sim: Simulation): void {
  sim.call(`${DDB}CreateTable`, {
    TableName: 'Votes',
    KeySchema: [{ AttributeName: 'voterId', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'voterId', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
}

export const s = (v: string): { S: string } => ({ S: v });
export const n = (v: string | number): { N: string } => ({ N: String(v) });

export function put(sim: Simulation, item: Item, extra: Record<string, unknown> = {}, table = 'tbl'): unknown {
  return sim.call(`${DDB}PutItem`, { TableName: table, Item: item, ...extra });
}

export function update(sim: Simulation, key: Item, expression: string, values?: Item, extra: Record<string, unknown> = {}, table = 'tbl'): unknown {
  return sim.call(`${DDB}UpdateItem`, {
    TableName: table,
    Key: key,
    UpdateExpression: expression,
    ...(values ? { ExpressionAttributeValues: values } : {}),
    ...extra,
  });
}

export function del(sim: Simulation, key: Item, extra: Record<string, unknown> = {}, table = 'tbl'): unknown {
  return sim.call(`${DDB}DeleteItem`, { TableName: table, Key: key, ...extra });
}

export function getItem(sim: Simulation, key: Item, table = 'tbl'): Item | undefined {
  return sim.call<{ Item?: Item }>(`${DDB}GetItem`, { TableName: table, Key: key }).Item;
}

/** Runs `f` and returns the AwsError it throws (code, __type, message, extra), or fails. */
export function awsErrorOf(f: () => unknown): { code: string; __type: string; message: string; extra: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    if (isAwsError(e)) return { code: e.code, __type: e.__type, message: e.message, extra: e.extra };
    throw e;
  }
  throw new Error('expected an AwsError, but the call succeeded');
}

export function describeStream(sim: Simulation, streamArn: string, extra: Record<string, unknown> = {}): StreamDescription {
  return sim.call<{ StreamDescription: StreamDescription }>(`${STREAMS}DescribeStream`, { StreamArn: streamArn, ...extra }).StreamDescription;
}

/** Every shard DescribeStream lists, following LastEvaluatedShardId page by page. */
export function allShards(sim: Simulation, streamArn: string, limit?: number): ShardDescription[] {
  const out: ShardDescription[] = [];
  let start: string | undefined;
  for (;;) {
    const d = describeStream(sim, streamArn, { ...(limit ? { Limit: limit } : {}), ...(start ? { ExclusiveStartShardId: start } : {}) });
    out.push(...d.Shards);
    if (!d.LastEvaluatedShardId) return out;
    start = d.LastEvaluatedShardId;
  }
}

export function iterator(sim: Simulation, streamArn: string, shardId: string, type: string, seq?: string): string {
  return sim.call<{ ShardIterator: string }>(`${STREAMS}GetShardIterator`, {
    StreamArn: streamArn,
    ShardId: shardId,
    ShardIteratorType: type,
    ...(seq ? { SequenceNumber: seq } : {}),
  }).ShardIterator;
}

export function getRecords(sim: Simulation, shardIterator: string, limit?: number): GetRecordsOutput {
  return sim.call<GetRecordsOutput>(`${STREAMS}GetRecords`, { ShardIterator: shardIterator, ...(limit ? { Limit: limit } : {}) });
}

/**
 * Reads one shard from `type` until the shard ends (closed) or a read comes back empty at the head
 * of an open shard; returns the records and whether the shard ended.
 */
export function readShard(sim: Simulation, streamArn: string, shardId: string, type = 'TRIM_HORIZON', limit?: number): { records: StreamRecord[]; ended: boolean } {
  const records: StreamRecord[] = [];
  let it: string | undefined = iterator(sim, streamArn, shardId, type);
  while (it) {
    const page = getRecords(sim, it, limit);
    records.push(...page.Records);
    if (page.Records.length === 0 && page.NextShardIterator) return { records, ended: false };
    it = page.NextShardIterator;
  }
  return { records, ended: true };
}

/** Shards ordered parents first (a shard after its listed parent), ties by id. */
export function parentsFirst(shards: ShardDescription[]): ShardDescription[] {
  const byId = new Map(shards.map((sh) => [sh.ShardId, sh]));
  const out: ShardDescription[] = [];
  const done = new Set<string>();
  const visit = (sh: ShardDescription): void => {
    if (done.has(sh.ShardId)) return;
    const parent = sh.ParentShardId ? byId.get(sh.ParentShardId) : undefined;
    if (parent) visit(parent);
    done.add(sh.ShardId);
    out.push(sh);
  };
  for (const sh of [...shards].sort((a, b) => (a.ShardId < b.ShardId ? -1 : 1))) visit(sh);
  return out;
}

/** All records of a stream, read shard by shard from TRIM_HORIZON, parents before children. */
export function readStream(sim: Simulation, streamArn: string): { shardId: string; record: StreamRecord }[] {
  const out: { shardId: string; record: StreamRecord }[] = [];
  for (const sh of parentsFirst(allShards(sim, streamArn))) {
    for (const record of readShard(sim, streamArn, sh.ShardId).records) out.push({ shardId: sh.ShardId, record });
  }
  return out;
}

/** The records of a stream as a flat list (parents first). */
export function records(sim: Simulation, streamArn: string): StreamRecord[] {
  return readStream(sim, streamArn).map((x) => x.record);
}

export function stringKey(item: Item): string {
  return JSON.stringify(Object.keys(item).sort().map((k) => [k, item[k]]));
}
