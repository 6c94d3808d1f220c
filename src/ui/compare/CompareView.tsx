/**
 * The compare view (issue #6): one workload and one crash under two consumer settings, side by side
 * (`?compare=voting`, `?compare=checkpoints`, or `?compare=<scenario id>,<scenario id>`). Each side
 * runs in its own worker client (a host holds one run), and both follow one shared playhead: one
 * Play, one slider, and the playground's playback machine on the page's one frame loop
 * (`comparePlayback.ts`). Each side shows its timeline (the same marks as the playground's,
 * drawn by `drawMarks`), its consumers' counters and verdicts, and the last lines of its event log.
 * The link carries the pair and the playhead (`&at=<ms>`).
 *
 * May import: React, worker/client.ts, protocol types, scenarios' comparisons, ui panels and
 * timeline modules. May not import: sim runtime, worker/host.ts.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSelector } from '@xstate/react';
import { comparisons, findComparison, type ComparisonSide } from '../../scenarios/comparisons.ts';
import type { Frame, LoadResult } from '../../worker/protocol.ts';
import { initialDisplayMode } from '../app/displayMode.ts';
import { ConsumersPanel } from '../panels/ConsumersPanel.tsx';
import { formatSimTime, shortShardId } from '../panels/format.ts';
import { formatLogTime } from '../panels/EventLog.tsx';
import { Axis } from '../timeline/Axis.tsx';
import { drawMarks } from '../timeline/drawMarks.ts';
import { layoutTimeline, type TimelineLayout } from '../timeline/lanes.ts';
import { Legend, legendEntries, legendHeight } from '../timeline/Legend.tsx';
import { linearOf } from '../timeline/lod.ts';
import { STYLE } from '../timeline/palette.ts';
import { fitViewport, timeScale } from '../timeline/scales.ts';
import { LINK_PAIR, readPair, type LinkedComparison } from './linkPair.ts';
import { createComparePlayback, type SideState } from './comparePlayback.ts';
import type { PlaybackEvent } from '../machines/playback.machine.ts';
import { loadCodec } from '../share/lazyCodec.ts';
import './compare.css';

/** The `?compare=` value of the page, or null when this is not the compare view. */
export function compareParam(search: string = typeof location === 'undefined' ? '' : location.search): string | null {
  return new URLSearchParams(search).get('compare');
}

const SPEEDS = [1, 2, 5, 10, 20] as const;

/** A compact timeline of one side: the playground's marks and legend, axis, lane names, playhead. */
function MiniTimeline({ run, frame, label }: { run: LoadResult; frame: Frame; label: string }) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(700);
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setWidth(Math.max(420, Math.floor(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const lanesKey = frame.lanes.map((l) => `${l.shardId}:${l.status}`).join(',');
  const workers = frame.workers.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- relayout only when lanes, workers or width change
  const layout: TimelineLayout = useMemo(() => layoutTimeline(frame.lanes, run.consumers, width, legendHeight(legendEntries(frame.workers, run.consumers, width).rows)), [lanesKey, workers, run.consumers, width]);
  const scale = useMemo(() => timeScale(fitViewport(run.durationMs), layout.x0, layout.x1), [run.durationMs, layout]);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== Math.round(layout.width * dpr)) c.width = Math.round(layout.width * dpr);
    if (c.height !== Math.round(layout.height * dpr)) c.height = Math.round(layout.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawMarks(ctx, frame, { lin: linearOf(scale), layout }, { travelMs: 0, labels: true });
  }, [frame, layout, scale]);
  const x = scale(Math.min(frame.atMs, run.durationMs));
  const bottom = layout.consumers.at(-1) ? layout.consumers.at(-1)!.y + layout.consumers.at(-1)!.h : layout.consumersY;
  return (
    <div ref={wrap} className="compare__timeline" style={{ height: layout.height }} role="img" aria-label={`Timeline of ${label}`}>
      <canvas ref={canvas} style={{ width: layout.width, height: layout.height }} aria-hidden="true" />
      <svg width={layout.width} height={layout.height} aria-hidden="true">
        <Axis scale={scale} y={layout.axisY} />
        <g fontFamily="system-ui, sans-serif">
          <text x={8} y={layout.table.y + layout.table.h / 2} dominantBaseline="central" fontSize={12} fill={STYLE.muted}>
            Table writes
          </text>
          {layout.shards.map((row) => (
            <text key={row.shardId} x={8 + row.depth * 12} y={row.y + 22} fontSize={13} fontWeight="bold" fill={STYLE.ink}>
              Shard {shortShardId(row.shardId)}
            </text>
          ))}
          {layout.consumers.map((row) => (
            <text key={row.id} x={8} y={row.y + 14} fontSize={13} fontWeight="bold" fill={STYLE.ink}>
              {row.id}
            </text>
          ))}
        </g>
        <line x1={x} x2={x} y1={layout.axisY} y2={bottom} stroke={STYLE.ink} strokeWidth={1.5} />
        <Legend layout={layout} workers={frame.workers} consumers={run.consumers} />
      </svg>
    </div>
  );
}

/** The side's verdict at the playhead, in one line. */
function verdict(frame: Frame, run: LoadResult): { ok: boolean; text: string } {
  const broken = frame.consumers.flatMap((c) => c.broken.map((b) => `${c.id}: ${b.check}`));
  if (broken.length > 0) return { ok: false, text: `✗ ${broken.length} check${broken.length === 1 ? '' : 's'} broken (${broken.join(', ')})` };
  return { ok: true, text: frame.atMs >= run.durationMs ? '✓ all checks hold at the end' : '✓ all checks hold so far' };
}

function CompareSide({ side, state, index }: { side: ComparisonSide; state: SideState; index: number }) {
  const { run, frame, error } = state;
  const headingId = `compare-side-${index}`;
  return (
    <section className="compare__side" aria-labelledby={headingId}>
      <h2 id={headingId} className="compare__label">
        {side.label}
      </h2>
      {error && <p role="alert">{error}</p>}
      {!error && (!run || !frame) && <p className="panel__hint">Computing the run…</p>}
      {run && frame && (
        <>
          {(() => {
            const v = verdict(frame, run);
            return (
              <p className={`compare__verdict compare__verdict--${v.ok ? 'ok' : 'broken'}`} aria-label={`Verdict of ${side.label}`}>
                {v.text}
              </p>
            );
          })()}
          <MiniTimeline run={run} frame={frame} label={side.label} />
          <ConsumersPanel consumers={frame.consumers} specs={run.scenario.consumers ?? []} counters={frame.counters} checks={run.checks ?? {}} atEnd={frame.atMs >= run.durationMs} headingId={`${headingId}-consumers`} heading={`Consumers — ${side.label}`} />
          <ol className="compare__log" aria-label={`What happened last — ${side.label}`} tabIndex={0}>
            {(frame.eventLog ?? []).map((l) => (
              <li key={`${l.atMs}:${l.text}`} className={`event-log__line event-log__line--${l.kind}`}>
                <span className="event-log__time">{formatLogTime(l.atMs)}</span> · {l.text}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** The pair's playback (the playground's machine on the page's frame loop) and both sides as they load and play. */
function usePlayback(comparison: LinkedComparison | undefined, atMs: number): { playback: ComparePlayback | undefined; sides: [SideState, SideState] } {
  const [sides, setSides] = useState<[SideState, SideState]>([{}, {}]);
  const [playback, setPlayback] = useState<ComparePlayback | undefined>(undefined);
  useEffect(() => {
    if (!comparison) return;
    const made = createComparePlayback(comparison, atMs, setSides);
    setPlayback(made);
    return () => made.dispose();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the start time is read once, with the pair
  }, [comparison]);
  return { playback, sides };
}

type ComparePlayback = ReturnType<typeof createComparePlayback>;
type PlaybackSnapshot = ReturnType<ComparePlayback['actor']['getSnapshot']>;
const noActor = { subscribe: () => ({ unsubscribe: () => undefined }), getSnapshot: () => undefined } as unknown as ComparePlayback['actor'];

/** One value of the machine's snapshot (undefined before it exists). */
function usePlaybackValue<T>(playback: ComparePlayback | undefined, pick: (s: PlaybackSnapshot) => T, fallback: T): T {
  const value = useSelector(playback?.actor ?? noActor, (s: PlaybackSnapshot | undefined) => (s ? pick(s) : fallback));
  return value;
}

/** A pair of links (`?compare=links&left=…&right=…`, made by "What if"), decoded once the codec has loaded. */
function useLinkedPair(value: string): LinkedComparison | string | undefined {
  const [pair, setPair] = useState<LinkedComparison | string | undefined>(undefined);
  useEffect(() => {
    if (value !== LINK_PAIR) return;
    void loadCodec().then((codec) => setPair(readPair(codec, location.search)), () => setPair('The link decoder did not load; reload the page.'));
  }, [value]);
  return pair;
}

export function CompareView({ value }: { value: string }) {
  const named = useMemo(() => findComparison(value), [value]);
  const linked = useLinkedPair(value);
  const comparison: LinkedComparison | undefined = named ?? (typeof linked === 'object' ? linked : undefined);
  const startAt = Number(new URLSearchParams(location.search).get('at') ?? 0);
  const [copied, setCopied] = useState(false);
  const { playback, sides } = usePlayback(comparison, Number.isFinite(startAt) && startAt > 0 ? startAt : 0);
  const atMs = usePlaybackValue(playback, (s) => s.context.playheadMs, 0);
  const playing = usePlaybackValue(playback, (s) => s.matches('playing'), false);
  const speed = usePlaybackValue(playback, (s) => s.context.speed, 5);
  const durationMs = usePlaybackValue(playback, (s) => s.context.run?.durationMs ?? 0, 0);
  const ready = Boolean(sides[0].run && sides[1].run) && durationMs > 0;
  const send = (event: PlaybackEvent) => playback?.actor.send(event);

  // The playground's keys for the pair: Space plays or pauses, Home and End jump.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (!playback || !ready || (target && ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName))) return;
      if (e.code === 'Space') {
        e.preventDefault();
        playback.actor.send({ type: 'playback.toggle' });
      } else if (e.key === 'Home') {
        playback.actor.send({ type: 'playback.pause' });
        playback.actor.send({ type: 'playback.restart' });
      } else if (e.key === 'End') playback.actor.send({ type: 'playback.end' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [playback, ready]);

  if (!comparison && value === LINK_PAIR) {
    return (
      <div className="app compare">
        <h1>Compare two runs</h1>
        {typeof linked === 'string' ? <p role="alert">{linked}</p> : <p className="panel__hint">Opening both runs…</p>}
        <a href="./">Back to the playground</a>
      </div>
    );
  }
  if (!comparison) {
    return (
      <div className="app compare">
        <h1>Nothing to compare</h1>
        <p role="alert">
          <code>?compare={value}</code> names no pair. Try one of: {comparisons.map((c) => c.id).join(', ')}, or two scenario ids separated by a comma.
        </p>
        <a href="./">Back to the playground</a>
      </div>
    );
  }

  const copyLink = () => {
    const q = new URLSearchParams(location.search);
    q.set('at', String(Math.round(atMs)));
    const url = comparison.id === LINK_PAIR ? `${location.origin}${location.pathname}?${q.toString()}` : `${location.origin}${location.pathname}?compare=${encodeURIComponent(comparison.id)}&at=${Math.round(atMs)}`;
    void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false));
    history.replaceState(history.state, '', url);
  };

  return (
    <div className={`app compare${initialDisplayMode.presenter ? ' app--presenter' : ''}`}>
      <header className="app__header">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">Streamscope</span>
        </div>
        <h1 className="app__title">Compare: {comparison.title}</h1>
        <nav className="compare__pairs" aria-label="Other comparisons">
          {comparisons
            .filter((c) => c.id !== comparison.id)
            .map((c) => (
              <a key={c.id} href={`?compare=${c.id}`}>
                {c.title}
              </a>
            ))}
          <a href={comparison.id === LINK_PAIR ? `./#${new URLSearchParams(location.search).get('left') ?? ''}` : './'}>Back to the playground</a>
        </nav>
        <button type="button" className="button" onClick={copyLink}>
          {copied ? 'Link copied' : 'Copy link'}
        </button>
      </header>
      <p className="app__summary">{comparison.question}</p>
      <div className="controls compare__controls" role="toolbar" aria-label="Playback of both runs">
        <button type="button" className="button button--primary" disabled={!ready || (!playing && atMs >= durationMs)} onClick={() => send({ type: 'playback.toggle' })} aria-keyshortcuts="Space">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="button" disabled={!ready} onClick={() => { send({ type: 'playback.pause' }); send({ type: 'playback.restart' }); }} aria-keyshortcuts="Home">
          Restart
        </button>
        <button type="button" className="button" disabled={!ready} onClick={() => send({ type: 'playback.end' })} aria-keyshortcuts="End">
          End
        </button>
        <label className="compare__speed">
          Speed
          <select value={speed} onChange={(e) => send({ type: 'playback.speedChanged', speed: Number(e.target.value) })}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <input type="range" className="compare__slider" min={0} max={durationMs || 1} step={100} value={atMs} disabled={!ready} aria-label="Playhead of both runs" aria-valuetext={formatSimTime(atMs)} onChange={(e) => { send({ type: 'playback.pause' }); send({ type: 'playback.seek', atMs: Number(e.target.value) }); }} />
        <span className="compare__time" role="timer" aria-label="Simulated time">
          {formatSimTime(atMs)}
        </span>
      </div>
      <main className="compare__sides">
        <CompareSide side={comparison.left} state={sides[0]} index={0} />
        <CompareSide side={comparison.right} state={sides[1]} index={1} />
      </main>
    </div>
  );
}
