/**
 * The timeline's three stacked canvases (#13.4) — static (lanes), marks (the run's data in view),
 * overlay (veil, carets, flags, motion) — drawn in the `canvas` phase of the page's one frame loop
 * from the frame store's subscription (zustand transient updates), never through a React render.
 * Each layer is redrawn only when what it shows changed (`layers.ts`). The veil past the playhead is
 * a DOM box between the marks and the overlay, moved by a compositor transform: a frame that only
 * moves the playhead (drawn at `stageAtMs`, between two facts without a frame from the worker)
 * repaints no canvas. React renders this again only when its props change
 * (`areEqual`): size, scales, layout, style.
 *
 * May import: React, the frame and playhead stores, the scheduler, ../clock/coast.ts, ./draw*.ts, ./layers.ts, ./pixelLayer.ts, ./legendKinds.ts. May not import: worker runtime.
 */
import { memo, useEffect, useRef } from 'react';
import { frameScheduler } from '../clock/scheduler.ts';
import { allowCoasting, COAST_MS } from '../clock/coast.ts';
import { frameHolds, frameStore, stageAtMs } from '../stores/frame.store.ts';
import { playheadStore } from '../stores/playhead.store.ts';
import { drawMarksLayer } from './drawMarks.ts';
import { drawOverlay, type CaretPlace } from './drawOverlay.ts';
import { drawStatic } from './drawStatic.ts';
import { fontsReset, type DrawStats, type MarksScales, type MarksStyle } from './glyphs.ts';
import { marksSignature, overlaySignature } from './layers.ts';
import { legendKindsPublished } from './legendKinds.ts';
import { pixelLayer } from './pixelLayer.ts';

/** Measurement switch (e2e bench): when false the layers are cleared instead of drawn, for an "empty timeline" baseline. */
export const drawing = { enabled: true };

/** The User Timing mark set when the first simulated frame is drawn (read by the browser benchmark). */
export const FIRST_FRAME_MARK = 'streamscope:first-frame';
let firstFrameMarked = false;

/** What one frame of the layers did (the probe reads it). */
export interface LayersDrawn {
  stats: DrawStats;
  carets: CaretPlace[];
  /** Which layers this frame redrew besides the overlay. */
  redrew: { static: boolean; marks: boolean };
}

export interface LayeredCanvasProps {
  runId: number;
  scales: MarksScales;
  style: MarksStyle;
  consumers: readonly string[];
  onDrawn?: (drawn: LayersDrawn) => void;
}

type Ctx2D = CanvasRenderingContext2D;

function sized(canvas: HTMLCanvasElement, ctx: Ctx2D, w: number, h: number): void {
  // Setting a canvas's size clears it and resets its state (the font too): only when it changed.
  if (canvas.width === w && canvas.height === h) return;
  canvas.width = w;
  canvas.height = h;
  fontsReset(ctx);
}

function LayeredCanvasImpl({ runId, scales, style, consumers, onDrawn }: LayeredCanvasProps) {
  const staticRef = useRef<HTMLCanvasElement>(null);
  const marksRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const veilRef = useRef<HTMLDivElement>(null);
  const { width, height } = scales.layout;
  const zoom = scales.zoom ?? 1;
  useEffect(() => {
    const canvases = [staticRef.current, marksRef.current, overlayRef.current];
    const ctxs = canvases.map((c) => c?.getContext('2d') ?? null);
    const [sc, mc, oc] = ctxs;
    if (!sc || !mc || !oc || canvases.some((c) => !c)) return;
    const dpr = (window.devicePixelRatio || 1) * zoom;
    canvases.forEach((c, i) => sized(c!, ctxs[i]!, Math.round(width * dpr), Math.round(height * dpr)));
    for (const ctx of [sc, mc, oc]) ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    // The scales changed (or the layers were just made): static and marks are redrawn on the next frame.
    let staticDrawn = false;
    let marksSig: string | undefined;
    let overlayDrawn: string | undefined;
    let lastMoving = 0;
    let lastHeld = 0;
    const veil = veilPlacer(veilRef.current, scales, dpr);
    const key = {};
    const draw = () => {
      const latest = frameStore.getState().frame;
      if (!latest || latest.runId !== runId || !latest.batches || !drawing.enabled) {
        for (const ctx of [sc, mc, oc]) ctx.clearRect(0, 0, width, height);
        staticDrawn = false;
        marksSig = undefined;
        overlayDrawn = undefined;
        veil(undefined);
        return;
      }
      // Between two facts the frame in hand is drawn at the playhead (no frame from the worker needed).
      const at = stageAtMs(latest);
      const frame = at === latest.atMs ? latest : { ...latest, atMs: at };
      const p = playheadStore.getState();
      // Playing, the veil follows the clock itself (as the playhead line does).
      veil(p.playing && p.runId === runId ? p.atMs : at);
      const redrew = { static: !staticDrawn, marks: false };
      if (!staticDrawn) drawStatic(sc, scales);
      staticDrawn = true;
      const sig = marksSignature(frame, style.travelMs);
      let layer = lastLayer;
      if (sig !== marksSig) {
        layer = drawMarksLayer(mc, frame, scales, style);
        lastLayer = layer;
        marksSig = sig;
        redrew.marks = true;
        legendKindsPublished(frame, consumers);
      }
      // The veil is a layer of its own, so a playhead that moves redraws the overlay only while
      // something on it travels (every frame) or a moment's words are held (when the playhead crosses
      // a device pixel: a lease band grows to it, words go when their time is up). Otherwise the
      // overlay would come out the same and is not redrawn (a canvas that changes is copied to the
      // compositor whole: on a GPU-less machine that copy is most of an empty frame).
      const pixel = lastHeld > 0 ? Math.round((at * scales.lin.k + scales.lin.b) * dpr) : '';
      const overlayKey = `${sig}|${overlaySignature(frame)}|${pixel}`;
      if (!redrew.static && !redrew.marks && lastMoving === 0 && overlayKey === overlayDrawn) return;
      const overlay = drawOverlay(oc, frame, scales, style, layer.mode, true, false);
      lastMoving = overlay.moving;
      lastHeld = overlay.held;
      overlayDrawn = `${sig}|${overlaySignature(frame)}|${lastHeld > 0 ? Math.round((at * scales.lin.k + scales.lin.b) * dpr) : ''}`;
      if (!firstFrameMarked) {
        firstFrameMarked = true;
        performance.mark(FIRST_FRAME_MARK);
      }
      onDrawn?.({ stats: { mode: layer.mode, marks: layer.marks, moving: overlay.moving }, carets: overlay.carets, redrew });
    };
    let lastLayer: ReturnType<typeof drawMarksLayer> = { mode: 'chips', marks: 0 };
    const schedule = () => frameScheduler().schedule('canvas', key, draw);
    schedule();
    const unsubscribe = frameStore.subscribe((s, prev) => {
      if (s.frame !== prev.frame) schedule();
    });
    const unsubscribePlayhead = playheadStore.subscribe((s, prev) => {
      if (s.atMs !== prev.atMs || s.playing !== prev.playing) schedule();
    });
    // The clock may sleep for as long as the playhead takes to cross a device pixel, while nothing on
    // the overlay travels or is held and the frame in hand holds past two such sleeps (clock/coast.ts).
    const stopCoasting = allowCoasting(() => {
      if (lastMoving > 0 || lastHeld > 0) return 0;
      const f = frameStore.getState().frame;
      const p = playheadStore.getState();
      if (!f || !p.playing || !frameHolds(f, p.runId, p.atMs)) return 0;
      const pixelMs = 1 / (Math.abs(scales.lin.k) * dpr * p.speed);
      const sleepMs = Math.min(COAST_MS, pixelMs);
      return ((f.nextChangeMs ?? f.atMs) - p.atMs) / p.speed > 2 * sleepMs ? sleepMs : 0;
    });
    return () => {
      unsubscribe();
      unsubscribePlayhead();
      stopCoasting();
      frameScheduler().cancel('canvas', key);
    };
  }, [runId, scales, style, consumers, width, height, zoom, onDrawn]);
  const css = { width: width * zoom, height: height * zoom };
  return (
    <>
      <canvas ref={staticRef} className="timeline__canvas" style={css} data-testid="timeline-static" aria-hidden="true" />
      <canvas ref={marksRef} className="timeline__canvas" style={css} data-testid="timeline-canvas" aria-hidden="true" />
      <div ref={veilRef} className="timeline__veil" style={veilBox(scales)} aria-hidden="true" data-testid="timeline-veil">
        <div />
      </div>
      <canvas ref={overlayRef} className="timeline__canvas" style={css} data-testid="timeline-overlay" aria-hidden="true" />
    </>
  );
}

/** Where the veil may be: the plot from the table row down through the consumers' lanes (layout units × zoom). */
function veilBox(scales: MarksScales): { left: number; top: number; width: number; height: number } {
  const { layout } = scales;
  const k = scales.zoom ?? 1;
  const last = layout.consumers[layout.consumers.length - 1];
  const bottom = last ? last.y + last.h : layout.consumersY;
  return { left: layout.x0 * k, top: layout.table.y * k, width: (layout.x1 - layout.x0 + 2) * k, height: (bottom - layout.table.y) * k };
}

/**
 * The veil past the playhead (nothing has happened there yet): a box in the stage's background
 * colour, clipped to the plot and moved by a compositor transform to the playhead's device pixel —
 * written only when that pixel changes, never a repaint. `undefined` hides it.
 */
function veilPlacer(box: HTMLDivElement | null, scales: MarksScales, dpr: number): (atMs: number | undefined) => void {
  const inner = box?.firstElementChild as HTMLElement | null | undefined;
  const k = scales.zoom ?? 1;
  const room = (scales.layout.x1 - scales.layout.x0 + 2) * k;
  const veil = inner ? pixelLayer(inner, dpr / k) : undefined;
  return (atMs) => veil?.at(atMs === undefined ? room : Math.min(room, Math.max(0, (atMs * scales.lin.k + scales.lin.b - scales.layout.x0) * k)));
}

function areEqual(a: LayeredCanvasProps, b: LayeredCanvasProps): boolean {
  return (
    a.runId === b.runId &&
    a.scales.layout === b.scales.layout &&
    a.scales.lin.k === b.scales.lin.k &&
    a.scales.lin.b === b.scales.lin.b &&
    a.scales.zoom === b.scales.zoom &&
    a.style.travelMs === b.style.travelMs &&
    a.style.holdMs === b.style.holdMs &&
    a.style.labels === b.style.labels &&
    a.consumers === b.consumers &&
    a.onDrawn === b.onDrawn
  );
}

export const LayeredCanvas = memo(LayeredCanvasImpl, areEqual);
