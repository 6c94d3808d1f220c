/**
 * The "Your consumer" panel: opens the editor (lazily: CodeMirror loads on first open) and lists
 * the failed invocations of the learner's code in the loaded run — thrown errors, invocations
 * stopped after their time limit, invalid responses — with their simulated time and batch.
 *
 * May import: React, zustand, ./userCode.store.ts, @xstate/react, the playback machine type, scenarios (lazyCatalogue ids, userCode),
 * protocol types, format helpers. May not import: worker runtime (checkCode is passed in).
 */
import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import { editorToggled, userCodeStore } from './userCode.store.ts';
import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import { scenarioIds } from '../../scenarios/lazyCatalogue.ts';
import { userConsumerTarget, withUserConsumer } from '../../scenarios/userCode.ts';
import type { CodeCheck, LoadResult } from '../../worker/protocol.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { formatSimTime } from '../panels/format.ts';

const UserCodePanel = lazy(() => import('./UserCodePanel.tsx'));

/** The learner's code in a run, if its first consumer runs some. */
function codeOf(run: LoadResult): string | undefined {
  return run.scenario.consumers?.[0]?.handler.code;
}

function Errors({ run }: { run: LoadResult }) {
  const all = run.userCodeErrors ?? [];
  if (codeOf(run) === undefined) return null;
  const errors = all.filter((e) => e.cause === 'code');
  const faults = all.length - errors.length;
  const faultNote = faults > 0 ? ` ${faults} invocation(s) failed because of an injected fault (a crash or a poison record), as they would with any handler.` : '';
  if (errors.length === 0) return <p className="panel__hint" role="status">Your handler ran without errors in this run.{faultNote}</p>;
  return (
    <div className="user-code__errors">
      <h3 id="user-code-errors-heading">Errors from your handler{all.length >= 50 ? ' (among the first 50 failures)' : ` (${errors.length})`}</h3>
      <ol aria-labelledby="user-code-errors-heading">
        {errors.slice(0, 8).map((e, i) => (
          <li key={i}>
            <span className="writes__time">{formatSimTime(e.atMs)}</span> batch {e.batchId}, {e.outcome}: {e.message}
          </li>
        ))}
      </ol>
      {faultNote && <p className="panel__hint">{faultNote.trim()}</p>}
      {errors.length > 8 && <p className="panel__hint">…and {errors.length - 8} more: each retry of a failing batch fails again until Lambda gives up or the code changes.</p>}
    </div>
  );
}

export function UserConsumer({ playback, checkCode }: { playback: ActorRefFrom<PlaybackMachine>; checkCode(code: string): Promise<CodeCheck> }) {
  const run = useSelector(playback, (s) => s.context.run);
  const busy = useSelector(playback, (s) => s.matches('loading'));
  const open = useStore(userCodeStore, (s) => s.open);
  if (!run) return null;
  const target = userConsumerTarget(run.scenario);
  // The built-in scenario this code replaced a consumer of, by id (the ids only: the first chunk
  // does not carry the scenarios' data).
  const builtin = codeOf(run) !== undefined && scenarioIds.includes(run.scenario.id) ? { id: run.scenario.id } : undefined;
  const runCode = (code: string) => {
    const scenario = withUserConsumer(run.scenario, code);
    if (!scenario) return;
    playback.send({ type: 'playback.load', source: { inline: scenario }, seed: run.seed, interventions: run.interventions });
  };
  return (
    <section className="panel panel--user-code" aria-labelledby="user-code-heading">
      <header className="panel__header">
        <h2 id="user-code-heading">Your consumer</h2>
        <span className="panel__actions">
          {builtin && (
            <button type="button" className="button button--small" onClick={() => playback.send({ type: 'playback.load', source: builtin.id, seed: run.seed, interventions: run.interventions })}>
              Back to the built-in consumer
            </button>
          )}
          {target && (
            <button type="button" className="button button--small" aria-expanded={open} aria-controls="user-code-body" onClick={() => editorToggled(!open)}>
              {open ? 'Hide the editor' : 'Write your own consumer'}
            </button>
          )}
        </span>
      </header>
      {!target && <p className="panel__hint">This scenario has no consumer to replace.</p>}
      <div id="user-code-body" hidden={!open}>
        {open && target && (
          <Suspense fallback={<p className="panel__hint">Loading the editor…</p>}>
            <UserCodePanel initialCode={codeOf(run)} consumerId={target} checkCode={checkCode} run={runCode} busy={busy} />
          </Suspense>
        )}
      </div>
      <Errors run={run} />
    </section>
  );
}
