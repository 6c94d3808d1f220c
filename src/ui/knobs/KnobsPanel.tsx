/**
 * The settings panel (issue #14): turn a knob, see what changes, share it. A self-contained panel
 * (the dock hosts it as a tab): it reads the loaded run from the playback machine and answers with
 * playback events only.
 *
 * - The form edits a draft of the scenario: consumers (add, remove, every setting), tables, workload,
 *   or the JSON itself for experts.
 * - "Apply from the start" turns the draft into a change set against the built-in scenario
 *   (`scenarios/edits.ts`) and reloads: the run recomputes from 0 and the link carries the edits. A
 *   scenario from a file or "New scenario" is reloaded inline instead.
 * - "Apply at the playhead" sends what AWS allows at run time as an intervention through the API
 *   AWS users call (UpdateEventSourceMapping; UpdateTable for a stream view type), undoable like faults.
 * - "What if" forks the run at the playhead with the draft's change and opens the compare view.
 *
 * May import: React, @xstate/react, the playback machine, scenarios (edits, lazy catalogue, types),
 * share (through lazyCodec), ./model.ts and the forms, protocol types. May not import: worker/sim runtime.
 */
import { useSelector } from '@xstate/react';
import { useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import { diffScenario } from '../../scenarios/edits.ts';
import { loadScenario } from '../../scenarios/lazyCatalogue.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { Intervention, LoadResult, ScenarioSource } from '../../worker/protocol.ts';
import type { LinkPayload } from '../../share/schema.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { pairUrl } from '../compare/linkPair.ts';
import { loadCodec } from '../share/lazyCodec.ts';
import { payloadFor } from '../share/linkState.ts';
import { downloadText } from '../share/download.ts';
import { formatSimTime } from '../panels/format.ts';
import { ConsumerKnobs, type CheckSetting } from './ConsumerKnobs.tsx';
import { TableKnobs, WorkloadKnobs } from './TableKnobs.tsx';
import { asCopy, blankScenario, newConsumer, onlyRuntimeChanges, runtimeMappingChange, withConsumer, withoutConsumer, type LambdaSpec } from './model.ts';
import { describeEdits } from './describe.ts';
import './knobs.css';

type Playback = ActorRefFrom<PlaybackMachine>;

export interface KnobsPanelProps {
  playback: Playback;
  checkSetting: CheckSetting;
  checkEdits: (scenarioId: string, edits: unknown) => Promise<string[] | null>;
}

/** How the draft can be applied: only from 0, or also at the playhead (a run-time mapping change). */
function runtimeChange(run: LoadResult, draft: Scenario): { consumer: string; params: Record<string, string | number | boolean> } | null {
  const before = run.scenario.consumers ?? [];
  const after = draft.consumers ?? [];
  if (before.length !== after.length) return null;
  const { consumers: _a, ...restBefore } = run.scenario;
  const { consumers: _b, ...restAfter } = draft;
  if (JSON.stringify(restBefore) !== JSON.stringify(restAfter)) return null;
  let found: { consumer: string; params: Record<string, string | number | boolean> } | null = null;
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (found || a.kind !== 'lambda' || b.kind !== 'lambda' || a.id !== b.id || JSON.stringify({ ...a, mapping: null }) !== JSON.stringify({ ...b, mapping: null })) return null;
    if (!onlyRuntimeChanges(a.mapping, b.mapping)) return null;
    const params = runtimeMappingChange(a.mapping, b.mapping);
    if (!params) return null;
    found = { consumer: a.id, params };
  }
  return found;
}

/** A worker id not used by the application yet, counting the workers started at run time. */
function nextRunningWorker(run: LoadResult, consumer: string): string {
  const spec = run.scenario.consumers?.find((c) => c.id === consumer);
  const used = new Set([...(spec?.kind === 'kcl' ? spec.workers : []), ...run.interventions.filter((i) => i.kind === 'add-worker' && i.target === consumer).map((i) => String(i.params?.worker))]);
  for (let n = used.size + 1; ; n++) if (!used.has(`w${n}`)) return `w${n}`;
}

function KnobsBody({ run, playback, checkSetting, checkEdits }: KnobsPanelProps & { run: LoadResult }) {
  const playheadMs = useSelector(playback, (s) => s.context.playheadMs);
  const speed = useSelector(playback, (s) => s.context.speed);
  const canIntervene = useSelector(playback, (s) => s.can({ type: 'playback.intervene', intervention: { at: 0, kind: 'crash', target: 'x' } }));
  const [draft, setDraft] = useState<Scenario>(run.scenario);
  const [chosen, setChosen] = useState(run.scenario.consumers?.[0]?.id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [json, setJson] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const consumers = draft.consumers ?? [];
  const spec = consumers.find((c) => c.id === chosen) ?? consumers[0];
  const changed = JSON.stringify(draft) !== JSON.stringify(run.scenario);
  const fieldErrors = Object.values(errors).filter(Boolean);
  const runtime = changed ? runtimeChange(run, draft) : null;
  const at = Math.round(playheadMs);

  const onError = (field: string, message: string | null) =>
    setErrors((old) => {
      const next = { ...old };
      if (message) next[field] = message;
      else delete next[field];
      return next;
    });
  const edit = (next: Scenario) => {
    setDraft(next);
    setProblems([]);
  };

  /** The load request that runs the draft from 0: edits against the built-in scenario, or the draft inline. */
  async function sourceFor(next: Scenario): Promise<{ source: string | ScenarioSource; problems: string[] | null }> {
    const builtIn = run.inline ? undefined : await loadScenario(run.scenarioId);
    if (!builtIn) return { source: { inline: next }, problems: null };
    const edits = diffScenario(builtIn, next);
    if (edits.length === 0) return { source: run.scenarioId, problems: null };
    return { source: { id: run.scenarioId, edits }, problems: await checkEdits(run.scenarioId, edits) };
  }

  async function applyFromStart(next: Scenario = draft) {
    setBusy(true);
    try {
      const { source, problems: found } = await sourceFor(next);
      if (found) return setProblems(found);
      const interventions = run.interventions.filter((i) => i.at <= next.durationMs);
      playback.send({ type: 'playback.load', source, seed: run.seed, interventions, atMs: Math.min(at, next.durationMs) });
    } finally {
      setBusy(false);
    }
  }

  function applyNow() {
    if (!runtime) return;
    playback.send({ type: 'playback.intervene', intervention: { at, kind: 'update-mapping', target: runtime.consumer, params: runtime.params } });
    setDraft(run.scenario);
  }

  function intervene(intervention: Intervention) {
    playback.send({ type: 'playback.intervene', intervention });
  }

  async function whatIf() {
    setBusy(true);
    try {
      const codec = await loadCodec();
      const left = payloadFor(run, at, speed);
      let right: LinkPayload;
      if (runtime) {
        right = { ...left, interventions: [...(left.interventions ?? []), { at, kind: 'update-mapping', target: runtime.consumer, params: runtime.params }] };
      } else {
        const { source, problems: found } = await sourceFor(draft);
        if (found) return setProblems(found);
        const { edits: _edits, ...rest } = left;
        const interventions = run.interventions.filter((i) => i.at <= draft.durationMs) as NonNullable<LinkPayload['interventions']>;
        right = { ...rest, interventions, scenario: typeof source === 'string' ? { id: source } : 'id' in source ? { id: source.id } : { inline: draft } };
        if (typeof source === 'object' && 'id' in source && source.edits?.length) right.edits = [...source.edits];
        if (interventions.length === 0) delete right.interventions;
      }
      const change = describeEdits(diffScenario(run.scenario, draft));
      const label = runtime ? `${change} at ${formatSimTime(at)}` : `${change} from the start`;
      location.assign(pairUrl(codec, { label: 'as it is', payload: left }, { label, payload: right }, at, location.pathname));
    } finally {
      setBusy(false);
    }
  }

  const lambdaSpec = spec?.kind === 'lambda' ? (spec as LambdaSpec) : undefined;
  const blocked = fieldErrors.length > 0 || busy;
  return (
    <>
      <div className="knobs__bar">
        <button type="button" className="button button--small" onClick={() => playback.send({ type: 'playback.load', source: { inline: blankScenario() } })}>
          New scenario
        </button>
        <button type="button" className="button button--small" onClick={() => downloadText(`${asCopy(draft).id}.streamscope.json`, JSON.stringify(asCopy(draft), null, 2) + '\n')}>
          Save as a copy
        </button>
        {run.edits?.length ? (
          <button type="button" className="button button--small" onClick={() => playback.send({ type: 'playback.load', source: run.scenarioId, seed: run.seed })}>
            Back to the built-in {run.scenarioId}
          </button>
        ) : null}
        <span className="knob__hint">{run.edits?.length ? `Changed from the built-in scenario: ${describeEdits(run.edits)}. Its story is set aside: it was told about the run as it ships.` : run.inline ? 'Your own scenario.' : 'The built-in scenario, as it ships.'}</span>
      </div>
      <div className="knobs__consumers">
        <label className="knob">
          <span className="knob__label">Consumer</span>
          <select value={spec?.id ?? ''} onChange={(e) => setChosen(e.target.value)} disabled={consumers.length === 0}>
            {consumers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} ({c.kind === 'lambda' ? 'Lambda' : 'KCL'})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--small" disabled={consumers.length >= 6} onClick={() => { const c = newConsumer(draft, 'lambda'); edit({ ...draft, consumers: [...consumers, c] }); setChosen(c.id); }}>
          Add Lambda consumer
        </button>
        <button type="button" className="button button--small" disabled={consumers.length >= 6} onClick={() => { const c = newConsumer(draft, 'kcl'); edit({ ...draft, consumers: [...consumers, c] }); setChosen(c.id); }}>
          Add KCL application
        </button>
        {spec && (
          <button type="button" className="button button--small" onClick={() => { edit(withoutConsumer(draft, spec.id)); setChosen(undefined); }}>
            Remove {spec.id}
          </button>
        )}
      </div>
      {spec && (
        <ConsumerKnobs
          key={spec.id}
          spec={spec}
          onChange={(next) => edit(withConsumer(draft, spec.id, next))}
          checkSetting={checkSetting}
          errors={errors}
          onError={onError}
          {...(canIntervene && spec.kind === 'kcl' ? { onAddWorkerNow: () => intervene({ at, kind: 'add-worker', target: spec.id, params: { worker: nextRunningWorker(run, spec.id) } }) } : {})}
        />
      )}
      {lambdaSpec && canIntervene && !run.imported && (
        <div className="knobs__bar" role="group" aria-label={`Mapping ${lambdaSpec.id} at the playhead`}>
          <button type="button" className="button button--small" onClick={() => intervene({ at, kind: 'update-mapping', target: lambdaSpec.id, params: { Enabled: false } })}>
            Disable mapping at {formatSimTime(at)}
          </button>
          <button type="button" className="button button--small" onClick={() => intervene({ at, kind: 'update-mapping', target: lambdaSpec.id, params: { Enabled: true } })}>
            Enable mapping at {formatSimTime(at)}
          </button>
        </div>
      )}
      <TableKnobs draft={draft} running={run.scenario} onChange={edit} {...(canIntervene ? { onStreamChangeNow: (table: string, viewType: string) => intervene({ at, kind: 'update-table', target: table, params: { StreamViewType: viewType } }) } : {})} />
      <WorkloadKnobs draft={draft} onChange={edit} />
      <details className="knobs__json" onToggle={(e) => setJson((e.target as HTMLDetailsElement).open ? JSON.stringify(draft, null, 2) : null)}>
        <summary>JSON (for experts)</summary>
        {json !== null && (
          <>
            <textarea aria-label="Scenario as JSON" rows={14} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                try {
                  edit(JSON.parse(json) as Scenario);
                } catch (e) {
                  setProblems([`The JSON does not parse: ${e instanceof Error ? e.message : String(e)}`]);
                }
              }}
            >
              Use this JSON
            </button>
          </>
        )}
      </details>
      {problems.length > 0 && (
        <ul className="knobs__problems" role="alert" aria-label="Problems with the changes">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="knobs__bar knobs__apply">
        <button type="button" className="button button--primary button--small" disabled={!changed || blocked} onClick={() => void applyFromStart()}>
          Apply from the start
        </button>
        <button type="button" className="button button--small" disabled={!runtime || blocked || !canIntervene} title="UpdateEventSourceMapping: applies from the next batch" onClick={applyNow}>
          Apply at the playhead ({formatSimTime(at)})
        </button>
        <button type="button" className="button button--small" disabled={!changed || blocked} onClick={() => void whatIf()}>
          What if…
        </button>
        <button type="button" className="button button--small" disabled={!changed} onClick={() => { setDraft(run.scenario); setErrors({}); setProblems([]); }}>
          Discard changes
        </button>
        <span className="knob__hint">{changed ? (runtime ? 'Lambda takes this change at run time: apply it at the playhead, or from the start.' : 'This change recomputes the run from 0.') : 'Change a setting above.'}</span>
      </div>
    </>
  );
}

export default function KnobsPanel(props: KnobsPanelProps) {
  const run = useSelector(props.playback, (s) => s.context.run);
  if (!run || run.imported) return null;
  // A new scenario (or new edits) starts a fresh draft; interventions do not.
  const key = `${run.scenarioId}:${run.inline ? JSON.stringify(run.scenario).length : ''}:${JSON.stringify(run.edits ?? null)}`;
  return (
    <section className="panel panel--knobs" aria-labelledby="knobs-heading">
      <header className="panel__header">
        <h2 id="knobs-heading">Settings</h2>
        <span className="panel__meta">turn a knob, see what changes</span>
      </header>
      <KnobsBody key={key} run={run} {...props} />
    </section>
  );
}
