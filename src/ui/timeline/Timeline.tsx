/**
 * The animated timeline (DESIGN §4): time runs left to right; one lane per shard in lineage order,
 * the consumers' lanes below, a legend at the bottom. React owns the layout and the SVG chrome (axis,
 * labels, brackets, playhead, selection, legend); the dense marks are on one canvas redrawn from the
 * frame store. Zoom and pan with Ctrl+wheel, Shift+wheel and drag, or the buttons; click a chip to
 * inspect its record.
 *
 * May import: React, xstate/react, zustand, stores, protocol types, worker constants, ./*, the display
 * mode and the stage's moment attribute (../app). May not import: sim, host.
 */
import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { ActorRefFrom } from 'xstate';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Frame, LoadResult } from '../../worker/protocol.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { shortShardId } from '../panels/format.ts';
import { frameStore } from '../stores/frame.store.ts';
import { recordSelected, useViewStore } from '../stores/view.store.ts';
import { Axis } from './Axis.tsx';
import { chipY, type DrawStats, type MarksScales, type MarksStyle } from './drawMarks.ts';
import type { CaretPlace } from './drawOverlay.ts';
import { CONSUMERS_HEADING, layoutTimeline, subRowLabel, SUB_ROW_HEIGHT, type TimelineLayout } from './lanes.ts';
import { recordColours } from './recordColour.ts';
import { colourKeyOf, colourKeySignature, Legend, leaseHoldersOf, legendEntries, legendHeight } from './Legend.tsx';
import { legendKindsStore } from './legendKinds.ts';
import { describeMark } from './markWords.ts';
import { usePresenter } from '../app/displayMode.ts';
import { MOMENT_ATTR } from '../app/momentInView.ts';
import { useMomentLane } from './momentLane.ts';
import { hitRecord, linearOf } from './lod.ts';
import { drawing, LayeredCanvas, type LayersDrawn } from './LayeredCanvas.tsx';
import { consumerColour, STYLE, workerColour } from './palette.ts';
import { fitViewport, followPlayhead, panViewport, timeScale, zoomAroundPlayhead, zoomViewport, type Viewport } from './scales.ts';
import type { TimelineProbe } from './probe.ts';
import { timelineSummary } from './summary.ts';
import { runFitted, timelineViewportChanged, timelineWindowStore } from './window.store.ts';
import { playheadStore } from '../stores/playhead.store.ts';
import { frameScheduler } from '../clock/scheduler.ts';
import { useReducedMotion, useWidth } from './stageHooks.ts';
import { useSettledAtStop } from './settledAtStop.ts';
import { PLAYHEAD_HALF, PlayheadMark, playheadMarkup, usePlayheadLayer } from './Playhead.tsx';
import './timeline.css';

type Playback = ActorRefFrom<PlaybackMachine>;

/** Wall-clock ms a chip or pulse travels at 1×; in simulated time that is this × speed. */
const TRAVEL_WALL_MS = 600;
const ZOOM_STEP = 1.6;
/**
 * In presenter mode the whole timeline (labels, chips, axis) is drawn this much larger, so it reads
 * from the back of a room: it is laid out for a narrower width and scaled up to fill the stage.
 */
export const PRESENTER_TIMELINE_SCALE = 1.5; // 12 px axis labels become 18 px: readable at the back of a room

/** A signature of the lanes, so React re-lays out only when a shard opens or closes. */
const lanesSignature = (f: Frame | undefined) => (f ? f.lanes.map((l) => `${l.shardId}:${l.status}:${l.closedAtMs ?? ''}`).join(',') : '');

export function Timeline({ run, playback }: { run: LoadResult; playback: Playback }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const playheadRef = useRef<HTMLDivElement>(null);
  const presenter = usePresenter();
  const k = presenter ? PRESENTER_TIMELINE_SCALE : 1;
  const width = Math.floor(useWidth(wrapRef) / k);
  const speed = useSelector(playback, (s) => s.context.speed);
  const playing = useSelector(playback, (s) => s.matches('playing'));
  const reduced = useReducedMotion();
  // The window lives in a store: zoom, pan and follow write it, and so can a narration step framing its moment.
  const stored = useStore(timelineWindowStore, (s) => s.viewport);
  const viewport = stored ?? fitViewport(run.durationMs);
  const viewportRef = useRef(viewport);
  viewportRef.current = viewport;
  const setViewport = useCallback((next: Viewport | ((v: Viewport) => Viewport)) => {
    timelineViewportChanged(typeof next === 'function' ? next(viewportRef.current) : next);
  }, []);

  useEffect(() => runFitted(run.durationMs), [run.scenarioId, run.durationMs]);
  useEffect(() => () => timelineViewportChanged(null), []);

  const sig = useStore(frameStore, (s) => lanesSignature(s.frame));
  const lanes = useMemo(() => (sig ? (frameStore.getState().frame?.lanes ?? []) : []), [sig]);
  const workers = useStore(frameStore, (s) => (s.frame?.workers ?? []).join(','));
  const leaseHolders = useStore(frameStore, useShallow((s: { frame?: Frame }) => leaseHoldersOf(s.frame)));
  // The legend lists the kinds of marks in view; it re-lays out only when that set changes.
  const kindsSig = useStore(legendKindsStore, (s) => s.signature);
  const kinds = useMemo(() => new Set(kindsSig.split('|').filter(Boolean)), [kindsSig]);
  const colourSig = useStore(frameStore, (s) => colourKeySignature(s.frame));
  const colourKey = useMemo(() => colourKeyOf(colourSig), [colourSig]);
  const legendRows = legendEntries(leaseHolders, run.consumers, width, kinds, colourKey).rows;
  const layout = layoutTimeline(lanes, run.consumers, width, legendHeight(legendRows));
  const scale = useMemo(() => timeScale(viewport, layout.x0, layout.x1), [viewport.fromMs, viewport.toMs, layout.x0, layout.x1]); // eslint-disable-line react-hooks/exhaustive-deps -- the four numbers are the scale
  const scales: MarksScales = useMemo(() => ({ lin: linearOf(scale), layout, zoom: k }), [scale, layout, k]);
  // Words of a moment (an outcome, a handover) stay for two travel times, with or without motion.
  // At a narration stop (and one travel past it) what happened has landed (`settledAtStop.ts`).
  const settled = useSettledAtStop(playback, TRAVEL_WALL_MS * speed);
  const style: MarksStyle = useMemo(() => ({ travelMs: reduced || settled ? 0 : TRAVEL_WALL_MS * speed, holdMs: 2 * TRAVEL_WALL_MS * speed, labels: true }), [reduced, settled, speed]);
  const statsRef = useRef<DrawStats | undefined>(undefined);
  const caretsRef = useRef<CaretPlace[]>([]);
  const drawsRef = useRef({ overlay: 0, marks: 0, static: 0 });
  const onDrawn = useCallback((d: LayersDrawn) => {
    statsRef.current = d.stats;
    caretsRef.current = d.carets;
    drawsRef.current.overlay++;
    if (d.redrew.marks) drawsRef.current.marks++;
    if (d.redrew.static) drawsRef.current.static++;
  }, []);

  // The playhead moves every frame: it is a layer of its own moved by a CSS transform (compositor
  // only), not an attribute of the chrome SVG, whose change restyled, re-laid-out and repainted the
  // whole chrome (labels, legend) every frame (#13: ~1.5 ms of a 9 ms frame on a GPU-less machine).
  usePlayheadLayer(playheadRef, scales.lin, layout, k, (atMs) => {
    const v = viewportRef.current;
    if (playing && v.toMs - v.fromMs < run.durationMs) {
      const next = followPlayhead(v, atMs, run.durationMs);
      if (next !== v) setViewport(next);
    }
  });

  const selected = useViewStore((s) => s.selectedRecord);
  const selectedAt = useStore(frameStore, (s) => {
    const f = s.frame;
    if (!f || !selected) return undefined;
    const lane = f.lanes.findIndex((l) => l.shardId === selected.shardId);
    for (let i = 0; i < f.sequenceNumbers.length; i++) if (f.records.lane[i] === lane && f.sequenceNumbers[i] === selected.sequenceNumber) return `${lane}|${f.records.t[i]}`;
    return undefined;
  });
  const momentLane = useMomentLane(playing);
  // The summary is words for screen readers: from the panels' frame (at most 4 times a second while playing).
  const summary = useStore(frameStore, (s) => timelineSummary(s.panelFrame, run));

  // The buttons zoom around the playhead (#20.6); Ctrl+wheel zooms around the pointer.
  const zoom = (factor: number) => setViewport((v) => zoomAroundPlayhead(v, factor, playheadStore.getState().atMs, run.durationMs));

  // Wheel: Ctrl (or a pinch) zooms around the pointer, Shift or a sideways wheel pans; plain wheel scrolls the page.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      const rect = svg.getBoundingClientRect();
      const px = (e.clientX - rect.left) / k;
      const v = viewportRef.current;
      const msPerPx = (v.toMs - v.fromMs) / (layout.x1 - layout.x0);
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const at = v.fromMs + (px - layout.x0) * msPerPx;
        setViewport(zoomViewport(v, Math.exp(-e.deltaY * 0.002), at, run.durationMs));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        setViewport(panViewport(v, (e.shiftKey ? e.deltaY : e.deltaX) * msPerPx, run.durationMs));
      }
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [layout, run.durationMs, k, setViewport]);

  const drag = useRef<{ x: number; v: Viewport; moved: boolean } | null>(null);
  const laneAtY = useCallback(
    (y: number) => {
      const row = layout.shards.find((r) => y >= r.y && y < r.y + r.h);
      return row ? row.lane : -1;
    },
    [layout],
  );
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, v: viewportRef.current, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) {
      // Hovering a mark says what it is, in words (#13.3).
      const f = frameStore.getState().frame;
      const rect = e.currentTarget.getBoundingClientRect();
      const px = (e.clientX - rect.left) / k;
      const py = (e.clientY - rect.top) / k;
      const text = f && f.runId === run.runId ? describeMark(f, run.keyStrings, run.consumers, layout, scales.lin, px, py) : undefined;
      setTip((t) => (text ? (t?.text === text ? t : { x: e.clientX - rect.left, y: e.clientY - rect.top, text }) : null));
      return;
    }
    const dx = e.clientX - d.x;
    if (Math.abs(dx) > 3) d.moved = true;
    if (d.moved) setViewport(panViewport(d.v, (-dx / k) * ((d.v.toMs - d.v.fromMs) / (layout.x1 - layout.x0)), run.durationMs));
  };
  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const f = frameStore.getState().frame;
    if (!f || f.runId !== run.runId) return;
    const i = hitRecord(f.records.t, f.records.lane, f.records.t.length, scales.lin, laneAtY, (e.clientX - rect.left) / k, (e.clientY - rect.top) / k, 9);
    if (i < 0) return;
    const lane = f.lanes[f.records.lane[i]!]!;
    recordSelected({ streamArn: lane.streamArn, shardId: lane.shardId, sequenceNumber: f.sequenceNumbers[i]! });
  };

  useEffect(() => {
    const probe: TimelineProbe = {
      chips() {
        const f = frameStore.getState().frame;
        const rect = svgRef.current?.getBoundingClientRect();
        if (!f || !rect) return [];
        const out = [];
        const colourOf = recordColours(f);
        for (let i = 0; i < f.records.t.length; i++) {
          const row = layout.shards[layout.rowOfLane[f.records.lane[i]!] ?? -1];
          if (!row) continue;
          out.push({ x: rect.left + k * (scales.lin.k * f.records.t[i]! + scales.lin.b), y: rect.top + k * chipY(row.y), t: f.records.t[i]!, shardId: row.shardId, sequenceNumber: f.sequenceNumbers[i]!, deliveries: f.records.deliveries[i]!, colour: colourOf(i) });
        }
        return out;
      },
      stats: () => statsRef.current,
      draws: () => drawsRef.current.overlay,
      layerDraws: () => ({ ...drawsRef.current }),
      carets() {
        const rect = svgRef.current?.getBoundingClientRect();
        return rect ? caretsRef.current.map((c) => ({ ...c, x: rect.left + k * c.x })) : [];
      },
      schedulerFrames: () => frameScheduler().frames,
      playheadX() {
        const r = playheadRef.current?.querySelector('line')?.getBoundingClientRect();
        return r ? r.left + r.width / 2 : undefined;
      },
      xOf(ms) {
        const rect = svgRef.current?.getBoundingClientRect();
        return rect ? rect.left + k * (scales.lin.k * ms + scales.lin.b) : undefined;
      },
      setDrawing(on) {
        drawing.enabled = on;
      },
    };
    window.__streamscopeTimeline = probe;
    return () => {
      delete window.__streamscopeTimeline;
    };
  }, [layout, scales, k]);

  const exportName = `${run.scenarioId}-${Math.round(frameStore.getState().frame?.atMs ?? 0)}ms`;
  // The exporter (an SVG recorder of the canvas marks, PNG rasterising) loads on the first export.
  const exportTimeline = async (format: 'svg' | 'png') => {
    const f = frameStore.getState().frame;
    const svg = svgRef.current;
    if (!f) return;
    const { downloadPng, downloadSvg, timelineSvg } = await import('./exportTimeline.ts');
    const text = timelineSvg(f, scales, svg, `${run.title} — timeline`, playheadAt(scale(f.atMs)));
    if (format === 'svg') downloadSvg(text, `${exportName}.svg`);
    else await downloadPng(text, layout.width, layout.height, `${exportName}.png`);
  };

  const playheadAt = (x: number) => (x >= layout.x0 - 1 && x <= layout.x1 + 1 ? playheadMarkup(x, layout.axisY, bottom) : '');
  const selRow = selectedAt ? layout.shards[layout.rowOfLane[Number(selectedAt.split('|')[0])] ?? -1] : undefined;
  const selX = selectedAt ? scale(Number(selectedAt.split('|')[1])) : undefined;
  // The timeline's moment, for the stage to keep in view: from the axis down to the selected
  // record's lane, else the lane of the record the playhead passed, else the table's row.
  const momentRow = selRow ?? layout.shards[layout.rowOfLane[momentLane] ?? -1];
  const momentBottom = momentRow ? momentRow.y + momentRow.h : layout.table.y + layout.table.h;
  const bottom = layout.consumers.length ? layout.consumers[layout.consumers.length - 1]!.y + layout.consumers[layout.consumers.length - 1]!.h : layout.consumersY;
  const holders = useStore(frameStore, (s) => (s.frame?.consumerLanes ?? []).map((c) => `${c.lane}:${c.leaseHolder ?? ''}`).join(','));
  const holderOf = (lane: number) => holders.split(',').find((h) => h.startsWith(`${lane}:`))?.split(':')[1] ?? '';
  const span = viewport.toMs - viewport.fromMs;
  const zoomPct = Math.round((run.durationMs / span) * 100);

  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <header className="timeline__header">
        <h2 id="timeline-heading">Timeline</h2>
        <div className="timeline__tools" role="toolbar" aria-label="Timeline view">
          <button type="button" className="button button--small" onClick={() => zoom(ZOOM_STEP)} disabled={span <= 200}>
            Zoom in
          </button>
          <button type="button" className="button button--small" onClick={() => zoom(1 / ZOOM_STEP)} disabled={span >= run.durationMs}>
            Zoom out
          </button>
          <button type="button" className="button button--small" onClick={() => setViewport(fitViewport(run.durationMs))} disabled={span >= run.durationMs}>
            Fit
          </button>
          <span className="timeline__zoom" aria-live="off">
            {zoomPct}% · Ctrl+wheel zooms, drag or Shift+wheel pans
          </span>
          <button type="button" className="button button--small" onClick={() => void exportTimeline('svg')}>
            Export SVG
          </button>
          <button type="button" className="button button--small" onClick={() => void exportTimeline('png')}>
            Export PNG
          </button>
        </div>
      </header>
      <p id="timeline-summary" className="visually-hidden" aria-live="polite">
        {summary}
      </p>
      <div ref={wrapRef} className="timeline__stage" style={{ height: layout.height * k }} role="img" aria-label="Timeline of the stream: shards, records and consumers over simulated time" aria-describedby="timeline-summary">
        <LayeredCanvas runId={run.runId} scales={scales} style={style} consumers={run.consumers} onDrawn={onDrawn} />
        <svg
          ref={svgRef}
          className="timeline__chrome"
          width={layout.width * k}
          height={layout.height * k}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setTip(null)}
          data-testid="timeline-hit-area"
        >
          <Axis scale={scale} y={layout.axisY} />
          <Chrome layout={layout} holderOf={holderOf} workers={workers.split(',')} consumerIds={run.consumers} />
          {layout.brackets.map((b, i) => {
            const x = scale(b.atMs);
            if (x < layout.x0 || x > layout.x1) return null;
            const ys = [b.parentY, ...b.childYs];
            return (
              <path key={i} d={`M${x - 6} ${b.parentY}H${x}V${Math.max(...ys)}M${x} ${Math.min(...ys)}V${Math.max(...ys)}${b.childYs.map((y) => `M${x} ${y}H${x + 6}`).join('')}`} fill="none" stroke={STYLE.ink} strokeWidth={2} />
            );
          })}
          {selRow && selX !== undefined && selX >= layout.x0 && selX <= layout.x1 && (
            <g>
              <circle cx={selX} cy={chipY(selRow.y)} r={12} fill="none" stroke="#ffffff" strokeWidth={5} />
              <circle cx={selX} cy={chipY(selRow.y)} r={12} fill="none" stroke={STYLE.ink} strokeWidth={2.5} />
            </g>
          )}
          <Legend layout={layout} workers={leaseHolders} consumers={run.consumers} kinds={kinds} colourKey={colourKey} />
        </svg>
        <div className="timeline__moment" aria-hidden="true" {...{ [MOMENT_ATTR]: String(momentBottom * k) }} style={{ height: momentBottom * k }} />
        <div ref={playheadRef} className="timeline__playhead" aria-hidden="true" data-testid="timeline-playhead">
          <svg width={2 * PLAYHEAD_HALF * k} height={layout.height * k} viewBox={`${-PLAYHEAD_HALF} 0 ${2 * PLAYHEAD_HALF} ${layout.height}`}>
            <PlayheadMark y1={layout.axisY} y2={bottom} />
          </svg>
        </div>
        {tip && (
          <p className="timeline__tip" role="tooltip" style={{ left: Math.min(tip.x + 14, layout.width * k - 280), top: tip.y + 16 }}>
            {tip.text}
          </p>
        )}
      </div>
    </section>
  );
}

/** How bridge/import/lanes.ts names a lane whose shard the input does not say. */
const UNKNOWN_LANE = 'unknown · ';

/** Lane labels (short shard ids, lineage indent, status and lease holder) and consumer labels. */
function Chrome({ layout, holderOf, workers, consumerIds }: { layout: TimelineLayout; holderOf: (lane: number) => string; workers: string[]; consumerIds: string[] }) {
  return (
    <g fontFamily="system-ui, sans-serif">
      <text x={8} y={layout.table.y + layout.table.h / 2} dominantBaseline="central" fontSize={12} fill={STYLE.muted}>
        Table writes
      </text>
      {layout.shards.map((row) => {
        const holder = holderOf(row.lane);
        const indent = 8 + row.depth * 12;
        // An imported lane of unknown shard is named by its pages (`unknown · pages 1–3`): the pages go
        // on the second line, so the name fits the label column instead of running under the marks.
        const unknown = row.shardId.startsWith(UNKNOWN_LANE) ? row.shardId.slice(UNKNOWN_LANE.length) : undefined;
        return (
          <g key={row.shardId}>
            <line x1={layout.x0} x2={layout.x1} y1={row.y + row.h} y2={row.y + row.h} stroke={STYLE.grid} />
            <text x={indent} y={row.y + 14} fontSize={13} fontWeight="bold" fill={STYLE.ink}>
              {row.depth > 0 ? '↳ ' : ''}Shard {unknown === undefined ? shortShardId(row.shardId) : 'unknown'}
            </text>
            <text x={indent} y={row.y + 30} fontSize={11} fill={STYLE.muted}>
              {unknown !== undefined ? <tspan fill={STYLE.ink}>{unknown} · </tspan> : null}
              {row.region ? <tspan fill={STYLE.ink}>{row.region} · </tspan> : null}
              {row.status}
              {holder ? ' · lease ' : ''}
              {holder ? <tspan fill={STYLE.ink} fontWeight="bold">{holder}</tspan> : null}
            </text>
            {holder ? <rect x={layout.x0 - 12} y={row.y + row.h - 6} width={8} height={5} fill={workerColour(workers.indexOf(holder))} /> : null}
          </g>
        );
      })}
      <text x={8} y={layout.consumersY + 14} fontSize={12} fontWeight="bold" fill={STYLE.muted}>
        {CONSUMERS_HEADING}
      </text>
      {layout.consumers.map((row) => (
        <g key={row.id}>
          <rect x={8} y={row.y + 2} width={10} height={10} fill={consumerColour(row.consumer)} />
          <text x={24} y={row.y + 11} fontSize={13} fontWeight="bold" fill={STYLE.ink}>
            {consumerIds[row.consumer]}
          </text>
          {layout.shards.map((s, i) => (
            <text key={s.shardId} x={layout.x0 - 6} y={row.y + 4 + i * SUB_ROW_HEIGHT + SUB_ROW_HEIGHT / 2} fontSize={9} textAnchor="end" dominantBaseline="central" fill={STYLE.muted}>
              {subRowLabel(s.shardId)}
            </text>
          ))}
        </g>
      ))}
    </g>
  );
}

