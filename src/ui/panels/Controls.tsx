/**
 * Playback controls: Play/Pause, Restart, speed, the playhead slider and the simulated-time readout.
 * It only sends events to the playback machine and asks it what is allowed (`can`).
 *
 * May import: React, @xstate/react, the playback machine and format helpers. May not import: worker, sim.
 */
import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import { SPEEDS, type PlaybackMachine } from '../machines/playback.machine.ts';
import { formatSimTime } from './format.ts';

export interface ControlsProps {
  playback: ActorRefFrom<PlaybackMachine>;
}

export function Controls({ playback }: ControlsProps) {
  const playing = useSelector(playback, (s) => s.matches('playing'));
  const canToggle = useSelector(playback, (s) => s.can({ type: 'playback.toggle' }));
  const canRestart = useSelector(playback, (s) => s.can({ type: 'playback.restart' }));
  const canSeek = useSelector(playback, (s) => s.can({ type: 'playback.seek', atMs: 0 }));
  const playheadMs = useSelector(playback, (s) => s.context.playheadMs);
  const durationMs = useSelector(playback, (s) => s.context.run?.durationMs ?? 0);
  const speed = useSelector(playback, (s) => s.context.speed);
  const atEnd = durationMs > 0 && playheadMs >= durationMs;

  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <button
        type="button"
        className="button button--primary"
        disabled={!canToggle}
        onClick={() => playback.send({ type: 'playback.toggle' })}
        aria-keyshortcuts="Space"
      >
        <span aria-hidden="true" className="button__icon">
          {playing ? '❚❚' : '▶'}
        </span>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" className="button" disabled={!canRestart} onClick={() => playback.send({ type: 'playback.restart' })}>
        <span aria-hidden="true" className="button__icon">
          ⟲
        </span>
        Restart
      </button>
      <label className="controls__speed">
        Speed
        <select value={speed} onChange={(e) => playback.send({ type: 'playback.speedChanged', speed: Number(e.target.value) })}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <input
        className="controls__scrubber"
        type="range"
        aria-label="Playhead"
        aria-valuetext={formatSimTime(playheadMs)}
        min={0}
        max={durationMs}
        step={10}
        value={playheadMs}
        disabled={!canSeek}
        onChange={(e) => playback.send({ type: 'playback.seek', atMs: Number(e.target.value) })}
      />
      <div className="controls__clock">
        <time role="timer" aria-label="Simulated time" className="controls__time">
          {formatSimTime(playheadMs)}
        </time>
        <span className="controls__duration">/ {formatSimTime(durationMs)}</span>
        {atEnd && <span className="pill pill--muted">end of run</span>}
      </div>
    </div>
  );
}
