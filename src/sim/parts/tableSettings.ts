/**
 * The table settings part (`../parts.ts`): UpdateTable, DeleteTable, UpdateTimeToLive and
 * DescribeTimeToLive, and the TTL process they switch on (`../table/ttl.ts`); a chunk of its own in the browser's worker, loaded before a run that calls
 * them or changes a table's stream by an intervention.
 */
import type { TableSettingsPart } from '../parts.ts';
import { deleteTable, describeTimeToLive, updateTable, updateTimeToLive } from '../table/tableSettings.ts';
import { scheduleTtlCheck, ttlCheck } from '../table/ttl.ts';

export const tableSettingsPart: TableSettingsPart = { updateTable, deleteTable, updateTimeToLive, describeTimeToLive, scheduleTtlCheck, ttlCheck };
