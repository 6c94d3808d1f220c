/**
 * Where each row of the timeline sits: the table row (writes leave from here), one lane per shard
 * ordered by lineage (children right under their parent, indented, joined by a bracket at the
 * parent's close), then one lane per consumer with a thin sub-row per shard for its batches, then the
 * legend. Pure: `layoutTimeline` returns the previous layout when its inputs are unchanged.
 *
 * May import: protocol types. May not import: React, worker runtime.
 */
import type { LaneView } from '../../worker/protocol.ts';

export const LABEL_WIDTH = 168;
/**
 * The consumers' heading in the label column (the live stage's and the build-time picture's). It
 * said "batches per shard", 221 px wide at 12 px bold, and ran into the plot, where the playhead at
 * 0 crossed it; each consumer's sub-rows name their shards beside it.
 */
export const CONSUMERS_HEADING = 'CONSUMERS · batches';
export const RIGHT_MARGIN = 20;
export const AXIS_HEIGHT = 30;
export const TABLE_ROW_HEIGHT = 26;
export const SHARD_ROW_HEIGHT = 40;
export const CONSUMER_GAP = 22;
export const SUB_ROW_HEIGHT = 9;
export const LEGEND_HEIGHT = 64;

export interface ShardRow {
  /** Index into `Frame.lanes`. */
  lane: number;
  shardId: string;
  parentShardId?: string;
  depth: number;
  y: number;
  h: number;
  status: LaneView['status'];
  openedAtMs: number;
  closedAtMs?: number;
  /** The Region of the shard's stream, set only when the lanes span several Regions (a global table's replicas). */
  region?: string;
}

export interface ConsumerRow {
  consumer: number;
  id: string;
  y: number;
  h: number;
}

/** A parent shard's lane ends at `atMs`; its children start there. */
export interface Bracket {
  atMs: number;
  parentY: number;
  childYs: number[];
}

export interface TimelineLayout {
  width: number;
  height: number;
  /** The plotting area's left and right edge (x). */
  x0: number;
  x1: number;
  axisY: number;
  table: { y: number; h: number };
  shards: ShardRow[];
  /** `Frame.lanes` index → index in `shards` (-1: not drawn). */
  rowOfLane: Int16Array;
  consumers: ConsumerRow[];
  brackets: Bracket[];
  /** Top of the consumers block (its heading) and of the legend. */
  consumersY: number;
  legendY: number;
}

/** Shards in lineage order: each root in the order it opened, followed depth-first by its descendants. */
export function lineageOrder(lanes: readonly Pick<LaneView, 'shardId' | 'parentShardId'>[]): Array<{ lane: number; depth: number }> {
  const present = new Set(lanes.map((l) => l.shardId));
  const children = new Map<string, number[]>();
  const roots: number[] = [];
  lanes.forEach((l, i) => {
    if (l.parentShardId && present.has(l.parentShardId)) {
      const list = children.get(l.parentShardId) ?? [];
      list.push(i);
      children.set(l.parentShardId, list);
    } else roots.push(i);
  });
  const out: Array<{ lane: number; depth: number }> = [];
  const visit = (i: number, depth: number) => {
    out.push({ lane: i, depth });
    for (const c of children.get(lanes[i]!.shardId) ?? []) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return out;
}

let previous: { key: string; layout: TimelineLayout } | undefined;

/** `legendHeightPx`: the room the legend takes below the consumers (it wraps on narrow timelines). */
export function layoutTimeline(lanes: readonly LaneView[], consumers: readonly string[], width: number, legendHeightPx = LEGEND_HEIGHT): TimelineLayout {
  const key = `${width}|${legendHeightPx}|${consumers.join(',')}|${lanes.map((l) => `${l.shardId}:${l.parentShardId ?? ''}:${l.status}:${l.closedAtMs ?? ''}`).join(',')}`;
  if (previous?.key === key) return previous.layout;
  const x0 = LABEL_WIDTH;
  const x1 = Math.max(x0 + 50, width - RIGHT_MARGIN);
  const axisY = AXIS_HEIGHT;
  const table = { y: axisY + 4, h: TABLE_ROW_HEIGHT };
  let y = table.y + table.h + 4;
  const rowOfLane = new Int16Array(lanes.length).fill(-1);
  const regionOf = (l: LaneView) => l.streamArn.split(':')[3] ?? '';
  const multiRegion = new Set(lanes.map(regionOf)).size > 1;
  // With replicas in several Regions, lanes are grouped by Region (in the order the Regions first
  // appear), lineage order within each.
  const regions = [...new Set(lanes.map(regionOf))];
  const order = lineageOrder(lanes);
  if (multiRegion) order.sort((a, b) => regions.indexOf(regionOf(lanes[a.lane]!)) - regions.indexOf(regionOf(lanes[b.lane]!)));
  const shards: ShardRow[] = order.map(({ lane, depth }, row) => {
    const l = lanes[lane]!;
    rowOfLane[lane] = row;
    const r: ShardRow = {
      lane,
      shardId: l.shardId,
      ...(l.parentShardId ? { parentShardId: l.parentShardId } : {}),
      depth,
      y,
      h: SHARD_ROW_HEIGHT,
      status: l.status,
      openedAtMs: l.openedAtMs,
      ...(l.closedAtMs !== undefined ? { closedAtMs: l.closedAtMs } : {}),
      ...(multiRegion ? { region: regionOf(l) } : {}),
    };
    y += SHARD_ROW_HEIGHT;
    return r;
  });
  const brackets: Bracket[] = [];
  for (const parent of shards) {
    const kids = shards.filter((s) => s.parentShardId === parent.shardId);
    if (kids.length === 0) continue;
    brackets.push({ atMs: parent.closedAtMs ?? Math.min(...kids.map((k) => k.openedAtMs)), parentY: parent.y + parent.h / 2, childYs: kids.map((k) => k.y + k.h / 2) });
  }
  const consumersY = y + 4;
  y = consumersY + CONSUMER_GAP;
  const subRows = Math.max(1, lanes.length);
  const consumerRows: ConsumerRow[] = consumers.map((id, consumer) => {
    const h = Math.max(28, subRows * SUB_ROW_HEIGHT + 8);
    const row = { consumer, id, y, h };
    y += h + 4;
    return row;
  });
  const legendY = y + 6;
  const layout: TimelineLayout = { width, height: legendY + legendHeightPx, x0, x1, axisY, table, shards, rowOfLane, consumers: consumerRows, brackets, consumersY, legendY };
  previous = { key, layout };
  return layout;
}

/** The y of a batch bar of shard lane `lane` inside a consumer row. */
export function subRowY(row: ConsumerRow, lane: number): number {
  return row.y + 4 + lane * SUB_ROW_HEIGHT;
}

const UNKNOWN_LANE = 'unknown · ';

/**
 * A consumer's sub-row label for a shard: the last four characters of its id (`649f`), or for an
 * imported lane of unknown shard its reads, short (`p. 1`, `p. 1–3`, `ev. 1–7`; its last four were
 * `ge 1`). The lane's own label spells them out (`Lambda events 1–7`), which beside a consumer's
 * name ran into it.
 */
export function subRowLabel(shardId: string): string {
  if (!shardId.startsWith(UNKNOWN_LANE)) return shardId.slice(-4);
  const name = shardId.slice(UNKNOWN_LANE.length);
  return `${name.startsWith('Lambda') ? 'ev.' : 'p.'} ${name.slice(name.lastIndexOf(' ') + 1)}`;
}
