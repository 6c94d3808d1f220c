/**
 * Narration: for a scenario with narration steps, the current step's text with Back / Next, and
 * (optionally, on by default) playback pausing at each step's fact. The worker computes once per run
 * the time each step stops at (`LoadResult.narrationStops`, from `scenarios/narration.ts`); the
 * current step is the last one whose stop is at or before the playhead, so scrubbing and stepping
 * keep it right. A `predict` step asks its question with choices before revealing the answer; the
 * last step is the end summary.
 *
 * The playback machine owns the narration: its guards pause at each stop (when "Pause at each step"
 * is ticked) and its `narration.next` / `narration.back` events move between steps (keys N and P,
 * from the action registry, handled by the one key handler).
 *
 * May import: React, @xstate/react, the playback machine, the action registry, format helpers.
 * May not import: worker/sim runtime.
 */
import { useSelector } from '@xstate/react';
import { useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import { ACTIONS } from '../actions/registry.ts';
import { narrationStepOf, type PlaybackMachine } from '../machines/playback.machine.ts';
import { formatSimTime } from '../panels/format.ts';

type Playback = ActorRefFrom<PlaybackMachine>;

// The step arithmetic lives with the playback machine, whose guards pause at the stops.
export { currentStep, stopCrossed } from '../machines/narration.ts';

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
  const k = useSelector(playback, (s) => narrationStepOf(s.context));
  const pauses = useSelector(playback, (s) => s.context.pauseAtStops);
  const canNext = useSelector(playback, (s) => s.can(ACTIONS.narrationNext.event));
  const canBack = useSelector(playback, (s) => s.can(ACTIONS.narrationBack.event));
  const steps = run?.scenario.narration ?? [];
  const stops = run?.narrationStops ?? [];
  const goNext = () => playback.send(ACTIONS.narrationNext.event);
  const goBack = () => playback.send(ACTIONS.narrationBack.event);

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
            <input type="checkbox" checked={pauses} onChange={(e) => playback.send({ type: 'narration.pausesChanged', on: e.target.checked })} /> Pause at each step
          </label>
          <button type="button" className="button button--small" disabled={!canBack} onClick={goBack} aria-keyshortcuts={ACTIONS.narrationBack.ariaKeys} title={`${ACTIONS.narrationBack.label} (${ACTIONS.narrationBack.shortcut})`}>
            ← Back <kbd className="kbd" aria-hidden="true">{ACTIONS.narrationBack.shortcut}</kbd>
          </button>
          <button type="button" className="button button--small button--primary" disabled={!canNext} onClick={goNext} aria-keyshortcuts={ACTIONS.narrationNext.ariaKeys} title={`${ACTIONS.narrationNext.label} (${ACTIONS.narrationNext.shortcut})`}>
            Next → <kbd className="kbd kbd--on-dark" aria-hidden="true">{ACTIONS.narrationNext.shortcut}</kbd>
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
