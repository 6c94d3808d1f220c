/**
 * The marks' vocabulary: the context they draw on (a canvas or the SVG recorder), what they read
 * from a frame, the scales and style they take, and the glyphs every layer shares — record chips
 * (circle INSERT, diamond MODIFY, cross REMOVE), badges, rings and the easing of travel.
 *
 * May import: protocol types, worker/client.ts constants, ./palette.ts. May not import: React, DOM globals.
 */
import { EVENT_NAMES } from '../../worker/client.ts';
import type { Frame } from '../../worker/protocol.ts';
import type { Linear, Marks } from './lod.ts';
import type { TimelineLayout } from './lanes.ts';
import { STYLE } from './palette.ts';

/** The part of a 2D context the marks use; a canvas context and `SvgRecorder` both fit. */
export interface MarksContext {
  fillStyle: string | object;
  strokeStyle: string | object;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: 'start' | 'end' | 'left' | 'right' | 'center';
  textBaseline: 'top' | 'hanging' | 'middle' | 'alphabetic' | 'ideographic' | 'bottom';
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  rect(x: number, y: number, w: number, h: number): void;
  fill(): void;
  stroke(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  setLineDash(segments: number[]): void;
}

/** What the marks read from a frame. */
export type MarksFrame = Pick<Frame, 'atMs' | 'records' | 'sequenceNumbers' | 'marks' | 'batches' | 'leases' | 'consumerLanes' | 'lanes' | 'colourKey' | 'olderCounts'>;

export interface MarksScales {
  lin: Linear;
  layout: TimelineLayout;
  /** CSS pixels per layout unit (presenter mode draws the timeline larger); 1 when absent. */
  zoom?: number;
}

export interface MarksStyle {
  /** Simulated ms a chip or a delivery pulse travels (0: no motion). */
  travelMs: number;
  /** Show short sequence labels where chips have room. */
  labels: boolean;
  /**
   * Simulated ms a moment's words stay on the overlay after it happens (a batch's outcome, a lease
   * handover, a re-read from the checkpoint, a new child lane), with or without motion; default
   * twice `travelMs`.
   */
  holdMs?: number;
}

/** What one draw did (the bench and tests read it). */
export interface DrawStats {
  mode: Marks['mode'];
  marks: number;
  /** Marks drawn on their way (a write to its lane, a batch to its consumer, a caret, a flag). */
  moving: number;
}

export const CHIP_R = 6;

export const ease = (p: number) => 1 - (1 - p) * (1 - p);

/** A chip's centre y within its lane row. */
export function chipY(rowY: number): number {
  return rowY + 18;
}

export function drawChip(ctx: MarksContext, event: number, x: number, y: number, fill: string, r = CHIP_R): void {
  ctx.fillStyle = fill;
  ctx.strokeStyle = STYLE.ink;
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (EVENT_NAMES[event] === 'MODIFY') {
    ctx.moveTo(x, y - r - 1);
    ctx.lineTo(x + r + 1, y);
    ctx.lineTo(x, y + r + 1);
    ctx.lineTo(x - r - 1, y);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  } else if (EVENT_NAMES[event] === 'REMOVE') {
    const a = r - 0.5;
    ctx.strokeStyle = STYLE.ink;
    ctx.lineWidth = 5;
    ctx.moveTo(x - a, y - a);
    ctx.lineTo(x + a, y + a);
    ctx.moveTo(x + a, y - a);
    ctx.lineTo(x - a, y + a);
    ctx.stroke();
    ctx.beginPath();
    ctx.strokeStyle = fill;
    ctx.lineWidth = 3;
    ctx.moveTo(x - a, y - a);
    ctx.lineTo(x + a, y + a);
    ctx.moveTo(x + a, y - a);
    ctx.lineTo(x - a, y + a);
    ctx.stroke();
  } else {
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
}

/** The font each context was last given: setting `ctx.font` makes the browser resolve it against the canvas's style, a style recalc right after a React commit (frame-profile.md), so it is set only when it changes. */
const fonts = new WeakMap<object, string>();

export function setFont(ctx: MarksContext, font: string): void {
  if (fonts.get(ctx) === font) return;
  ctx.font = font;
  fonts.set(ctx, font);
}

/** A canvas was resized (its context state reset): the next `setFont` sets the font again. */
export function fontsReset(ctx: MarksContext): void {
  fonts.delete(ctx);
}

export function badge(ctx: MarksContext, text: string, x: number, y: number, fill: string): void {
  setFont(ctx, STYLE.fontBold);
  const w = text.length * 7.4 + 6; // bold 11px runs wider than 6.5 px a character ("×2 harm" was clipped)
  ctx.fillStyle = fill;
  ctx.fillRect(x, y - 6, w, 12);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 3, y);
}

export function ring(ctx: MarksContext, x: number, y: number, r: number, colour: string, width: number, dash: number[]): void {
  ctx.beginPath();
  ctx.setLineDash(dash);
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A record's label is drawn when the next record on its lane is at least this far (layout px). */
export const LABEL_ROOM_PX = 46;

/** Half the width of a record's label under its chip (its pale backing), in layout px. */
export const RECORD_LABEL_HALF = 17;

/** A record's label under its chip (`#3`), on a pale backing above the lease band, so a crash line through it does not strike it out. */
export function drawRecordLabel(ctx: MarksContext, text: string, x: number, rowY: number): void {
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x - RECORD_LABEL_HALF, rowY + 26, 2 * RECORD_LABEL_HALF, 8);
  setFont(ctx, STYLE.font);
  ctx.fillStyle = STYLE.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x, rowY + 31);
}
