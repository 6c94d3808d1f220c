/**
 * KCL configuration as the DynamoDB Streams Kinesis Adapter uses it (reference §7.3, §7.6), with
 * its defaults and the intervals derived from them. Pure: no world, no clock.
 *
 * `kclVersion` picks the lease model: '3.x' (the default, what AWS recommends with the adapter: a
 * leader assigns leases by worker utilisation and hands them off gracefully) or '1.x' (every worker
 * takes and steals leases itself; end of support since 30 January 2026).
 */

export type KclVersion = '1.x' | '3.x';

export interface KclConfig {
  /** Lease model (default '3.x'). */
  kclVersion?: KclVersion;
  /** KCL 3.x: how long a new owner waits for the old one to checkpoint and let go (default 30,000 ms). */
  gracefulLeaseHandoffTimeoutMillis?: number;
  /** KCL 3.x: how often each worker reports its utilisation (default 30,000 ms). */
  workerMetricsReporterFreqInMillis?: number;
  /** A lease whose counter stands still longer than this is taken over (KCL default 10,000 ms). */
  failoverTimeMillis?: number;
  /** GetRecords Limit; the adapter caps it at 1000 (its default). */
  maxRecords?: number;
  /** Pause after an empty read (KCL default 1000 ms). */
  idleTimeBetweenReadsInMillis?: number;
  /** Where leases of shards found with no leased ancestor start (KCL 1.x default LATEST). */
  initialPositionInStream?: 'TRIM_HORIZON' | 'LATEST';
  /** How often a blocked child polls its parents' leases (KCL default 10,000 ms). */
  parentShardPollIntervalMillis?: number;
  /** How often each worker lists shards and creates missing leases (KCL default 60,000 ms). */
  shardSyncIntervalMillis?: number;
  /** KCL's maxLeasesForWorker: a worker takes no more leases than this (default Integer.MAX_VALUE, no cap). */
  maxLeasesForWorker?: number;
  /** KCL default 1: a worker steals at most this many leases per taker run. */
  maxLeasesToStealAtOneTime?: number;
  /** Delete SHARD_END leases once their children are under way (KCL default true). */
  cleanupLeasesUponShardCompletion?: boolean;
  /** Back-off before retrying a failed task (KCL default taskBackoffTimeMillis 500 ms). */
  taskBackoffTimeMillis?: number;
  /** Simulated time to process one record (not a KCL setting). */
  processRecordMs?: number;
}

export type ResolvedKclConfig = Required<KclConfig>;

/** KCL's epsilon in its lease intervals. */
const EPSILON_MS = 25;

/** The adapter refuses Limit above 1000 (reference §7.6). */
export const ADAPTER_MAX_RECORDS = 1000;

function positive(name: string, v: number | undefined, fallback: number, min = 1): number {
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v < min) throw new RangeError(`KCL ${name} must be a number ≥ ${min}; got ${v}`);
  return Math.floor(v);
}

export function resolveKclConfig(c: KclConfig = {}): ResolvedKclConfig {
  const initial = c.initialPositionInStream ?? 'LATEST';
  if (initial !== 'LATEST' && initial !== 'TRIM_HORIZON') throw new RangeError(`KCL initialPositionInStream must be LATEST or TRIM_HORIZON; got ${String(initial)}`);
  const version = c.kclVersion ?? '3.x';
  if (version !== '1.x' && version !== '3.x') throw new RangeError(`KCL kclVersion must be 1.x or 3.x; got ${String(version)}`);
  return {
    kclVersion: version,
    gracefulLeaseHandoffTimeoutMillis: positive('gracefulLeaseHandoffTimeoutMillis', c.gracefulLeaseHandoffTimeoutMillis, 30_000, 100),
    workerMetricsReporterFreqInMillis: positive('workerMetricsReporterFreqInMillis', c.workerMetricsReporterFreqInMillis, 30_000, 100),
    failoverTimeMillis: positive('failoverTimeMillis', c.failoverTimeMillis, 10_000, 100),
    maxRecords: Math.min(ADAPTER_MAX_RECORDS, positive('maxRecords', c.maxRecords, ADAPTER_MAX_RECORDS)),
    idleTimeBetweenReadsInMillis: positive('idleTimeBetweenReadsInMillis', c.idleTimeBetweenReadsInMillis, 1000),
    initialPositionInStream: initial,
    parentShardPollIntervalMillis: positive('parentShardPollIntervalMillis', c.parentShardPollIntervalMillis, 10_000),
    shardSyncIntervalMillis: positive('shardSyncIntervalMillis', c.shardSyncIntervalMillis, 60_000),
    maxLeasesForWorker: positive('maxLeasesForWorker', c.maxLeasesForWorker, 2_147_483_647),
    maxLeasesToStealAtOneTime: positive('maxLeasesToStealAtOneTime', c.maxLeasesToStealAtOneTime, 1),
    cleanupLeasesUponShardCompletion: c.cleanupLeasesUponShardCompletion ?? true,
    taskBackoffTimeMillis: positive('taskBackoffTimeMillis', c.taskBackoffTimeMillis, 500),
    processRecordMs: positive('processRecordMs', c.processRecordMs, 10, 0),
  };
}

/** The renewer's period: failover/3 − 25 ms (KCL 1.x LeaseCoordinator; ~3.3 s by default). */
export function renewerIntervalMs(c: ResolvedKclConfig): number {
  return Math.floor(c.failoverTimeMillis / 3) - EPSILON_MS;
}

/** The taker's period: 2 × (failover + 25 ms) (KCL 1.x LeaseCoordinator; ~20 s by default). */
export function takerIntervalMs(c: ResolvedKclConfig): number {
  return 2 * (c.failoverTimeMillis + EPSILON_MS);
}

/** KCL 3.x's leader runs lease assignment every 2 × failover time (leaseAssignmentIntervalMillis' default). */
export function assignmentIntervalMs(c: ResolvedKclConfig): number {
  return 2 * c.failoverTimeMillis;
}
