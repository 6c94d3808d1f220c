/**
 * Registers every optional part of the core (`../parts.ts`: the consumers' handlers and checks, global tables, secondary indexes, KCL, Lambda, projections, Query and Scan, scheduled writes and setting changes, shard rollover, splits and trimming, generated traffic, transactions and batch operations, table settings) statically: what Node (tests, tools,
 * the bench) runs with, so a plan there never lacks one. The browser's worker does not import this
 * file; it loads the parts a run needs (src/worker/parts.ts).
 */
import { registerPart } from '../parts.ts';
import { consumersPart } from './consumers.ts';
import { globalTablesPart } from './globalTables.ts';
import { indexesPart } from './indexes.ts';
import { kclPart } from './kcl.ts';
import { lambdaPart } from './lambda.ts';
import { projectionsPart } from './projections.ts';
import { readsPart } from './reads.ts';
import { scheduledRequestsPart } from './scheduledRequests.ts';
import { shardLifecyclePart } from './shardLifecycle.ts';
import { trafficPart } from './traffic.ts';
import { transactionsPart } from './transactions.ts';
import { tableSettingsPart } from './tableSettings.ts';

registerPart('consumers', consumersPart);
registerPart('globalTables', globalTablesPart);
registerPart('indexes', indexesPart);
registerPart('kcl', kclPart);
registerPart('lambda', lambdaPart);
registerPart('projections', projectionsPart);
registerPart('reads', readsPart);
registerPart('scheduledRequests', scheduledRequestsPart);
registerPart('shardLifecycle', shardLifecyclePart);
registerPart('traffic', trafficPart);
registerPart('transactions', transactionsPart);
registerPart('tableSettings', tableSettingsPart);
