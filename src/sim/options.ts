/**
 * Settings of one simulated world. All of them are plain data: the run is a function of
 * (options, scripted calls, interventions), so two worlds built from equal options replay alike.
 */

export interface SimulationOptions {
  /** Seed of every pseudo-random choice (sequence-number gaps, shard-id suffixes, event ids, jitter). */
  seed: number;
  /** Region written into ARNs and records' `awsRegion`. */
  region?: string;
  /** Account id written into ARNs. */
  accountId?: string;
  /** Epoch milliseconds of simulated time 0: stream labels, shard ids and ApproximateCreationDateTime derive from it. */
  epochMs?: number;
  /** An open shard is closed and replaced by one child after this long (AWS: about every 4 h). */
  shardLifetimeMs?: number;
  /** Up to this much is added to each shard's lifetime, drawn from the seeded PRNG, so shards do not all roll over at once. */
  shardLifetimeJitterMs?: number;
  /** Records older than this are trimmed (AWS: 24 h). */
  retentionMs?: number;
  /** A shard iterator expires this long after it was issued (AWS: 15 min). */
  iteratorExpiryMs?: number;
  /** Delay between an item's TTL passing and the service deleting it (AWS: typically within 48 h). */
  ttlDeletionDelayMs?: number;
  /** Global tables: the shortest delay before a write reaches another Region's replica (≥ 1 ms; default 500). */
  replicationDelayMinMs?: number;
  /** Global tables: the longest such delay (default 1,500; AWS: "typically within a second"). Each write draws uniformly in [min, max]. */
  replicationDelayMaxMs?: number;
  /**
   * Processes that may read one shard at once before GetRecords throttles (AWS plans for 2; default
   * 2). Tests that compare several consumers side by side on one stream raise it; scenarios do not.
   */
  readersPerShard?: number;
  /** Partition count per table name, overriding the count derived from BillingMode and throughput. */
  partitions?: Record<string, number>;
}

export type ResolvedOptions = Required<Omit<SimulationOptions, 'partitions'>> & { partitions: Record<string, number> };

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** An open shard's lifetime when the options name none (AWS: about 4 h). */
export const DEFAULT_SHARD_LIFETIME_MS = 4 * HOUR_MS;
/** How long records are kept when the options name no retention (AWS: 24 h). */
export const DEFAULT_RETENTION_MS = 24 * HOUR_MS;

/**
 * Durations and instants are whole milliseconds: they end up in shard ids, stream labels and
 * iterators, and a fractional or negative value used to produce malformed ones. Partition counts
 * are whole and at least 1 (0 divided the hash space by zero).
 */
function checkWhole(name: string, v: number | undefined, min: number): void {
  if (v !== undefined && (!Number.isSafeInteger(v) || v < min)) {
    throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${String(v)}`);
  }
}

export function resolveOptions(o: SimulationOptions): ResolvedOptions {
  if (!Number.isSafeInteger(o.seed)) throw new RangeError(`seed must be a safe integer, got ${String(o.seed)}`);
  checkWhole('epochMs', o.epochMs, 0);
  checkWhole('shardLifetimeMs', o.shardLifetimeMs, 1);
  checkWhole('shardLifetimeJitterMs', o.shardLifetimeJitterMs, 0);
  checkWhole('retentionMs', o.retentionMs, 1);
  checkWhole('iteratorExpiryMs', o.iteratorExpiryMs, 1);
  checkWhole('ttlDeletionDelayMs', o.ttlDeletionDelayMs, 0);
  checkWhole('replicationDelayMinMs', o.replicationDelayMinMs, 1);
  checkWhole('replicationDelayMaxMs', o.replicationDelayMaxMs, 1);
  checkWhole('readersPerShard', o.readersPerShard, 1);
  const replicationDelayMinMs = o.replicationDelayMinMs ?? 500;
  const replicationDelayMaxMs = o.replicationDelayMaxMs ?? Math.max(1_500, replicationDelayMinMs);
  if (replicationDelayMaxMs < replicationDelayMinMs) throw new RangeError(`replicationDelayMaxMs (${replicationDelayMaxMs}) must not be below replicationDelayMinMs (${replicationDelayMinMs})`);
  for (const [table, count] of Object.entries(o.partitions ?? {})) checkWhole(`partitions.${table}`, count, 1);
  return {
    seed: o.seed,
    region: o.region ?? 'us-east-1',
    accountId: o.accountId ?? '123456789012',
    epochMs: o.epochMs ?? 1_700_000_000_000,
    shardLifetimeMs: o.shardLifetimeMs ?? DEFAULT_SHARD_LIFETIME_MS,
    shardLifetimeJitterMs: o.shardLifetimeJitterMs ?? 0,
    retentionMs: o.retentionMs ?? DEFAULT_RETENTION_MS,
    iteratorExpiryMs: o.iteratorExpiryMs ?? 15 * MINUTE_MS,
    ttlDeletionDelayMs: o.ttlDeletionDelayMs ?? 10 * MINUTE_MS,
    replicationDelayMinMs,
    replicationDelayMaxMs,
    readersPerShard: o.readersPerShard ?? 2,
    partitions: { ...(o.partitions ?? {}) },
  };
}
