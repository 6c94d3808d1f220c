/**
 * The records right at the playhead, drawn again above the veil. The veil past the playhead
 * (`LayeredCanvas.tsx`) hides the future, and a record appended at the playhead stands half in it:
 * at a narration stop, a few milliseconds after its fact, the record the step speaks of was cut in
 * half and its label read "#". The marks layer is not redrawn as the playhead moves, so the overlay
 * (above the veil) draws the landed records whose chip or label reaches past the playhead: the chip,
 * its delivery ring and service mark, and its label when the marks layer would draw one.
 *
 * May import: ./glyphs.ts, ./palette.ts, ./recordColour.ts, ./serviceMark.ts, ../panels/sequenceLabel.ts, protocol types.
 */
import { chipY, CHIP_R, drawChip, drawRecordLabel, RECORD_LABEL_HALF, ring, type MarksContext, type MarksFrame } from './glyphs.ts';
import type { ShardRow } from './lanes.ts';
import { STYLE } from './palette.ts';
import { recordColours } from './recordColour.ts';
import { drawServiceMark } from './serviceMark.ts';
import { sequenceLabel } from '../panels/sequenceLabel.ts';

export interface AtPlayhead {
  ctx: MarksContext;
  frame: MarksFrame;
  X: (t: number) => number;
  laneRow: (lane: number) => ShardRow | undefined;
  /** The playhead (simulated ms). */
  at: number;
  /** Records appended less than this ago are still travelling (the overlay draws them already). */
  travelMs: number;
  labels: boolean;
  /** How far the next record on a lane must be for a record's label (the marks layer's rule). */
  labelRoomPx: number;
}

/** Draws the landed records reaching past the playhead; returns how many (0: nothing changes as the playhead moves). */
export function drawAtPlayhead(p: AtPlayhead): number {
  const { ctx, frame, X, at } = p;
  const r = frame.records;
  const edge = X(at);
  const reach = Math.max(CHIP_R + 4, RECORD_LABEL_HALF);
  let first = r.t.length;
  while (first > 0 && X(r.t[first - 1]!) > edge - reach) first--;
  let drawn = 0;
  let colourOf: ((i: number) => string) | undefined;
  for (let i = first; i < r.t.length; i++) {
    const t = r.t[i]!;
    if (t > at || (p.travelMs > 0 && at - t < p.travelMs)) continue;
    const row = p.laneRow(r.lane[i]!);
    if (!row) continue;
    colourOf ??= recordColours(frame);
    const x = X(t);
    const y = chipY(row.y);
    drawRecordChip(ctx, r, i, x, y, colourOf(i));
    if (p.labels && roomAfter(p, i) >= p.labelRoomPx) drawRecordLabel(ctx, sequenceLabel(r.ordinal[i]!), x, row.y);
    drawn++;
  }
  return drawn;
}

/** A landed record's chip: its delivery ring (dashed; solid red where harmful), the chip (faded once trimmed) and the service's mark. */
export function drawRecordChip(ctx: MarksContext, r: MarksFrame['records'], i: number, x: number, y: number, colour: string): void {
  const deliveries = r.deliveries[i]!;
  const harm = r.harm[i] === 1;
  if (deliveries > 1) ring(ctx, x, y, CHIP_R + 3.5, harm ? STYLE.harm : STYLE.ink, harm ? 3 : 1.5, harm ? [] : [3, 2]);
  if (r.trimmed[i]) ctx.globalAlpha = 0.55;
  drawChip(ctx, r.event[i]!, x, y, r.trimmed[i] ? STYLE.trimmed : colour);
  if (r.byService[i]) drawServiceMark(ctx, x, y, CHIP_R);
  ctx.globalAlpha = 1;
}

/** Layout px to the next record on the same lane (Infinity: none). */
function roomAfter(p: AtPlayhead, i: number): number {
  const r = p.frame.records;
  for (let j = i + 1; j < r.t.length; j++) if (r.lane[j] === r.lane[i]) return p.X(r.t[j]!) - p.X(r.t[i]!);
  return Infinity;
}
