/**
 * The playhead's mark: a line from the axis down through the consumers' lanes under a small
 * triangle. On the stage it is a narrow SVG layer of its own (`.timeline__playhead`) moved by a CSS
 * transform, so a frame that only moves the playhead restyles, lays out and repaints nothing; the
 * exported SVG draws the same mark at the playhead (`playheadMarkup`).
 *
 * May import: React, ./palette.ts. May not import: stores, worker runtime.
 */
import { STYLE } from './palette.ts';

/** Half the playhead layer's width in layout units: the triangle is 12 wide. */
export const PLAYHEAD_HALF = 7;

const TRIANGLE = (axisY: number) => `M-6 ${axisY - 1}h12l-6 7z`;

export function PlayheadMark({ y1, y2 }: { y1: number; y2: number }) {
  return (
    <>
      <line y1={y1} y2={y2} stroke={STYLE.ink} strokeWidth={1.5} />
      <path d={TRIANGLE(y1)} fill={STYLE.ink} />
    </>
  );
}

/** The same mark as SVG markup at layout x `x` (for the exported timeline). */
export function playheadMarkup(x: number, y1: number, y2: number): string {
  return `<g transform="translate(${x.toFixed(1)},0)"><line y1="${y1}" y2="${y2}" stroke="${STYLE.ink}" stroke-width="1.5"/><path d="${TRIANGLE(y1)}" fill="${STYLE.ink}"/></g>`;
}
