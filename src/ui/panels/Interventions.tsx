/**
 * Interventions while playing: pick a consumer or worker of the loaded scenario, then press a fault;
 * it is added at the playhead (`{ at, kind, target, params }`) to the user's list, the worker keeps
 * the past and recomputes the future. Undo and redo walk the list. Targets come from
 * `scenario.consumers` (any scenario, built-in or from a file) and its tables (for splitting a shard).
 *
 * May import: React, @xstate/react, the playback machine, the action registry, stores, frame store,
 * protocol and scenario types, format helpers. May not import: worker runtime, sim runtime.
 */
import { useSelector } from '@xstate/react';
import { useStore } from 'zustand';
import type { ActorRefFrom } from 'xstate';
import type { FaultKind } from '../../sim/faults/intervention.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { Frame, Intervention } from '../../worker/protocol.ts';
import { ACTIONS } from '../actions/registry.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { frameStore } from '../stores/frame.store.ts';
import { playheadStore, usePlayhead } from '../stores/playhead.store.ts';
import { faultTargetChosen, useViewStore } from '../stores/view.store.ts';
import { ActionButton } from './Controls.tsx';
import { formatSimTime } from './format.ts';

export interface FaultTarget {
  value: string;
  label: string;
  consumerKind: 'lambda' | 'kcl';
  /** A single KCL worker (`consumer/worker`) rather than the whole consumer. */
  worker: boolean;
}

/** Consumers and their workers, from the scenario. */
export function faultTargets(scenario: Scenario): FaultTarget[] {
  const out: FaultTarget[] = [];
  for (const c of scenario.consumers ?? []) {
    if (c.kind === 'lambda') out.push({ value: c.id, label: `${c.id} (Lambda)`, consumerKind: 'lambda', worker: false });
    else {
      out.push({ value: c.id, label: `${c.id} (KCL, all workers)`, consumerKind: 'kcl', worker: false });
      for (const w of c.workers) out.push({ value: `${c.id}/${w}`, label: `${c.id} / ${w}`, consumerKind: 'kcl', worker: true });
    }
  }
  return out;
}

/** Tables created with a stream enabled, from the scenario's setup calls. */
export function streamedTables(scenario: Scenario): string[] {
  return scenario.setup
    .filter((c) => c.target === 'DynamoDB_20120810.CreateTable' && (c.input.StreamSpecification as { StreamEnabled?: boolean } | undefined)?.StreamEnabled)
    .map((c) => String(c.input.TableName));
}

interface FaultButton {
  kind: FaultKind;
  label: string;
  params?: (frame: Frame | undefined) => Intervention['params'] | null;
  /** Why this fault does nothing to a consumer of that kind (the button is disabled and says so). */
  notFor?: Partial<Record<'lambda' | 'kcl', string>>;
}

const FAULTS: FaultButton[] = [
  { kind: 'crash', label: 'Crash worker', params: () => ({ when: 'now' }) },
  { kind: 'restart', label: 'Restart worker', notFor: { lambda: 'Lambda has no workers to restart: it replaces a crashed execution environment by itself.' } },
  {
    kind: 'redeliver-batch',
    label: 'Redeliver batch',
    notFor: { kcl: 'A KCL worker never gets a processed batch again on its own: records come back only after a failover, from the last checkpoint. Crash a worker before its checkpoint instead.' },
  },
  { kind: 'poison-record', label: 'Poison next record', params: (f) => (f?.nextRecord ? { sequenceNumber: f.nextRecord.sequenceNumber } : null) },
  { kind: 'slow-handler', label: 'Slow consumer', params: () => ({ extraMs: 5_000 }) },
  { kind: 'expire-iterator', label: 'Expire iterator' },
  { kind: 'lose-lease', label: 'Lose lease', notFor: { lambda: 'Lambda keeps no leases you can see: the event source mapping owns its shards.' } },
];

function describe(i: Intervention): string {
  if (i.kind === 'update-mapping') return `UpdateEventSourceMapping → ${i.target} (${Object.entries(i.params ?? {}).map(([k, v]) => `${k}: ${String(v) || 'none'}`).join(', ')})`;
  if (i.kind === 'add-worker') return `worker ${String(i.params?.worker)} started → ${i.target}`;
  if (i.kind === 'update-table') return `UpdateTable → ${i.target} (${i.params?.StreamEnabled === false ? 'stream disabled' : `new stream, ${String(i.params?.StreamViewType)}`})`;
  if (i.kind === 'write') {
    const input = (i.params?.input ?? {}) as { Item?: unknown; Key?: unknown; ConditionExpression?: string };
    return `${String(i.params?.operation)} → ${i.target} ${JSON.stringify(input.Item ?? input.Key)}${input.ConditionExpression ? ` if ${input.ConditionExpression}` : ''}`;
  }
  const params = i.params && Object.keys(i.params).length > 0 ? ` (${Object.entries(i.params).map(([k, v]) => `${k}: ${String(v)}`).join(', ')})` : '';
  return `${i.kind} → ${i.target}${params}`;
}

export function Interventions({ playback }: { playback: ActorRefFrom<PlaybackMachine> }) {
  const run = useSelector(playback, (s) => s.context.run);
  // The readout refreshes at most 4 times a second while playing; a fault lands at the exact playhead.
  const playheadMs = usePlayhead((s) => s.textAtMs);
  const canIntervene = useSelector(playback, (s) => s.can({ type: 'playback.intervene', intervention: { at: 0, kind: 'crash', target: 'x' } }));
  const computing = useSelector(playback, (s) => s.matches('loading'));
  const chosen = useViewStore((s) => s.faultTarget);
  const frame = useStore(frameStore, (s) => s.panelFrame);
  if (!run) return null;
  const targets = faultTargets(run.scenario);
  const target = targets.find((t) => t.value === chosen) ?? targets[0];
  const tables = streamedTables(run.scenario);
  const at = Math.round(playheadMs);
  const intervene = (kind: FaultKind, targetId: string, params?: Intervention['params']) =>
    playback.send({ type: 'playback.intervene', intervention: { at: Math.round(playheadStore.getState().atMs), kind, target: targetId, ...(params ? { params } : {}) } });

  return (
    <section className="panel panel--interventions" aria-labelledby="interventions-heading">
      <header className="panel__header">
        <h2 id="interventions-heading">Interventions</h2>
        <span className="panel__meta">at the playhead, {formatSimTime(at)}</span>
        <span className="panel__actions">
          <ActionButton playback={playback} action={ACTIONS.undo} icon="↶" text="Undo" />
          <ActionButton playback={playback} action={ACTIONS.redo} icon="↷" text="Redo" />
        </span>
      </header>
      <div className="faults">
        {targets.length > 0 ? (
          <label className="faults__target">
            Target
            <select value={target?.value} onChange={(e) => faultTargetChosen(e.target.value)}>
              {targets.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="panel__hint faults__none">This scenario has no consumers, so there is no worker to crash; a shard can still split.</p>
        )}
        <div className="faults__buttons" role="group" aria-label="Faults">
          {target &&
            FAULTS.map((f) => {
              const params = f.params ? f.params(frame) : undefined;
              const why = f.notFor?.[target.consumerKind];
              return (
                <button
                  key={f.kind}
                  type="button"
                  className="button button--small"
                  disabled={!canIntervene || params === null || why !== undefined}
                  title={why}
                  aria-describedby={why ? `fault-why-${f.kind}` : undefined}
                  onClick={() => intervene(f.kind, target.value, params ?? undefined)}
                >
                  {f.label}
                </button>
              );
            })}
          {tables.map((table) => (
            <button key={table} type="button" className="button button--small" disabled={!canIntervene} onClick={() => intervene('split-shard', table)}>
              Split a shard of {table}
            </button>
          ))}
        </div>
      </div>
      {target && FAULTS.some((f) => f.notFor?.[target.consumerKind]) && (
        <ul className="panel__hint faults__why" aria-label="Faults that do not apply">
          {FAULTS.filter((f) => f.notFor?.[target.consumerKind]).map((f) => (
            <li key={f.kind} id={`fault-why-${f.kind}`}>
              {f.label}: {f.notFor![target.consumerKind]}
            </li>
          ))}
        </ul>
      )}
      {computing && <p className="panel__hint" role="status">Recomputing the future…</p>}
      {run.interventions.length > 0 && (
        <ol className="interventions" aria-label="Your interventions">
          {run.interventions.map((i, n) => (
            <li key={n}>
              <span className="writes__time">{formatSimTime(i.at)}</span> {describe(i)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
