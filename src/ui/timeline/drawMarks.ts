/**
 * Draws the timeline's dense marks — lane bodies, trimmed history, lease bands, record chips (or
 * counts when zoomed out), delivery badges and harm rings, iterator carets and checkpoint flags,
 * batch bars, crashes — reading the frame's columns by index (Plot's marks). Pure: the same frame,
 * scales and style give the same calls, on a canvas or on the SVG recorder used for export.
 *
 * Motion is a function of simulated time: a record appended less than `style.travelMs` before the
 * playhead is still travelling from the table row to its lane; a batch delivered that recently
 * pulses from its shard to its consumer. `travelMs` 0 (reduced motion) draws everything in place.
 *
 * May import: protocol types, worker/client.ts constants, ./codes.ts, ./lod.ts, ./lanes.ts, ./palette.ts. May not import: React, DOM globals.
 */
import { MARK_KINDS } from '../../worker/client.ts';
import { badge, chipY, CHIP_R, drawChip, ease, ring, type DrawStats, type MarksContext, type MarksFrame, type MarksScales, type MarksStyle } from './glyphs.ts';
import { BATCH_OUTCOMES, BATCH_TRIGGERS } from './codes.ts';
import { subRowY, SUB_ROW_HEIGHT } from './lanes.ts';
import { bucketRecords } from './lod.ts';
import { consumerColour, keyColour, STYLE, workerColour } from './palette.ts';
import { sequenceLabel } from '../panels/sequenceLabel.ts';
import { drawServiceMark } from './serviceMark.ts';

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
const LABEL_ROOM_PX = 46;

export function drawMarks(ctx: MarksContext, frame: MarksFrame, scales: MarksScales, style: MarksStyle): DrawStats {
  const { lin, layout } = scales;
  const { x0, x1 } = layout;
  const X = (t: number) => t * lin.k + lin.b;
  const clampX = (x: number) => Math.max(x0, Math.min(x1, x));
  const atX = clampX(X(frame.atMs));
  const rows = layout.shards;
  const laneRow = (lane: number) => (lane >= 0 && lane < layout.rowOfLane.length ? rows[layout.rowOfLane[lane]!] : undefined);

  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.save();
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);

  // Table row and lane bodies: a shard lane is drawn from its opening to its close (or the playhead).
  ctx.fillStyle = STYLE.laneFill;
  ctx.fillRect(x0, layout.table.y, Math.max(0, atX - x0), layout.table.h);
  rows.forEach((row, i) => {
    const a = clampX(X(row.openedAtMs));
    const b = clampX(X(Math.min(row.closedAtMs ?? frame.atMs, frame.atMs)));
    ctx.fillStyle = i % 2 === 0 ? STYLE.laneFill : '#eef1f4';
    ctx.fillRect(a, row.y + 1, Math.max(0, b - a), row.h - 2);
    if (row.closedAtMs !== undefined && row.closedAtMs <= frame.atMs && X(row.closedAtMs) <= x1) {
      ctx.fillStyle = STYLE.muted;
      ctx.fillRect(b - 1, row.y + 4, 2, row.h - 8);
    }
  });
  for (const row of layout.consumers) {
    ctx.fillStyle = STYLE.laneFill;
    ctx.fillRect(x0, row.y, Math.max(0, atX - x0), row.h);
  }

  // Trimmed history: grey from the lane's start to its newest trimmed record.
  const r = frame.records;
  const n = r.t.length;
  const trimmedTo = new Float64Array(frame.lanes.length).fill(-Infinity);
  for (let i = 0; i < n; i++) if (r.trimmed[i] === 1 && r.t[i]! > trimmedTo[r.lane[i]!]!) trimmedTo[r.lane[i]!] = r.t[i]!;
  for (let lane = 0; lane < trimmedTo.length; lane++) {
    const row = laneRow(lane);
    if (!row || trimmedTo[lane] === -Infinity) continue;
    const a = clampX(X(row.openedAtMs));
    const b = clampX(X(trimmedTo[lane]!) + 8);
    ctx.fillStyle = STYLE.trimmedFill;
    ctx.fillRect(a, row.y + 1, Math.max(0, b - a), row.h - 2);
    if (b - a > 60) {
      ctx.fillStyle = STYLE.muted;
      ctx.font = STYLE.font;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText('trimmed', a + 4, row.y + 33);
    }
  }

  // Lease bands: a strip at the bottom of the lane in the holder's colour.
  const L = frame.leases;
  for (let i = 0; i < L.t0.length; i++) {
    const row = laneRow(L.lane[i]!);
    if (!row) continue;
    const a = clampX(X(L.t0[i]!));
    const b = clampX(X(Number.isNaN(L.t1[i]!) ? frame.atMs : L.t1[i]!));
    if (b <= a) continue;
    ctx.fillStyle = workerColour(L.worker[i]!);
    ctx.fillRect(a, row.y + row.h - 6, b - a, 5);
  }

  // Crashes (a red line through every lane), broken checks and restarts.
  const M = frame.marks;
  const top = layout.table.y;
  const bottom = layout.consumers.length > 0 ? layout.consumers[layout.consumers.length - 1]!.y + layout.consumers[layout.consumers.length - 1]!.h : layout.consumersY;
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
      ctx.font = STYLE.fontBold;
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
        ctx.font = STYLE.fontBold;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText('!', x, y + 2);
      }
    }
  }

  // Records: ticks on the table row (the writes), chips or counts on the lanes.
  const marks = bucketRecords(r.t, r.lane, n, lin, x0, x1, frame.lanes.length);
  const nextX = new Float32Array(marks.n).fill(Infinity);
  const seen = new Float32Array(frame.lanes.length).fill(Infinity);
  for (let m = marks.n - 1; m >= 0; m--) {
    nextX[m] = seen[marks.lane[m]!]!;
    seen[marks.lane[m]!] = marks.x[m]!;
  }
  let moving = 0;
  let maxCount = 1;
  for (let m = 0; m < marks.n; m++) if (marks.count[m]! > maxCount) maxCount = marks.count[m]!;
  for (let m = 0; m < marks.n; m++) {
    const i = marks.last[m]!;
    const row = laneRow(marks.lane[m]!);
    if (!row) continue;
    const x = marks.x[m]!;
    ctx.fillStyle = r.trimmed[i] ? STYLE.trimmed : keyColour(r.key[i]!);
    ctx.fillRect(x - 1, layout.table.y + 7, 2, layout.table.h - 14);
    if (marks.mode === 'counts') {
      let dup = false;
      let harm = false;
      for (let k = marks.first[m]!; k <= i; k++) {
        if (r.lane[k] !== marks.lane[m]) continue;
        if (r.deliveries[k]! > 1) dup = true;
        if (r.harm[k]) harm = true;
      }
      const h = Math.max(2, ((row.h - 12) * Math.log2(1 + marks.count[m]!)) / Math.log2(1 + maxCount));
      ctx.fillStyle = r.trimmed[i] ? STYLE.trimmed : STYLE.success;
      ctx.fillRect(x, row.y + row.h - 7 - h, Math.max(1, marks.bucketPx - 1), h);
      if (harm || dup) {
        ctx.fillStyle = harm ? STYLE.harm : STYLE.ink;
        ctx.fillRect(x, row.y + 2, Math.max(2, marks.bucketPx - 1), 4);
      }
      continue;
    }
    const cy = chipY(row.y);
    const age = frame.atMs - r.t[i]!;
    let y = cy;
    if (style.travelMs > 0 && age < style.travelMs) {
      const p = ease(Math.max(0, age) / style.travelMs);
      const from = layout.table.y + layout.table.h / 2;
      y = from + (cy - from) * p;
      moving++;
      ctx.strokeStyle = keyColour(r.key[i]!);
      ctx.lineWidth = 2;
      ctx.globalAlpha = 0.6 * (1 - p);
      ctx.beginPath();
      ctx.moveTo(x, from);
      ctx.lineTo(x, y);
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    const deliveries = r.deliveries[i]!;
    if (deliveries > 1) ring(ctx, x, y, CHIP_R + 3.5, r.harm[i] ? STYLE.harm : STYLE.ink, r.harm[i] ? 3 : 1.5, r.harm[i] ? [] : [3, 2]);
    if (r.trimmed[i]) ctx.globalAlpha = 0.55;
    drawChip(ctx, r.event[i]!, x, y, r.trimmed[i] ? STYLE.trimmed : keyColour(r.key[i]!));
    if (r.byService[i]) drawServiceMark(ctx, x, y, CHIP_R);
    ctx.globalAlpha = 1;
    if (deliveries > 1) badge(ctx, `×${deliveries}${r.harm[i] ? ' harm' : ''}`, x + CHIP_R + 4, y - CHIP_R - 3, r.harm[i] ? STYLE.harm : STYLE.ink);
    if (marks.count[m]! > 1) {
      ctx.font = STYLE.font;
      ctx.fillStyle = STYLE.ink;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(`+${marks.count[m]! - 1}`, x + CHIP_R + 3, y + 8);
    }
    if (style.labels && nextX[m]! - x >= LABEL_ROOM_PX && Math.abs(y - cy) < 2) {
      // A pale backing (above the lease band), so a crash line through the label does not strike it out.
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(x - 17, row.y + 26, 34, 8);
      ctx.font = STYLE.font;
      ctx.fillStyle = STYLE.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(sequenceLabel(r.ordinal[i]!), x, row.y + 31);
    }
  }

  // Consumers on each shard: a flag at the checkpoint, a caret where the iterator stands (broken once expired).
  for (const cl of frame.consumerLanes) {
    const row = laneRow(cl.lane);
    if (!row) continue;
    const colour = consumerColour(cl.consumer);
    const cy = chipY(row.y);
    if (cl.checkpointMs !== undefined && Number.isFinite(cl.checkpointMs)) {
      const fx = X(cl.checkpointMs);
      if (fx >= x0 - 2 && fx <= x1 + 2) {
        ctx.fillStyle = colour;
        ctx.fillRect(fx - 1, row.y + 1, 1.5, cy - CHIP_R - row.y - 1);
        ctx.beginPath();
        ctx.moveTo(fx + 0.5, row.y + 1);
        ctx.lineTo(fx + 10, row.y + 4);
        ctx.lineTo(fx + 0.5, row.y + 7);
        ctx.closePath();
        ctx.fill();
      }
    }
    if (cl.iteratorMs !== undefined) {
      const cx = X(cl.iteratorMs) + CHIP_R + 4;
      if (cx >= x0 - 2 && cx <= x1 + 12) {
        ctx.beginPath();
        ctx.moveTo(cx, cy);
        ctx.lineTo(cx + 9, cy - 6);
        ctx.lineTo(cx + 9, cy + 6);
        ctx.closePath();
        if (cl.expiredAtMs !== undefined) {
          ctx.setLineDash([2, 2]);
          ctx.strokeStyle = STYLE.crash;
          ctx.lineWidth = 1.5;
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.strokeStyle = STYLE.crash;
          ctx.beginPath();
          ctx.moveTo(cx + 2, cy + 7);
          ctx.lineTo(cx + 8, cy - 7);
          ctx.stroke();
          ctx.font = STYLE.font;
          ctx.fillStyle = STYLE.crash;
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText('expired', cx + 12, cy);
        } else {
          ctx.fillStyle = colour;
          ctx.fill();
        }
      }
    }
  }

  // Batches as bars in the consumer rows, one sub-row per shard; a fresh one pulses down from its shard.
  const B = frame.batches;
  for (let i = 0; i < B.t0.length; i++) {
    const crow = layout.consumers[B.consumer[i]!];
    if (!crow || B.lane[i]! < 0) continue;
    const a = clampX(X(B.t0[i]!));
    const end = Number.isNaN(B.t1[i]!) ? frame.atMs : B.t1[i]!;
    const b = Math.max(a + 3, clampX(X(end)));
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
    const age = frame.atMs - B.t0[i]!;
    const srow = laneRow(B.lane[i]!);
    if (style.travelMs > 0 && age >= 0 && age < style.travelMs && srow) {
      const p = ease(age / style.travelMs);
      const from = chipY(srow.y);
      const y = from + (sy + h / 2 - from) * p;
      moving++;
      ctx.globalAlpha = 1 - p * 0.5;
      ctx.fillStyle = consumerColour(B.consumer[i]!);
      ctx.beginPath();
      ctx.arc(a, y, 4 + 2 * (1 - p), 0, Math.PI * 2);
      ctx.fill();
      ctx.globalAlpha = 1;
    }
  }

  ctx.restore();
  return { mode: marks.mode, marks: marks.n, moving };
}
