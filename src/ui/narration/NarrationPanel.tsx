/**
 * Narration: for a scenario with narration steps, the current step's text with Back / Next, and
 * (optionally, on by default) playback pausing at each step's fact. The worker computes once per run
 * the time each step stops at (`LoadResult.narrationStops`, from `scenarios/narration.ts`); the
 * current step is the last one whose stop is at or before the playhead, so scrubbing and stepping
 * keep it right. A `predict` step asks its question with choices before revealing the answer; the
 * last step is the end summary.
 *
 * Keys: N next step, P previous step (ignored while typing in a field).
 *
 * May import: React, @xstate/react, the playback machine, the view store, format helpers.
 * May not import: worker/sim runtime.
 */
import { useSelector } from '@xstate/react';
import { useEffect, useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { formatSimTime } from '../panels/format.ts';
import { narrationPausesChanged, narrationStepChosen, useViewStore } from '../stores/view.store.ts';

type Playback = ActorRefFrom<PlaybackMachine>;

/**
 * The index of the current step at `atMs` (-1 before the first stop). Several steps may stop at one
 * instant: `chosen` (from Next/Back or a pause) picks among them while it still fits the playhead;
 * otherwise the first step of the latest instant reached.
 */
export function currentStep(stops: readonly (number | null)[], atMs: number, chosen?: number): number {
  let k = -1;
  for (let i = 0; i < stops.length; i++) {
    const s = stops[i];
    if (s === null || s === undefined || s > atMs) break;
    k = i;
  }
  if (k < 0) return -1;
  const last = stops[k]!;
  if (chosen !== undefined && chosen >= 0 && chosen <= k && stops[chosen] === last) return chosen;
  while (k > 0 && stops[k - 1] === last) k--;
  return k;
}

/** The first stop strictly after `fromMs` and at or before `toMs`, or undefined: where playback pauses. */
export function stopCrossed(stops: readonly (number | null)[], fromMs: number, toMs: number): number | undefined {
  for (const s of stops) if (s !== null && s > fromMs && s <= toMs) return s;
  return undefined;
}

/** Pauses playback at each narration stop it crosses while playing (when the user wants it to). */
export function useNarrationPauses(playback: Playback): void {
  useEffect(() => {
    let last = playback.getSnapshot().context.playheadMs;
    let wasPlaying = false;
    /** Set once this hook has paused playback, until playback is started again. */
    let pausedHere = false;
    const sub = playback.subscribe((s) => {
      const at = s.context.playheadMs;
      const from = last;
      last = at;
      const playing = s.matches('playing');
      const started = playing && !wasPlaying;
      wasPlaying = playing;
      if (started) pausedHere = false;
      const stops = s.context.run?.narrationStops;
      if (!stops || !playing || pausedHere || !useViewStore.getState().narrationPauses || at <= from) return;
      const run = s.context.run;
      if (!run) return;
      const stop = stopCrossed(stops, from, at);
      if (stop === undefined) return;
      last = stop;
      pausedHere = true;
      narrationStepChosen(run.runId, stops.indexOf(stop));
      playback.send({ type: 'playback.pause' });
      playback.send({ type: 'playback.seek', atMs: stop });
    });
    return () => sub.unsubscribe();
  }, [playback]);
}

function Predict({ question, choices, answer, stepKey }: { question: string; choices: readonly string[]; answer: number; stepKey: string }) {
  const [chosen, setChosen] = useState<{ key: string; choice: number } | null>(null);
  const picked = chosen?.key === stepKey ? chosen.choice : null;
  return (
    <div className="predict">
      <p className="predict__question">
        <strong>Predict:</strong> {question}
      </p>
      <ol className="predict__choices" aria-label="Choices">
        {choices.map((c, i) => {
          const state = picked === null ? '' : i === answer ? ' predict__choice--right' : i === picked ? ' predict__choice--wrong' : '';
          return (
            <li key={i}>
              <button type="button" className={`predict__choice${state}`} aria-pressed={picked === i} disabled={picked !== null} onClick={() => setChosen({ key: stepKey, choice: i })}>
                {c}
              </button>
            </li>
          );
        })}
      </ol>
      {picked === null ? (
        <button type="button" className="button button--small" onClick={() => setChosen({ key: stepKey, choice: -1 })}>
          Reveal the answer
        </button>
      ) : (
        <p className="predict__answer" role="status">
          {picked === answer ? 'Right: ' : picked >= 0 ? 'Not quite. ' : ''}
          The answer is “{choices[answer]}”. Play on to see it happen.
        </p>
      )}
    </div>
  );
}

export function NarrationPanel({ playback }: { playback: Playback }) {
  const run = useSelector(playback, (s) => s.context.run);
  const playheadMs = useSelector(playback, (s) => s.context.playheadMs);
  const pauses = useViewStore((s) => s.narrationPauses);
  const cursor = useViewStore((s) => s.narrationCursor);
  const steps = run?.scenario.narration ?? [];
  const stops = run?.narrationStops ?? [];
  const k = currentStep(stops, playheadMs, cursor && cursor.runId === run?.runId ? cursor.step : undefined);
  const nextStop = stops[k + 1] ?? null;
  const prevStop = k > 0 ? (stops[k - 1] ?? 0) : 0;
  const runId = run?.runId;
  const goNext = () => {
    if (nextStop === null || runId === undefined) return;
    narrationStepChosen(runId, k + 1);
    if (nextStop !== playheadMs) playback.send({ type: 'playback.seek', atMs: nextStop });
  };
  const goBack = () => {
    if (k < 0 || runId === undefined) return;
    narrationStepChosen(runId, k - 1);
    if (prevStop !== playheadMs) playback.send({ type: 'playback.seek', atMs: prevStop });
  };

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      if (e.target instanceof Element && e.target.closest('input, select, textarea, [contenteditable="true"]')) return;
      const key = e.key.toLowerCase();
      if (key === 'n' && nextStop !== null) goNext();
      else if (key === 'p' && k >= 0) goBack();
      else return;
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!run || steps.length === 0) return null;
  const step = k >= 0 ? steps[k] : undefined;
  const last = k === steps.length - 1;
  return (
    <section className="panel panel--narration" aria-labelledby="narration-heading">
      <header className="panel__header">
        <h2 id="narration-heading">{last ? 'What this scenario showed' : 'Narration'}</h2>
        <span className="panel__meta">
          {k < 0 ? `${steps.length} steps` : `step ${k + 1} of ${steps.length} · ${formatSimTime(stops[k] ?? 0)}`}
        </span>
        <span className="panel__actions">
          <label className="narration__pause">
            <input type="checkbox" checked={pauses} onChange={(e) => narrationPausesChanged(e.target.checked)} /> Pause at each step
          </label>
          <button type="button" className="button button--small" disabled={k < 0} onClick={goBack} aria-keyshortcuts="P" title="Previous step (P)">
            ← Back
          </button>
          <button type="button" className="button button--small button--primary" disabled={nextStop === null} onClick={goNext} aria-keyshortcuts="N" title="Next step (N)">
            Next →
          </button>
        </span>
      </header>
      <div className="narration__text" aria-live="polite">
        {step ? <p>{step.text}</p> : <p className="panel__hint">{run.summary} Press Play, or Next to jump to the first moment that matters.</p>}
        {step?.predict && <Predict key={k} stepKey={`${run.runId}:${k}`} {...step.predict} />}
      </div>
    </section>
  );
}
