/**
 * KCL 3.x's two extra metadata tables (AWS: "KCL 3.x creates three DynamoDB tables by default to
 * manage the metadata: lease table, worker metrics table, and coordinator state table"):
 * - `<app>-CoordinatorState` holds the leader lock item (`key` = "Leader"). Workers compete for it
 *   as the DynamoDB lock client does (DynamoDBLockBasedLeaderDecider): put-if-absent; the holder
 *   bumps its `recordVersionNumber` as a heartbeat; another worker takes the lock over only after
 *   seeing the same version for longer than the lock's lease duration (here the failover time).
 * - `<app>-WorkerMetricStats` holds one item per worker (`wid`) with its last utilisation report.
 *   Real KCL reports CPU; the sim reports records processed per second, a deterministic stand-in.
 * Every change is a conditional write through `callOperation`, so it is an ordinary `write` fact.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { callOperation } from '../../api/call.ts';
import type { Item } from '../../table/attributeValue.ts';
import { createTable } from '../../table/tableApi.ts';
import { conditional } from './leaseTable.ts';
import type { WorkerReport } from './assignment.ts';
import type { KclApp, WorkerState } from './state.ts';

const DDB = 'DynamoDB_20120810.';
const LEADER = 'Leader';

export function coordinatorTable(app: string): string {
  return `${app}-CoordinatorState`;
}

export function metricsTable(app: string): string {
  return `${app}-WorkerMetricStats`;
}

export function ensureCoordinatorTables(world: World, app: string): void {
  for (const [name, keyName] of [
    [coordinatorTable(app), 'key'],
    [metricsTable(app), 'wid'],
  ] as const) {
    if (world.tables.has(name)) continue;
    createTable(
      world,
      { TableName: name, KeySchema: [{ AttributeName: keyName, KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: keyName, AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' },
      app,
    );
  }
}

/** The lock's owner name: a restarted worker is a new lock client, so it cannot inherit its old lock. */
function lockOwner(w: WorkerState): string {
  return `${w.id}#${w.incarnation}`;
}

function readLock(world: World, app: KclApp): { owner: string; version: number } | undefined {
  const t = world.tables.get(coordinatorTable(app.id));
  const item = t ? [...t.items.values()].find((i) => (i.key as { S?: string } | undefined)?.S === LEADER) : undefined;
  if (!item) return undefined;
  return { owner: (item.ownerName as { S: string }).S, version: Number((item.recordVersionNumber as { N: string }).N) };
}

export function leaderOf(world: World, app: KclApp): string | undefined {
  return readLock(world, app)?.owner.split('#')[0];
}

function writeLock(world: World, app: KclApp, w: WorkerState, version: number, expected: { owner: string; version: number } | undefined): boolean {
  const Item: Item = { key: { S: LEADER }, ownerName: { S: lockOwner(w) }, recordVersionNumber: { N: String(version) }, leaseDurationMillis: { N: String(app.config.failoverTimeMillis) } };
  const input = expected
    ? { TableName: coordinatorTable(app.id), Item, ConditionExpression: 'ownerName = :owner AND recordVersionNumber = :v', ExpressionAttributeValues: { ':owner': { S: expected.owner }, ':v': { N: String(expected.version) } } }
    : { TableName: coordinatorTable(app.id), Item, ConditionExpression: 'attribute_not_exists(#k)', ExpressionAttributeNames: { '#k': 'key' } };
  return conditional(world, 'PutItem', input) !== undefined;
}

/**
 * One round of the leader decider for `w`: true when `w` holds the lock afterwards. The holder
 * heartbeats; others take an absent lock at once and a stale one after its lease duration.
 */
export function decideLeader(world: World, app: KclApp, w: WorkerState): boolean {
  const lock = readLock(world, app);
  const me = lockOwner(w);
  if (lock?.owner === me) return writeLock(world, app, w, lock.version + 1, lock);
  if (lock) {
    const seen = w.lockSeen;
    if (!seen || seen.owner !== lock.owner || seen.version !== lock.version) {
      w.lockSeen = { owner: lock.owner, version: lock.version, sinceMs: world.nowMs };
      return false;
    }
    if (world.nowMs - seen.sinceMs <= app.config.failoverTimeMillis) return false;
  }
  if (!writeLock(world, app, w, (lock?.version ?? 0) + 1, lock)) return false;
  delete w.lockSeen;
  record(world, { t: world.nowMs, type: 'leader-elected', consumer: app.id, worker: w.id });
  return true;
}

/** The leader's heartbeat between assignment rounds, so a live leader's lock never looks stale. */
export function heartbeatLock(world: World, app: KclApp, w: WorkerState): void {
  const lock = readLock(world, app);
  if (lock?.owner === lockOwner(w)) writeLockQuietly(world, app, lock.version + 1);
}

/** Heartbeats change only the version: applied to the item directly, like lease renewals, so they do not flood the trace. */
function writeLockQuietly(world: World, app: KclApp, version: number): void {
  const t = world.tables.get(coordinatorTable(app.id))!;
  for (const [k, item] of t.items) {
    if ((item.key as { S?: string } | undefined)?.S === LEADER) t.items.set(k, { ...item, recordVersionNumber: { N: String(version) } });
  }
}

/** Writes `w`'s utilisation for the interval since its last report and starts a new interval. */
export function reportMetrics(world: World, app: KclApp, w: WorkerState): void {
  const seconds = Math.max(1, world.nowMs - w.lastReportMs) / 1000;
  const perSecond = Math.round((w.processedSinceReport / seconds) * 100) / 100;
  callOperation(world, `${DDB}PutItem`, {
    TableName: metricsTable(app.id),
    Item: { wid: { S: w.id }, lastUpdateTime: { N: String(world.nowMs) }, recordsPerSecond: { N: String(perSecond) }, leases: { N: String(w.held.size) } },
  });
  w.processedSinceReport = 0;
  w.lastReportMs = world.nowMs;
}

/** Workers whose last report is less than two reporting intervals old (KCL treats others as inactive). */
export function activeWorkers(world: World, app: KclApp): WorkerReport[] {
  const t = world.tables.get(metricsTable(app.id));
  if (!t) return [];
  const num = (i: Item, n: string): number => Number((i[n] as { N?: string } | undefined)?.N ?? '0');
  return [...t.items.values()]
    .filter((i) => world.nowMs - num(i, 'lastUpdateTime') < 2 * app.config.workerMetricsReporterFreqInMillis)
    .map((i) => ({ worker: (i.wid as { S: string }).S, utilisation: num(i, 'recordsPerSecond'), leases: num(i, 'leases'), reportedAtMs: num(i, 'lastUpdateTime') }))
    .sort((a, b) => (a.worker < b.worker ? -1 : 1));
}
