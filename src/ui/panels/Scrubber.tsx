/**
 * The scrubber: a range input for the playhead over a canvas of event ticks, one colour per kind
 * (records, checkpoints, crashes, broken checks, faults, refused writes), with a legend. Ticks come
 * with the run (downsampled by the worker), so they are drawn once per run and on resize.
 *
 * May import: React, @xstate/react, the playback machine, the playhead store and frame scheduler, worker client constants, format helpers.
 * May not import: sim, worker host.
 */
import { useSelector } from '@xstate/react';
import { useEffect, useRef } from 'react';
import type { ActorRefFrom } from 'xstate';
import { MARK_KINDS } from '../../worker/client.ts';
import type { MarkKind, TickColumns } from '../../worker/protocol.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { playheadStore } from '../stores/playhead.store.ts';
import { frameScheduler } from '../clock/scheduler.ts';
import { formatSimTime } from './format.ts';

/** Tick colours by kind; records are quiet, trouble is loud. */
export const TICK_COLOURS: Record<MarkKind, string> = {
  record: '#9aa7bb',
  checkpoint: '#1b7f4b',
  crash: '#b42318',
  restart: '#0f766e',
  batch: '#1f5fbf',
  'batch-failed': '#c2410c',
  broken: '#7e22ce',
  fault: '#d97706',
  rejected: '#8a5a00',
  throttled: '#D55E00',
};

const LEGEND: Array<[MarkKind, string]> = [
  ['record', 'record'],
  ['checkpoint', 'checkpoint'],
  ['crash', 'crash'],
  ['broken', 'broken check'],
  ['fault', 'intervention'],
  ['rejected', 'refused write'],
];

/** Rows from top: trouble on the top row so it is never hidden by records. */
const ROW: Partial<Record<MarkKind, number>> = { crash: 0, broken: 0, fault: 0, 'batch-failed': 0, checkpoint: 1, restart: 1, rejected: 1, record: 2 };

function drawTicks(canvas: HTMLCanvasElement, ticks: TickColumns, durationMs: number): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx || durationMs <= 0) return;
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, width, height);
  const rowHeight = height / 3;
  // The range thumb's centre travels between half a thumb from each edge.
  const inset = 8;
  for (let i = 0; i < ticks.t.length; i++) {
    const kind = MARK_KINDS[ticks.kind[i]!]!;
    const x = inset + (ticks.t[i]! / durationMs) * (width - 2 * inset);
    ctx.fillStyle = TICK_COLOURS[kind];
    ctx.fillRect(Math.round(x) - 1, (ROW[kind] ?? 2) * rowHeight, 2, rowHeight - 1);
  }
}

/**
 * The range input. It does not re-render as the playhead moves: a playhead-store subscription sets
 * its `value` property (not an attribute: no DOM mutation) in the frame loop's `dom` phase, and its
 * words for screen readers at most 4 times a second while playing (React re-rendering an input
 * re-writes its `name` and `type` attributes: five DOM mutations a frame).
 */
function PlayheadSlider({ durationMs, disabled, onSeek }: { durationMs: number; disabled: boolean; onSeek: (atMs: number) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const key = {};
    // The thumb moves with the time readout (`readoutAtMs`: ≤ 10 Hz while playing, in the same frames)
    // and only when it would move by a pixel: a range input's new value re-lays it out. The words'
    // update (≤ 4 Hz, and at once on pause) writes the exact value.
    let widthPx = 1000;
    const sizes = typeof ResizeObserver === 'function' ? new ResizeObserver(([e]) => (widthPx = Math.max(1, e?.contentRect.width ?? widthPx))) : undefined;
    if (ref.current) sizes?.observe(ref.current);
    let shownText = -1;
    const write = () => {
      const input = ref.current;
      if (!input) return;
      const { readoutAtMs: atMs, textAtMs } = playheadStore.getState();
      const px = (ms: number) => Math.round((ms / Math.max(1, durationMs)) * widthPx);
      const value = String(atMs);
      if (input.value !== value && (textAtMs !== shownText || px(atMs) !== px(Number(input.value)))) input.value = value;
      shownText = textAtMs;
      const words = formatSimTime(textAtMs);
      if (input.getAttribute('aria-valuetext') !== words) input.setAttribute('aria-valuetext', words);
    };
    write();
    const unsubscribe = playheadStore.subscribe((s, prev) => {
      if (s.readoutAtMs !== prev.readoutAtMs || s.textAtMs !== prev.textAtMs) frameScheduler().schedule('dom', key, write);
    });
    return () => {
      unsubscribe();
      sizes?.disconnect();
      frameScheduler().cancel('dom', key);
    };
  }, [durationMs]);
  return (
    <input
      ref={ref}
      className="scrubber__input"
      type="range"
      aria-label="Playhead"
      min={0}
      max={durationMs}
      step={1}
      defaultValue={playheadStore.getState().atMs}
      disabled={disabled}
      onChange={(e) => onSeek(Number(e.target.value))}
    />
  );
}

export function Scrubber({ playback }: { playback: ActorRefFrom<PlaybackMachine> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const canSeek = useSelector(playback, (s) => s.can({ type: 'playback.seek', atMs: 0 }));
  const durationMs = useSelector(playback, (s) => s.context.run?.durationMs ?? 0);
  const ticks = useSelector(playback, (s) => s.context.run?.ticks);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !ticks) return;
    // Drawn from the observer only: it reports the canvas's size once on `observe`, after the
    // frame's layout. Drawn here as well, reading `clientWidth` forced a layout of the whole page in
    // the task that takes the first run over, before the first live frame, and drew the ticks twice.
    const observer = new ResizeObserver(() => drawTicks(el, ticks, durationMs));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ticks, durationMs]);

  return (
    <div className="scrubber">
      <div className="scrubber__track">
        <canvas ref={canvas} className="scrubber__ticks" aria-hidden="true" />
        <PlayheadSlider durationMs={durationMs} disabled={!canSeek} onSeek={(atMs) => playback.send({ type: 'playback.seek', atMs })} />
      </div>
      <ul className="scrubber__legend" aria-label="Tick colours">
        {LEGEND.map(([kind, label]) => (
          <li key={kind}>
            <span className="swatch" style={{ background: TICK_COLOURS[kind] }} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
