/**
 * Playback controls: Play/Pause, step back and forward (to the previous/next event, or crash or
 * checkpoint), restart, speed, the scrubber with its event ticks and the simulated-time readout.
 * Each button shows its shortcut (from the action registry) and is enabled by the machine (`can`).
 *
 * May import: React, @xstate/react, the playback machine, the action registry, format helpers,
 * ./Scrubber.tsx. May not import: worker, sim.
 */
import { useSelector } from '@xstate/react';
import { useLayoutEffect, useRef } from 'react';
import type { ActorRefFrom } from 'xstate';
import { ACTIONS, type PlaybackAction } from '../actions/registry.ts';
import { SPEEDS, type PlaybackMachine } from '../machines/playback.machine.ts';
import { playheadStore, usePlayhead } from '../stores/playhead.store.ts';
import { formatSimTime, formatNumber } from './format.ts';
import { Scrubber } from './Scrubber.tsx';

export interface ControlsProps {
  playback: ActorRefFrom<PlaybackMachine>;
}

/** The speed menu's options, formatted once (not on every render), without Intl (see formatNumber). */
const SPEED_OPTIONS = SPEEDS.map((s) => (
  <option key={s} value={s}>
    {`${formatNumber(s)}×`}
  </option>
));

/**
 * The simulated-time readout. The time is written outside React (a `textContent` subscribed to the
 * playhead store, as tldraw and Perfetto write their per-frame readouts): it changes 10 times a second
 * while playing, and a React commit per frame for one text node cost more than the rest of the page.
 * React renders only the run's length and "end of run", which change rarely.
 */
function ClockReadout() {
  const durationMs = usePlayhead((s) => s.durationMs);
  const atEnd = usePlayhead((s) => s.durationMs > 0 && s.atMs >= s.durationMs);
  const timeRef = useRef<HTMLTimeElement>(null);
  useLayoutEffect(() => {
    const el = timeRef.current;
    if (!el) return;
    // One text node whose `data` changes: replacing the node (textContent) removed and inserted a
    // node every frame, which invalidated the document's `:has()` styles and re-laid out the row.
    const node = document.createTextNode('');
    el.replaceChildren(node);
    // While playing the text changes at most 10 times a second (`readoutAtMs`): a changed text node is
    // a style and layout pass (and a re-hit-test under a resting pointer) in a frame that otherwise
    // lays out nothing; paused, seeking or stepping it shows the exact playhead at once.
    const write = (atMs: number) => {
      const text = formatSimTime(atMs);
      if (text !== node.data) node.data = text;
    };
    write(playheadStore.getState().readoutAtMs);
    return playheadStore.subscribe((s) => write(s.readoutAtMs));
  }, []);
  return (
    <div className="controls__clock">
      {/* No React children: the subscription above owns this text. */}
      <time ref={timeRef} role="timer" aria-label="Simulated time" className="controls__time" />
      {/* At the end the time is the run's length: the pill takes the length's place, so the
          transport keeps its one row at 1280×720 (with both, it wrapped and the stage lost a row). */}
      {atEnd ? <span className="pill pill--muted" title={`The run is ${formatSimTime(durationMs)} long`}>end of run</span> : <span className="controls__duration">/ {formatSimTime(durationMs)}</span>}
    </div>
  );
}

/** A button bound to an action: label, shortcut hint, availability from the machine. */
export function ActionButton({ playback, action, icon, text, primary }: { playback: ActorRefFrom<PlaybackMachine>; action: PlaybackAction; icon: string; text?: string; primary?: boolean }) {
  const enabled = useSelector(playback, (s) => s.can(action.event));
  return (
    <button
      type="button"
      className={primary ? 'button button--primary' : text ? 'button' : 'button button--icon'}
      disabled={!enabled}
      onClick={() => playback.send(action.event)}
      aria-keyshortcuts={action.ariaKeys}
      aria-label={text ? undefined : action.label}
      title={`${action.label} (${action.shortcut})`}
    >
      <span aria-hidden="true" className="button__icon">
        {icon}
      </span>
      {text}
      {text && (
        <kbd className="kbd" aria-hidden="true">
          {action.shortcut}
        </kbd>
      )}
    </button>
  );
}

export function Controls({ playback }: ControlsProps) {
  const playing = useSelector(playback, (s) => s.matches('playing'));
  const canToggle = useSelector(playback, (s) => s.can({ type: 'playback.toggle' }));
  const canRestart = useSelector(playback, (s) => s.can({ type: 'playback.restart' }));
  const speed = useSelector(playback, (s) => s.context.speed);

  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <div className="controls__buttons">
        <ActionButton playback={playback} action={ACTIONS.prevMark} icon="«" />
        <ActionButton playback={playback} action={ACTIONS.stepBack} icon="◀" />
        <button
          type="button"
          className="button button--primary"
          disabled={!canToggle}
          onClick={() => playback.send({ type: 'playback.toggle' })}
          aria-keyshortcuts="Space"
          title="Play / pause (Space)"
        >
          <span aria-hidden="true" className="button__icon">
            {playing ? '❚❚' : '▶'}
          </span>
          {playing ? 'Pause' : 'Play'}
          <kbd className="kbd kbd--on-dark" aria-hidden="true">
            Space
          </kbd>
        </button>
        <ActionButton playback={playback} action={ACTIONS.stepForward} icon="▶" />
        <ActionButton playback={playback} action={ACTIONS.nextMark} icon="»" />
        <button type="button" className="button" aria-label="Restart" disabled={!canRestart} onClick={() => playback.send({ type: 'playback.restart' })} aria-keyshortcuts={ACTIONS.restart.ariaKeys} title={`${ACTIONS.restart.label} (${ACTIONS.restart.shortcut})`}>
          <span aria-hidden="true" className="button__icon">
            ⟲
          </span>
          {/* On a phone only the icon shows (stage.css); the name stays "Restart". */}
          <span className="button__label">Restart</span>
          <kbd className="kbd" aria-hidden="true">
            {ACTIONS.restart.shortcut}
          </kbd>
        </button>
      </div>
      <label className="controls__speed" title={`Faster (${ACTIONS.faster.shortcut}) · slower (${ACTIONS.slower.shortcut})`}>
        Speed
        <select value={speed} onChange={(e) => playback.send({ type: 'playback.speedChanged', speed: Number(e.target.value) })} aria-keyshortcuts="+ -">
          {SPEED_OPTIONS}
        </select>
      </label>
      <Scrubber playback={playback} />
      <ClockReadout />
    </div>
  );
}
