/**
 * The playhead's mark: a line from the axis down through the consumers' lanes under a small
 * triangle. On the stage it is a narrow box of its own (`.timeline__playhead`) moved by a CSS
 * transform written only when it moves a device pixel, so a frame that only moves the playhead
 * lays out and repaints nothing; the exported SVG draws the same mark at the playhead (`playheadMarkup`).
 *
 * May import: React, the frame and playhead stores, ./pixelLayer.ts, ./palette.ts, ./lanes.ts types. May not import: worker runtime.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { frameStore, stageAtMs } from '../stores/frame.store.ts';
import { playheadStore } from '../stores/playhead.store.ts';
import type { TimelineLayout } from './lanes.ts';
import { pixelLayer } from './pixelLayer.ts';
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

/**
 * Moves the playhead layer `ref` to the stage's time (`stageAtMs`; playing, the clock's own time)
 * whenever a frame arrives or the playhead moves, writing it only when it moves a device pixel
 * (`pixelLayer.ts`). `onMoved` gets that time (the timeline follows it when zoomed in).
 */
export function usePlayheadLayer(ref: RefObject<HTMLDivElement | null>, lin: { k: number; b: number }, layout: Pick<TimelineLayout, 'x0' | 'x1'>, k: number, onMoved: (atMs: number) => void): void {
  const moved = useRef(onMoved);
  moved.current = onMoved;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const line = pixelLayer(el, (window.devicePixelRatio || 1) * k);
    let hiddenShown: boolean | undefined;
    const place = () => {
      const frame = frameStore.getState().frame;
      if (!frame) return;
      const p = playheadStore.getState();
      // Playing, the line follows the clock itself; the data catches up a frame later at a fact.
      const atMs = p.playing && p.runId === frame.runId ? p.atMs : stageAtMs(frame);
      const x = lin.k * atMs + lin.b;
      const hidden = x < layout.x0 - 1 || x > layout.x1 + 1;
      if (hidden !== hiddenShown) {
        hiddenShown = hidden;
        el.style.visibility = hidden ? 'hidden' : 'visible';
      }
      line.at((Math.max(layout.x0, Math.min(layout.x1, x)) - PLAYHEAD_HALF) * k);
      moved.current(atMs);
    };
    place();
    const unsubscribe = frameStore.subscribe((s, prev) => {
      if (s.frame !== prev.frame) place();
    });
    const unsubscribePlayhead = playheadStore.subscribe((s, prev) => {
      if (s.atMs !== prev.atMs || s.playing !== prev.playing) place();
    });
    return () => {
      unsubscribe();
      unsubscribePlayhead();
    };
  }, [ref, lin.k, lin.b, layout.x0, layout.x1, k]);
}
