/**
 * The timeline's overlay layer: the veil past the playhead (on the stage a layer of its own), and
 * motion that explains (#13.2) — a write travelling from the table row into its shard's lane, a
 * batch leaving its shard for the consumer's lane and landing as applied / failed / retried /
 * bisected, each consumer's iterator caret moving along its shard, a checkpoint dropping its flag, a
 * new lease holder's caret jumping back to the checkpoint while re-delivered records travel again
 * along arcs (harmful ones red), a lease handed over, child lanes branching from their parent.
 *
 * Every position is a function of simulated time (`at`) and the frame, with no state kept between
 * frames: the same picture for the same playhead, paused or playing, and easing follows the chosen
 * speed because `style.travelMs` is a wall-clock travel time times the speed. `travelMs` 0 (reduced
 * motion) draws the same states in place, with the same words for `holdMs`.
 *
 * May import: protocol types, worker/client.ts constants, ./codes.ts, ./carets.ts, ./drawAtPlayhead.ts, ./glyphs.ts, ./lanes.ts, ./palette.ts, ./recordColour.ts. May not import: React, DOM globals.
 */
import { MARK_KINDS } from '../../worker/client.ts';
import { BATCH_OUTCOMES, BATCH_TRIGGERS } from './codes.ts';
import { chipY, CHIP_R, drawChip, ease, LABEL_ROOM_PX, setFont, type MarksContext, type MarksFrame, type MarksScales, type MarksStyle } from './glyphs.ts';
import { subRowY, SUB_ROW_HEIGHT, type ShardRow } from './lanes.ts';
import type { Marks } from './lod.ts';
import { consumerColour, STYLE, workerColour } from './palette.ts';
import { recordColours } from './recordColour.ts';
import { caretPlace } from './carets.ts';
import { drawAtPlayhead } from './drawAtPlayhead.ts';

export { caretPlace } from './carets.ts';

const CHECKPOINT = MARK_KINDS.indexOf('checkpoint');
const FAILED = BATCH_OUTCOMES.indexOf('failed');
const ABANDONED = BATCH_OUTCOMES.indexOf('abandoned');
const RETRY = BATCH_TRIGGERS.indexOf('retry');
const PARTIAL = BATCH_TRIGGERS.indexOf('partial-retry');
const BISECT = BATCH_TRIGGERS.indexOf('bisect');
const REDELIVERY = BATCH_TRIGGERS.indexOf('redelivery');

/** The stage's background: the veil past the playhead is painted in it. */
export const VEIL = '#ffffff';

export interface CaretPlace {
  consumer: number;
  lane: number;
  /** Simulated time the caret stands at (eased), and its x on the layout. */
  atMs: number;
  x: number;
}

export interface OverlayStats {
  /** Things drawn mid-travel: the overlay changes every animation frame while any is. */
  moving: number;
  /** A moment's words or marks held for `holdMs` (not travelling): they change as the playhead moves on. */
  held: number;
  carets: CaretPlace[];
}

/** How many records (sorted by time) were appended at or before `atMs`: the ones no longer travelling. */
export function settledBefore(t: ArrayLike<number>, atMs: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const clamp01 = (p: number) => (p < 0 ? 0 : p > 1 ? 1 : p);

/** What a finished batch did, in the word the overlay shows where it lands. */
export function outcomeWord(outcome: number, trigger: number): string {
  if (outcome === FAILED) return 'failed';
  if (outcome === ABANDONED) return 'abandoned';
  if (trigger === BISECT) return 'bisected';
  if (trigger === RETRY || trigger === PARTIAL) return 'retried';
  if (trigger === REDELIVERY) return 're-delivered';
  return 'applied';
}

interface Ctx {
  ctx: MarksContext;
  frame: MarksFrame;
  scales: MarksScales;
  X: (t: number) => number;
  laneRow: (lane: number) => ShardRow | undefined;
  at: number;
  travelMs: number;
  holdMs: number;
  moving: number;
  held: number;
}

/** `veil` false leaves the veil out: the stage draws it as a layer of its own (`LayeredCanvas.tsx`). */
export function drawOverlay(ctx: MarksContext, frame: MarksFrame, scales: MarksScales, style: MarksStyle, mode: Marks['mode'], clear = true, veil = true): OverlayStats {
  const { lin, layout } = scales;
  if (clear) ctx.clearRect(0, 0, layout.width, layout.height);
  const at = frame.atMs;
  const c: Ctx = {
    ctx,
    frame,
    scales,
    X: (t) => t * lin.k + lin.b,
    laneRow: (lane) => (lane >= 0 && lane < layout.rowOfLane.length ? layout.shards[layout.rowOfLane[lane]!] : undefined),
    at,
    travelMs: style.travelMs,
    holdMs: style.holdMs ?? style.travelMs * 2,
    moving: 0,
    held: 0,
  };
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  if (veil) drawVeil(c);
  // The landed records the veil would cut at the playhead (`drawAtPlayhead.ts`).
  if (mode === 'chips') c.held += drawAtPlayhead({ ctx, frame, X: c.X, laneRow: c.laneRow, at, travelMs: c.travelMs, labels: style.labels, labelRoomPx: LABEL_ROOM_PX });
  drawBranches(c);
  drawLeaseHandovers(c);
  if (mode === 'chips') drawTravellingWrites(c);
  drawDeliveries(c);
  const carets = drawConsumers(c);
  return { moving: c.moving, held: c.held, carets };
}

/** Past the playhead nothing has happened yet: the lanes (static layer) and open bands (marks layer) stop there. */
function drawVeil(c: Ctx): void {
  const { layout } = c.scales;
  const x = Math.max(layout.x0, c.X(c.at));
  if (x >= layout.x1) return;
  const last = layout.consumers[layout.consumers.length - 1];
  const bottom = last ? last.y + last.h : layout.consumersY;
  c.ctx.fillStyle = VEIL;
  c.ctx.fillRect(x, layout.table.y, layout.x1 - x + 2, bottom - layout.table.y);
}

/** A rollover or split: the child lanes grow out of the parent's end (the SVG bracket stays after). */
function drawBranches(c: Ctx): void {
  const { ctx } = c;
  for (const b of c.scales.layout.brackets) {
    const age = c.at - b.atMs;
    if (age < 0 || age >= c.holdMs) continue;
    const x = c.X(b.atMs);
    const p = c.travelMs > 0 ? ease(clamp01(age / c.travelMs)) : 1;
    if (p < 1) c.moving++;
    c.held++;
    ctx.strokeStyle = STYLE.success;
    ctx.lineWidth = 3;
    ctx.beginPath();
    for (const y of b.childYs) {
      ctx.moveTo(x, b.parentY);
      ctx.lineTo(x, b.parentY + (y - b.parentY) * p);
      ctx.lineTo(x + 14 * p, b.parentY + (y - b.parentY) * p);
    }
    ctx.stroke();
    label(c, b.childYs.length > 1 ? 'split: child shards' : 'rollover: new shard', x + 6, Math.min(...b.childYs) - 12, STYLE.success);
  }
}

/** Words on a white backing, left-aligned at (x, y). */
function label(c: Ctx, text: string, x: number, y: number, colour: string): void {
  const { ctx } = c;
  setFont(ctx, STYLE.fontBold);
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(x - 2, y - 7, text.length * 6.6 + 4, 14);
  ctx.fillStyle = colour;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x, y);
}

/** A lease taken from another worker: its band grows from the handover in the new colour, with who holds it now. */
function drawLeaseHandovers(c: Ctx): void {
  const L = c.frame.leases;
  const { x1 } = c.scales.layout;
  for (let i = 0; i < L.t0.length; i++) {
    const age = c.at - L.t0[i]!;
    if (age < 0 || age >= c.holdMs) continue;
    let before = -1;
    for (let j = 0; j < L.t0.length; j++) if (j !== i && L.lane[j] === L.lane[i] && L.consumer[j] === L.consumer[i] && L.t0[j]! < L.t0[i]! && L.worker[j] !== L.worker[i]) before = j;
    const row = c.laneRow(L.lane[i]!);
    if (before < 0 || !row) continue;
    c.held++;
    const x = c.X(L.t0[i]!);
    const to = Math.min(x1, c.X(c.at));
    c.ctx.fillStyle = workerColour(L.worker[i]!);
    c.ctx.fillRect(x, row.y + row.h - 9, Math.max(2, to - x), 8);
    label(c, `lease → ${workerName(c.frame, L.worker[i]!)}`, x + 4, row.y + row.h - 14, STYLE.ink);
  }
}

const workerName = (frame: MarksFrame, worker: number) => (frame as { workers?: readonly string[] }).workers?.[worker] ?? `worker ${worker}`;

/** A record appended less than a travel time ago drops from the table row into its lane. */
function drawTravellingWrites(c: Ctx): void {
  if (c.travelMs <= 0) return;
  const { ctx, frame } = c;
  const { layout } = c.scales;
  const r = frame.records;
  const colourOf = recordColours(frame);
  const from = layout.table.y + layout.table.h / 2;
  for (let i = settledBefore(r.t, c.at - c.travelMs); i < r.t.length; i++) {
    const row = c.laneRow(r.lane[i]!);
    const x = c.X(r.t[i]!);
    if (!row || x < layout.x0 - 8 || x > layout.x1 + 8) continue;
    const p = ease(clamp01((c.at - r.t[i]!) / c.travelMs));
    const cy = chipY(row.y);
    const y = from + (cy - from) * p;
    c.moving++;
    const colour = colourOf(i);
    ctx.fillStyle = colour;
    ctx.fillRect(x - 1, layout.table.y + 7, 2, layout.table.h - 14);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.globalAlpha = 0.6 * (1 - p);
    ctx.beginPath();
    ctx.moveTo(x, from);
    ctx.lineTo(x, y);
    ctx.stroke();
    ctx.globalAlpha = 1;
    drawChip(ctx, r.event[i]!, x, y, colour);
  }
}

/** A point along the arc from (ax, ay) to (bx, by) bowing `lift` px above the higher end, at p ∈ [0, 1]. */
function arcPoint(ax: number, ay: number, bx: number, by: number, lift: number, p: number): [number, number] {
  const cx = (ax + bx) / 2;
  const cy = Math.min(ay, by) - lift;
  const q = 1 - p;
  return [q * q * ax + 2 * q * p * cx + p * p * bx, q * q * ay + 2 * q * p * cy + p * p * by];
}

function arcPath(ctx: MarksContext, ax: number, ay: number, bx: number, by: number, lift: number, upTo = 1): void {
  ctx.beginPath();
  ctx.moveTo(ax, ay);
  for (let k = 1; k <= 12; k++) {
    const [x, y] = arcPoint(ax, ay, bx, by, lift, (k / 12) * upTo);
    ctx.lineTo(x, y);
  }
}

/**
 * Batches: a fresh one leaves its shard for the consumer's lane (a re-delivered one as arcs, one per
 * record read again, harmful ones red); a finished one says how it landed, for `holdMs`.
 */
function drawDeliveries(c: Ctx): void {
  const { ctx, frame } = c;
  const { layout } = c.scales;
  const B = frame.batches;
  const r = frame.records;
  const h = SUB_ROW_HEIGHT - 2;
  const lastTag = new Map<string, number>();
  for (let i = 0; i < B.t0.length; i++) {
    const crow = layout.consumers[B.consumer[i]!];
    const srow = c.laneRow(B.lane[i]!);
    if (!crow || !srow) continue;
    const sy = subRowY(crow, layout.rowOfLane[B.lane[i]!] ?? B.lane[i]!) + h / 2;
    const age = c.at - B.t0[i]!;
    const ax = c.X(B.t0[i]!);
    if (c.travelMs > 0 && age >= 0 && age < c.travelMs) {
      const p = ease(age / c.travelMs);
      const lastT = B.lastRecT?.[i];
      if (B.trigger[i] === REDELIVERY && lastT !== undefined && !Number.isNaN(lastT)) {
        // The records read again: the batch's `count` records on its lane up to its last one.
        let left = B.count[i]!;
        for (let k = settledBefore(r.t, lastT) - 1; k >= 0 && left > 0; k--) {
          if (r.lane[k] !== B.lane[i]) continue;
          left--;
          c.moving++;
          const rx = c.X(r.t[k]!);
          const harm = r.harm[k] === 1;
          ctx.strokeStyle = harm ? STYLE.harm : STYLE.ink;
          ctx.lineWidth = harm ? 2 : 1;
          ctx.globalAlpha = 0.5;
          arcPath(ctx, rx, chipY(srow.y), ax, sy, 28, p);
          ctx.stroke();
          ctx.globalAlpha = 1;
          const [x, y] = arcPoint(rx, chipY(srow.y), ax, sy, 28, p);
          ctx.fillStyle = harm ? STYLE.harm : consumerColour(B.consumer[i]!);
          ctx.beginPath();
          ctx.arc(x, y, harm ? 5 : 4, 0, Math.PI * 2);
          ctx.fill();
        }
      } else {
        c.moving++;
        const from = chipY(srow.y);
        ctx.globalAlpha = 1 - p * 0.5;
        ctx.fillStyle = consumerColour(B.consumer[i]!);
        ctx.beginPath();
        ctx.arc(ax, from + (sy - from) * p, 4 + 2 * (1 - p), 0, Math.PI * 2);
        ctx.fill();
        ctx.globalAlpha = 1;
      }
    }
    const done = B.t1[i]!;
    if (!Number.isNaN(done) && c.at - done >= 0 && c.at - done < c.holdMs) lastTag.set(`${B.consumer[i]}|${B.lane[i]}`, i);
  }
  // One word per consumer and shard: how its latest batch landed.
  for (const i of lastTag.values()) {
    c.held++;
    const crow = layout.consumers[B.consumer[i]!]!;
    const sy = subRowY(crow, layout.rowOfLane[B.lane[i]!] ?? B.lane[i]!) + h / 2;
    const word = outcomeWord(B.outcome[i]!, B.trigger[i]!);
    const x = Math.min(layout.x1 - word.length * 6.6 - 4, c.X(B.t1[i]!) + 4);
    label(c, word, x, sy, B.outcome[i] === FAILED || B.outcome[i] === ABANDONED ? STYLE.failure : STYLE.success);
  }
}

/** Per consumer and shard: the checkpoint flag (dropping when written) and the iterator caret (moving, or jumping back on a takeover). */
function drawConsumers(c: Ctx): CaretPlace[] {
  const { ctx, frame } = c;
  const { layout } = c.scales;
  const carets: CaretPlace[] = [];
  const flagsAt = new Map<string, number>();
  for (const cl of frame.consumerLanes) {
    const row = c.laneRow(cl.lane);
    if (!row) continue;
    const colour = consumerColour(cl.consumer);
    const cy = chipY(row.y);
    if (cl.checkpointMs !== undefined && Number.isFinite(cl.checkpointMs)) {
      const fx = c.X(cl.checkpointMs);
      // Several consumers' flags at one place fly side by side on one pole (three apps' checkpoints overlapped).
      const key = `${cl.lane}|${Math.round(fx / 4)}`;
      const k = flagsAt.get(key) ?? 0;
      flagsAt.set(key, k + 1);
      const written = lastMark(frame, CHECKPOINT, cl.consumer, cl.lane, c.at);
      const p = c.travelMs > 0 && written !== undefined && c.at - written < c.travelMs ? ease(clamp01((c.at - written) / c.travelMs)) : 1;
      if (p < 1) c.moving++;
      const drop = (1 - p) * -16;
      if (fx >= layout.x0 - 2 && fx <= layout.x1 + 2) {
        ctx.fillStyle = colour;
        if (k === 0) ctx.fillRect(fx - 1, row.y + 1 + drop, 1.5, cy - CHIP_R - row.y - 1);
        ctx.beginPath();
        ctx.moveTo(fx + 0.5 + k * 10, row.y + 1 + drop);
        ctx.lineTo(fx + 10 + k * 10, row.y + 4 + drop);
        ctx.lineTo(fx + 0.5 + k * 10, row.y + 7 + drop);
        ctx.closePath();
        ctx.fill();
      }
    }
    const place = caretPlace(c, cl);
    if (place === undefined) continue;
    const cx = c.X(place.atMs) + CHIP_R + 4;
    carets.push({ consumer: cl.consumer, lane: cl.lane, atMs: place.atMs, x: cx });
    if (place.moving) c.moving++;
    const rw = place.rewind;
    if (rw && c.at - rw.sinceMs < c.holdMs) {
      c.held++;
      // Back to the checkpoint: a dashed arc from where the old owner had read to where the new one starts.
      const ax = c.X(rw.fromMs) + CHIP_R + 4;
      const bx = c.X(rw.toMs) + CHIP_R + 4;
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      arcPath(ctx, ax, cy - 4, bx, cy - 4, 18);
      ctx.stroke();
      ctx.setLineDash([]);
      label(c, 'back to the checkpoint', Math.max(layout.x0, Math.min(ax, bx)), row.y - 1, colour);
    }
    if (cx < layout.x0 - 2 || cx > layout.x1 + 12) continue;
    const lift = rw && place.moving && c.at < rw.sinceMs + c.travelMs ? 4 * place.p * (1 - place.p) * 18 : 0;
    const y = cy - lift;
    ctx.beginPath();
    ctx.moveTo(cx, y);
    ctx.lineTo(cx + 9, y - 6);
    ctx.lineTo(cx + 9, y + 6);
    ctx.closePath();
    if (cl.expiredAtMs !== undefined) {
      ctx.setLineDash([2, 2]);
      ctx.strokeStyle = STYLE.crash;
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(cx + 2, y + 7);
      ctx.lineTo(cx + 8, y - 7);
      ctx.stroke();
      setFont(ctx, STYLE.font);
      ctx.fillStyle = STYLE.crash;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText('expired', cx + 12, y);
    } else {
      ctx.fillStyle = colour;
      ctx.fill();
    }
  }
  return carets;
}

/** The time of the latest mark of `kind` for a consumer on a lane at or before `at`. */
function lastMark(frame: MarksFrame, kind: number, consumer: number, lane: number, at: number): number | undefined {
  const M = frame.marks;
  for (let i = M.t.length - 1; i >= 0; i--) if (M.kind[i] === kind && M.consumer[i] === consumer && M.lane[i] === lane && M.t[i]! <= at) return M.t[i]!;
  return undefined;
}
