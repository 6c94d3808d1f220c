/**
 * The timeline's marks layer — trimmed history, lease bands, crashes (each breaks its consumer's
 * lane), broken checks, record chips (or counts when zoomed out), delivery badges and harm rings,
 * batch bars — reading the frame's columns by index (Plot's marks). Pure: the same frame, scales
 * and style give the same calls, on a canvas or on the SVG recorder used for export.
 *
 * The layered canvas (`layers.ts`) redraws this layer only when the frame's data changes
 * (`marksSignature`), not when the playhead moves: open lease bands and pending batches run to the
 * right edge and the overlay's veil hides what lies past the playhead; a record still travelling
 * (appended less than `style.travelMs` ago) is left to the overlay (`drawOverlay.ts`).
 * `drawMarks` composes the three layers at rest, for exports, the compare view and tests.
 *
 * May import: protocol types, worker/client.ts constants, ./codes.ts, ./lod.ts, ./lanes.ts, ./palette.ts, ./recordColour.ts, ./draw*.ts. May not import: React, DOM globals.
 */
import { MARK_KINDS } from '../../worker/client.ts';
import { badge, chipY, CHIP_R, drawRecordLabel, LABEL_ROOM_PX, setFont, type DrawStats, type MarksContext, type MarksFrame, type MarksScales, type MarksStyle } from './glyphs.ts';
import { BATCH_OUTCOMES, BATCH_TRIGGERS } from './codes.ts';
import { subRowY, SUB_ROW_HEIGHT } from './lanes.ts';
import { bucketRecords, COUNT_BUCKET_PX } from './lod.ts';
import { STYLE, workerColour } from './palette.ts';
import { recordColours } from './recordColour.ts';
import { sequenceLabel } from '../panels/sequenceLabel.ts';
import { drawStatic } from './drawStatic.ts';
import { drawOverlay, settledBefore } from './drawOverlay.ts';
import { drawRecordChip } from './drawAtPlayhead.ts';

export type { DrawStats, MarksContext, MarksFrame, MarksScales, MarksStyle } from './glyphs.ts';
export { chipY, drawChip } from './glyphs.ts';

const CRASH = MARK_KINDS.indexOf('crash');
const BROKEN = MARK_KINDS.indexOf('broken');
const RESTART = MARK_KINDS.indexOf('restart');
const THROTTLED = MARK_KINDS.indexOf('throttled');
const FAILED = BATCH_OUTCOMES.indexOf('failed');
const PENDING = BATCH_OUTCOMES.indexOf('pending');
const ABANDONED = BATCH_OUTCOMES.indexOf('abandoned');
const RETRY = BATCH_TRIGGERS.indexOf('retry');
const PARTIAL = BATCH_TRIGGERS.indexOf('partial-retry');
const BISECT = BATCH_TRIGGERS.indexOf('bisect');
const REDELIVERY = BATCH_TRIGGERS.indexOf('redelivery');

/** What the marks layer drew: the level of detail the overlay must match. */
export interface MarksLayerStats {
  mode: DrawStats['mode'];
  marks: number;
}

/** Every layer at rest (static, marks, overlay): exports, the compare view, tests and the Node bench. */
export function drawMarks(ctx: MarksContext, frame: MarksFrame, scales: MarksScales, style: MarksStyle): DrawStats {
  drawStatic(ctx, scales);
  const layer = drawMarksLayer(ctx, frame, scales, style, false);
  const overlay = drawOverlay(ctx, frame, scales, style, layer.mode, false);
  return { mode: layer.mode, marks: layer.marks, moving: overlay.moving };
}

/** The marks layer; `clear` false draws over what is there (the composed picture). */
export function drawMarksLayer(ctx: MarksContext, frame: MarksFrame, scales: MarksScales, style: MarksStyle, clear = true): MarksLayerStats {
  const { layout } = scales;
  if (clear) ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  drawTrimmed(ctx, frame, scales);
  drawLeases(ctx, frame, scales);
  drawCrashes(ctx, frame, scales);
  drawOlderCounts(ctx, frame, scales);
  const stats = drawRecords(ctx, frame, scales, style);
  drawBatches(ctx, frame, scales);
  return stats;
}

type Draw = (ctx: MarksContext, frame: MarksFrame, scales: MarksScales) => void;

const xOf = (s: MarksScales) => (t: number) => t * s.lin.k + s.lin.b;
const laneRowOf = (s: MarksScales) => (lane: number) => (lane >= 0 && lane < s.layout.rowOfLane.length ? s.layout.shards[s.layout.rowOfLane[lane]!] : undefined);

/** Trimmed history: grey from the lane's start to its newest trimmed record. */
const drawTrimmed: Draw = (ctx, frame, scales) => {
  const { x0, x1 } = scales.layout;
  const X = xOf(scales);
  const laneRow = laneRowOf(scales);
  const r = frame.records;
  const trimmedTo = new Float64Array(frame.lanes.length).fill(-Infinity);
  for (let i = 0; i < r.t.length; i++) if (r.trimmed[i] === 1 && r.t[i]! > trimmedTo[r.lane[i]!]!) trimmedTo[r.lane[i]!] = r.t[i]!;
  for (let lane = 0; lane < trimmedTo.length; lane++) {
    const row = laneRow(lane);
    if (!row || trimmedTo[lane] === -Infinity) continue;
    const a = Math.max(x0, Math.min(x1, X(row.openedAtMs)));
    const b = Math.max(x0, Math.min(x1, X(trimmedTo[lane]!) + 8));
    ctx.fillStyle = STYLE.trimmedFill;
    ctx.fillRect(a, row.y + 1, Math.max(0, b - a), row.h - 2);
    if (b - a > 60) {
      ctx.fillStyle = STYLE.muted;
      setFont(ctx, STYLE.font);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText('trimmed', a + 4, row.y + 33);
    }
  }
};

/** Lease bands: a strip at the bottom of the lane in the holder's colour; a held one runs to the right edge (the veil cuts it at the playhead). */
const drawLeases: Draw = (ctx, frame, scales) => {
  const { x0, x1 } = scales.layout;
  const X = xOf(scales);
  const laneRow = laneRowOf(scales);
  const L = frame.leases;
  for (let i = 0; i < L.t0.length; i++) {
    const row = laneRow(L.lane[i]!);
    if (!row) continue;
    const a = Math.max(x0, Math.min(x1, X(L.t0[i]!)));
    const b = Number.isNaN(L.t1[i]!) ? x1 : Math.max(x0, Math.min(x1, X(L.t1[i]!)));
    if (b <= a) continue;
    ctx.fillStyle = workerColour(L.worker[i]!);
    ctx.fillRect(a, row.y + row.h - 6, b - a, 5);
  }
};

/** Crashes: a red line through every lane, and the crashed consumer's lane broken (a gap with a jagged edge); broken checks and restarts. */
const drawCrashes: Draw = (ctx, frame, scales) => {
  const { layout } = scales;
  const { x0, x1 } = layout;
  const X = xOf(scales);
  const M = frame.marks;
  const top = layout.table.y;
  const last = layout.consumers[layout.consumers.length - 1];
  const bottom = last ? last.y + last.h : layout.consumersY;
  for (let i = 0; i < M.t.length; i++) {
    const kind = M.kind[i]!;
    if (kind !== CRASH && kind !== BROKEN && kind !== RESTART && kind !== THROTTLED) continue;
    const x = X(M.t[i]!);
    if (x < x0 || x > x1) continue;
    const crow = layout.consumers[M.consumer[i]!];
    if (kind === CRASH) {
      ctx.strokeStyle = STYLE.crash;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      if (crow) {
        // The worker's lane breaks where it crashed.
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(x - 4, crow.y, 8, crow.h);
        ctx.beginPath();
        for (let y = crow.y, k = 0; y <= crow.y + crow.h; y += 4, k++) ctx.lineTo(x - 4 + (k % 2) * 3, y);
        ctx.moveTo(x + 4, crow.y);
        for (let y = crow.y, k = 0; y <= crow.y + crow.h; y += 4, k++) ctx.lineTo(x + 4 - (k % 2) * 3, y);
        ctx.stroke();
      }
      setFont(ctx, STYLE.fontBold);
      ctx.fillStyle = STYLE.crash;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText('✕ crash', x + 4, top + layout.table.h / 2);
    } else if (crow && kind === THROTTLED) {
      // A pause sign: this consumer's GetRecords was refused (more than two readers on the shard).
      const y = crow.y + crow.h / 2;
      ctx.fillStyle = STYLE.failure;
      ctx.fillRect(x - 5, y - 7, 3.5, 14);
      ctx.fillRect(x + 1.5, y - 7, 3.5, 14);
    } else if (crow) {
      const y = crow.y + crow.h / 2;
      ctx.fillStyle = kind === BROKEN ? STYLE.harm : STYLE.success;
      ctx.beginPath();
      if (kind === BROKEN) {
        ctx.moveTo(x, y - 8);
        ctx.lineTo(x + 8, y + 7);
        ctx.lineTo(x - 8, y + 7);
      } else {
        ctx.moveTo(x - 5, y - 7);
        ctx.lineTo(x + 7, y);
        ctx.lineTo(x - 5, y + 7);
      }
      ctx.closePath();
      ctx.fill();
      if (kind === BROKEN) {
        ctx.fillStyle = '#ffffff';
        setFont(ctx, STYLE.fontBold);
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText('!', x, y + 2);
      }
    }
  }
};

/** The width of a delivery badge's text (bold 11 px). */
const badgeWidth = (text: string) => text.length * 7.4 + 6;

function drawRecords(ctx: MarksContext, frame: MarksFrame, scales: MarksScales, style: MarksStyle): MarksLayerStats {
  const { lin, layout } = scales;
  const { x0, x1 } = layout;
  const laneRow = laneRowOf(scales);
  const r = frame.records;
  const n = r.t.length;
  const marks = bucketRecords(r.t, r.lane, n, lin, x0, x1, frame.lanes.length);
  // Records appended less than a travel time ago are the overlay's (they are still on their way).
  const settled = marks.mode === 'chips' && style.travelMs > 0 ? settledBefore(r.t, frame.atMs - style.travelMs) : n;
  const colourOf = recordColours(frame);
  // The writes on the table row, one colour at a time.
  const byColour = new Map<string, number[]>();
  for (let m = 0; m < marks.n; m++) {
    const i = marks.last[m]!;
    if (i >= settled || !laneRow(marks.lane[m]!)) continue;
    const c = r.trimmed[i] ? STYLE.trimmed : colourOf(i);
    let xs = byColour.get(c);
    if (!xs) byColour.set(c, (xs = []));
    xs.push(marks.x[m]!);
  }
  for (const [c, xs] of byColour) {
    ctx.fillStyle = c;
    for (const x of xs) ctx.fillRect(x - 1, layout.table.y + 7, 2, layout.table.h - 14);
  }
  if (marks.mode === 'counts') {
    drawCounts(ctx, frame, scales, marks);
    return { mode: marks.mode, marks: marks.n };
  }
  // The next mark on the same lane (labels and badges need the room up to it).
  const nextM = new Int32Array(marks.n).fill(-1);
  const seen = new Int32Array(frame.lanes.length).fill(-1);
  for (let m = marks.n - 1; m >= 0; m--) {
    nextM[m] = seen[marks.lane[m]!]!;
    seen[marks.lane[m]!] = m;
  }
  const redelivered = (m: number) => m >= 0 && marks.last[m]! < settled && r.deliveries[marks.last[m]!]! > 1;
  // Redelivered chips too close for a badge each share one at the end of their run (#20.6: five ×2 badges overlapped).
  let cluster = { count: 0, max: 0, harm: false };
  for (let m = 0; m < marks.n; m++) {
    const i = marks.last[m]!;
    const row = laneRow(marks.lane[m]!);
    if (!row || i >= settled) continue;
    const x = marks.x[m]!;
    const nextX = nextM[m]! >= 0 ? marks.x[nextM[m]!]! : Infinity;
    const y = chipY(row.y);
    const deliveries = r.deliveries[i]!;
    const harm = r.harm[i] === 1;
    drawRecordChip(ctx, r, i, x, y, colourOf(i));
    if (deliveries > 1) {
      cluster = { count: cluster.count + 1, max: Math.max(cluster.max, deliveries), harm: cluster.harm || harm };
      const text = cluster.count > 1 ? `${cluster.count} ×${cluster.max}${cluster.harm ? ' harm' : ''}` : `×${deliveries}${harm ? ' harm' : ''}`;
      if (!redelivered(nextM[m]!) || nextX - x >= badgeWidth(text) + CHIP_R + 6) {
        badge(ctx, text, x + CHIP_R + 4, y - CHIP_R - 1, cluster.harm ? STYLE.harm : STYLE.ink);
        cluster = { count: 0, max: 0, harm: false };
      }
    }
    if (marks.count[m]! > 1) {
      setFont(ctx, STYLE.font);
      ctx.fillStyle = STYLE.ink;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(`+${marks.count[m]! - 1}`, x + CHIP_R + 3, y + 8);
    }
    if (style.labels && nextX - x >= LABEL_ROOM_PX) drawRecordLabel(ctx, sequenceLabel(r.ordinal[i]!), x, row.y);
  }
  return { mode: marks.mode, marks: marks.n };
}

/** Zoomed out: a bar per bucket, its height the log of its count; a strip on top where it holds a duplicate (red: harm). */
function drawCounts(ctx: MarksContext, frame: MarksFrame, scales: MarksScales, marks: ReturnType<typeof bucketRecords>): void {
  const laneRow = laneRowOf(scales);
  const r = frame.records;
  let maxCount = 1;
  for (let m = 0; m < marks.n; m++) if (marks.count[m]! > maxCount) maxCount = marks.count[m]!;
  const w = Math.max(1, marks.bucketPx - 1);
  const strips: Array<[number, number, boolean]> = [];
  for (const trimmedPass of [false, true]) {
    ctx.fillStyle = trimmedPass ? STYLE.trimmed : STYLE.success;
    for (let m = 0; m < marks.n; m++) {
      const i = marks.last[m]!;
      if ((r.trimmed[i] === 1) !== trimmedPass) continue;
      const row = laneRow(marks.lane[m]!);
      if (!row) continue;
      const x = marks.x[m]!;
      const h = Math.max(2, ((row.h - 12) * Math.log2(1 + marks.count[m]!)) / Math.log2(1 + maxCount));
      ctx.fillRect(x, row.y + row.h - 7 - h, w, h);
      if (trimmedPass) continue;
      let dup = false;
      let harm = false;
      for (let k = marks.first[m]!; k <= i; k++) {
        if (r.lane[k] !== marks.lane[m]) continue;
        if (r.deliveries[k]! > 1) dup = true;
        if (r.harm[k]) harm = true;
      }
      if (dup || harm) strips.push([x, row.y, harm]);
    }
  }
  for (const harmPass of [false, true]) {
    ctx.fillStyle = harmPass ? STYLE.harm : STYLE.ink;
    for (const [x, y, harm] of strips) if (harm === harmPass) ctx.fillRect(x, y + 2, Math.max(2, w), 4);
  }
}

/**
 * The window's records older than those the frame holds one by one (a long run zoomed out): bars
 * per lane as wide as the zoomed-out counts' (slices merged into `COUNT_BUCKET_PX` columns), their
 * height the log of their count, so the lanes show where the records are all along the window.
 */
function drawOlderCounts(ctx: MarksContext, frame: MarksFrame, scales: MarksScales): void {
  const older = frame.olderCounts;
  if (!older) return;
  const { lin, layout } = scales;
  const { x0, x1 } = layout;
  const laneRow = laneRowOf(scales);
  const columns = Math.max(1, Math.ceil((x1 - x0) / COUNT_BUCKET_PX));
  const slice = (older.toMs - older.fromMs) / older.buckets;
  const sums = new Float64Array(older.lanes * columns);
  let max = 1;
  for (let lane = 0; lane < older.lanes; lane++) {
    for (let b = 0; b < older.buckets; b++) {
      const n = older.counts[lane * older.buckets + b]!;
      if (n === 0) continue;
      const x = (older.fromMs + (b + 0.5) * slice) * lin.k + lin.b;
      if (x < x0 || x > x1) continue;
      const at = lane * columns + Math.min(columns - 1, Math.floor((x - x0) / COUNT_BUCKET_PX));
      max = Math.max(max, (sums[at] = sums[at]! + n));
    }
  }
  ctx.fillStyle = STYLE.success;
  const w = Math.max(1, COUNT_BUCKET_PX - 1);
  // The table row: a tick where any lane has older records (the newer ones' ticks are coloured by item).
  for (let c = 0; c < columns; c++) {
    let any = false;
    for (let lane = 0; lane < older.lanes && !any; lane++) any = sums[lane * columns + c]! > 0;
    if (any) ctx.fillRect(x0 + c * COUNT_BUCKET_PX, layout.table.y + 7, 2, layout.table.h - 14);
  }
  for (let lane = 0; lane < older.lanes; lane++) {
    const row = laneRow(lane);
    if (!row) continue;
    for (let c = 0; c < columns; c++) {
      const n = sums[lane * columns + c]!;
      if (n === 0) continue;
      const h = Math.max(2, ((row.h - 12) * Math.log2(1 + n)) / Math.log2(1 + max));
      ctx.fillRect(x0 + c * COUNT_BUCKET_PX, row.y + row.h - 7 - h, w, h);
    }
  }
}

/** Batches as bars in the consumer rows, one sub-row per shard; a pending one runs to the right edge (the veil cuts it at the playhead). */
const drawBatches: Draw = (ctx, frame, scales) => {
  const { layout } = scales;
  const { x0, x1 } = layout;
  const X = xOf(scales);
  const B = frame.batches;
  for (let i = 0; i < B.t0.length; i++) {
    const crow = layout.consumers[B.consumer[i]!];
    if (!crow || B.lane[i]! < 0) continue;
    const a = Math.max(x0, Math.min(x1, X(B.t0[i]!)));
    const b = Number.isNaN(B.t1[i]!) ? x1 : Math.max(a + 3, Math.max(x0, Math.min(x1, X(B.t1[i]!))));
    const sy = subRowY(crow, layout.rowOfLane[B.lane[i]!] ?? B.lane[i]!);
    const outcome = B.outcome[i]!;
    const trigger = B.trigger[i]!;
    const colour = outcome === FAILED ? STYLE.failure : outcome === PENDING || outcome === ABANDONED ? STYLE.pending : STYLE.success;
    const h = SUB_ROW_HEIGHT - 2;
    const bh = trigger === BISECT ? h / 2 : h;
    if (trigger === REDELIVERY || trigger === RETRY || trigger === PARTIAL) {
      ctx.globalAlpha = 0.45;
      ctx.fillStyle = colour;
      ctx.fillRect(a, sy + (h - bh), b - a, bh);
      ctx.globalAlpha = 1;
      ctx.setLineDash([3, 2]);
      ctx.strokeStyle = trigger === REDELIVERY ? STYLE.ink : colour;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.rect(a, sy + (h - bh), b - a, bh);
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = colour;
      ctx.fillRect(a, sy + (h - bh), b - a, bh);
    }
  }
};
