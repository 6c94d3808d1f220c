/**
 * The timeline's static layer: the table-writes row, each shard lane's body from its opening to its
 * close (or the right edge) and each consumer's lane. It depends on the layout and the time scale
 * only, so the layered canvas redraws it on zoom, pan or resize — never because the playhead moved
 * (the overlay's veil hides what lies past the playhead). Fills are grouped by colour.
 *
 * May import: ./glyphs.ts, ./palette.ts. May not import: React, DOM globals.
 */
import type { MarksContext, MarksScales } from './glyphs.ts';
import { STYLE } from './palette.ts';

/** The alternate shard lane's fill (lanes alternate, so neighbours read apart on a projector). */
export const LANE_FILL_ALT = '#eef1f4';

export function drawStatic(ctx: MarksContext, scales: MarksScales): void {
  const { lin, layout } = scales;
  const { x0, x1 } = layout;
  const X = (t: number) => t * lin.k + lin.b;
  const clampX = (x: number) => Math.max(x0, Math.min(x1, x));
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.globalAlpha = 1;
  // One fill colour per pass: the even lanes, the table row and the consumers; then the odd lanes.
  ctx.fillStyle = STYLE.laneFill;
  ctx.fillRect(x0, layout.table.y, x1 - x0, layout.table.h);
  for (const row of layout.consumers) ctx.fillRect(x0, row.y, x1 - x0, row.h);
  for (const parity of [0, 1]) {
    if (parity === 1) ctx.fillStyle = LANE_FILL_ALT;
    layout.shards.forEach((row, i) => {
      if (i % 2 !== parity) return;
      const a = clampX(X(row.openedAtMs));
      const b = clampX(X(row.closedAtMs ?? Infinity));
      ctx.fillRect(a, row.y + 1, Math.max(0, b - a), row.h - 2);
    });
  }
  // A closed lane ends with a bar at its close.
  ctx.fillStyle = STYLE.muted;
  for (const row of layout.shards) {
    if (row.closedAtMs === undefined) continue;
    const x = X(row.closedAtMs);
    if (x >= x0 && x <= x1) ctx.fillRect(x - 1, row.y + 4, 2, row.h - 8);
  }
}
