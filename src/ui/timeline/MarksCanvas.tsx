/**
 * The canvas of dense marks. It redraws from the frame store's subscription (zustand transient
 * updates), in the `canvas` phase of the page's frame scheduler (once per frame at most), never
 * through a React render; React renders it
 * again only when its props (size, scale, layout, style) change, compared by `areEqual`.
 *
 * May import: React, the frame store, ./drawMarks.ts. May not import: worker runtime.
 */
import { memo, useEffect, useRef } from 'react';
import { frameScheduler } from '../clock/scheduler.ts';
import { frameStore } from '../stores/frame.store.ts';
import { drawMarks, type DrawStats, type MarksScales, type MarksStyle } from './drawMarks.ts';

/** Measurement switch (e2e bench): when false the canvas is cleared instead of drawn, for an "empty timeline" baseline. */
export const drawing = { enabled: true };

/** The User Timing mark set when the first simulated frame is drawn (read by the browser benchmark). */
export const FIRST_FRAME_MARK = 'streamscope:first-frame';
let firstFrameMarked = false;

export interface MarksCanvasProps {
  runId: number;
  scales: MarksScales;
  style: MarksStyle;
  onDrawn?: (stats: DrawStats) => void;
}

function MarksCanvasImpl({ runId, scales, style, onDrawn }: MarksCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { width, height } = scales.layout;
  const zoom = scales.zoom ?? 1;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = (window.devicePixelRatio || 1) * zoom;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    // Drawn in the `canvas` phase of the page's one frame loop, after that frame's tick and frame.
    const key = {};
    const draw = () => {
      const frame = frameStore.getState().frame;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      if (!frame || frame.runId !== runId || !frame.batches || !drawing.enabled) {
        ctx.clearRect(0, 0, width, height);
        return;
      }
      const stats = drawMarks(ctx, frame, scales, style);
      if (!firstFrameMarked) {
        firstFrameMarked = true;
        performance.mark(FIRST_FRAME_MARK);
      }
      onDrawn?.(stats);
    };
    const schedule = () => frameScheduler().schedule('canvas', key, draw);
    schedule();
    const unsubscribe = frameStore.subscribe((s, prev) => {
      if (s.frame !== prev.frame) schedule();
    });
    return () => {
      unsubscribe();
      frameScheduler().cancel('canvas', key);
    };
  }, [runId, scales, style, width, height, zoom, onDrawn]);
  return <canvas ref={ref} className="timeline__canvas" style={{ width: width * zoom, height: height * zoom }} data-testid="timeline-canvas" aria-hidden="true" />;
}

function areEqual(a: MarksCanvasProps, b: MarksCanvasProps): boolean {
  return (
    a.runId === b.runId &&
    a.scales.layout === b.scales.layout &&
    a.scales.lin.k === b.scales.lin.k &&
    a.scales.lin.b === b.scales.lin.b &&
    a.scales.zoom === b.scales.zoom &&
    a.style.travelMs === b.style.travelMs &&
    a.style.labels === b.style.labels &&
    a.onDrawn === b.onDrawn
  );
}

export const MarksCanvas = memo(MarksCanvasImpl, areEqual);
