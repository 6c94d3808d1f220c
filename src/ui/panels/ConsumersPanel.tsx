/**
 * Consumers at the playhead: per consumer its kind and settings (from the scenario), its workers
 * (running or crashed), its counters (from the frame: processed, reprocessed, checkpoints, batches,
 * retries, harmful duplicates, iterator age), its last checkpoint per shard, and a verdict per
 * invariant check: ✓ holds, or ✗ broken with the latest explanation in words beside it.
 *
 * May import: React, protocol and scenario types, format helpers. May not import: worker/sim runtime.
 */
import type { Scenario } from '../../scenarios/types.ts';
import type { ConsumerCountersView, ConsumerView } from '../../worker/protocol.ts';
import { formatSimTime, shortShardId } from './format.ts';
import { checkpointLabel, sequenceTitle } from './sequenceLabel.ts';
import { verdictOf } from './verdicts.ts';
import './consumers.css';

export type ConsumerSpec = NonNullable<Scenario['consumers']>[number];

export interface ConsumersPanelProps {
  consumers: readonly ConsumerView[];
  /** The scenario's consumer specs (kind, handler, settings), by id. */
  specs: readonly ConsumerSpec[];
  counters: Record<string, ConsumerCountersView> | undefined;
  /** Check name → meaning in one line. */
  checks: Record<string, string>;
  atEnd: boolean;
  /** The heading's id and text (the compare view shows two panels on one page). */
  headingId?: string;
  heading?: string;
}

/** Checks evaluated only when the run ends. */
const AT_END = new Set(['target-matches-source']);

export function checkpointText(spec: Extract<ConsumerSpec, { kind: 'kcl' }>['checkpoint']): string {
  switch (spec.kind) {
    case 'before-processing':
      return 'before processing each batch (at most once)';
    case 'every-record':
      return 'after every record';
    case 'every-n-records':
      return `every ${spec.n} records`;
    case 'every-batch':
      return 'after every batch';
    case 'every-interval':
      return `every ${spec.intervalMs / 1000} s`;
  }
}

/** The settings that decide the lesson, as term → value pairs. */
export function settingsOf(spec: ConsumerSpec): Array<[string, string]> {
  const mode = spec.handler.idempotency;
  const handler = `${spec.handler.kind}, ${mode === 'none' ? 'naive (not idempotent)' : mode === 'user' ? 'your own code' : `idempotent (${mode})`}`;
  if (spec.kind === 'kcl') {
    const c = spec.config ?? {};
    return [
      ['Kind', 'KCL application'],
      ['Handler', handler],
      ['Workers', spec.workers.join(', ')],
      ['Checkpoint', checkpointText(spec.checkpoint)],
      ['Starts at', c.initialPositionInStream ?? 'LATEST'],
      ...(c.failoverTimeMillis !== undefined ? [['Failover time', `${c.failoverTimeMillis / 1000} s`] as [string, string]] : []),
      ...(c.maxRecords !== undefined ? [['Max records', String(c.maxRecords)] as [string, string]] : []),
    ];
  }
  const m = spec.mapping;
  return [
    ['Kind', 'Lambda event source mapping'],
    ['Handler', handler],
    ['Batch size', String(m.BatchSize ?? 100)],
    ['Starts at', m.StartingPosition],
    ['Retries', m.MaximumRetryAttempts === undefined || m.MaximumRetryAttempts === -1 ? 'until the record expires' : String(m.MaximumRetryAttempts)],
    ...(m.BisectBatchOnFunctionError ? [['Bisect on error', 'yes'] as [string, string]] : []),
    ...(m.FunctionResponseTypes?.length ? [['Partial batch response', 'yes'] as [string, string]] : []),
    ...(m.ParallelizationFactor && m.ParallelizationFactor > 1 ? [['Parallelization', String(m.ParallelizationFactor)] as [string, string]] : []),
  ];
}

function ageText(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function Counters({ c }: { c: ConsumerCountersView | undefined }) {
  const rows: Array<[string, string, boolean]> = [
    ['Records processed', String(c?.recordsProcessed ?? 0), false],
    ['Reprocessed', String(c?.reprocessed ?? 0), (c?.reprocessed ?? 0) > 0],
    ['Harmful duplicates', String(c?.harmfulDuplicates ?? 0), (c?.harmfulDuplicates ?? 0) > 0],
    ['Checkpoint writes', String(c?.checkpointWrites ?? 0), false],
    ['Batches', String(c?.batches ?? 0), false],
    ['Retries', String(c?.retries ?? 0), (c?.retries ?? 0) > 0],
    ['Failed batches', String(c?.failures ?? 0), (c?.failures ?? 0) > 0],
    ['Iterator age', `${ageText(c?.iteratorAgeMs)} (max ${ageText(c?.iteratorAgeMaxMs)})`, false],
  ];
  return (
    <dl className="counters">
      {rows.map(([term, value, warn]) => (
        <div key={term} className={warn ? 'counters__item counters__item--warn' : 'counters__item'}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ConsumersPanel({ consumers, specs, counters, checks, atEnd, headingId = 'consumers-heading', heading = 'Consumers' }: ConsumersPanelProps) {
  return (
    <section className="panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId}>{heading}</h2>
        <span className="panel__meta">settings, counters and verdicts at the playhead</span>
      </header>
      <div className="consumers">
        {consumers.map((c) => {
          const spec = specs.find((s) => s.id === c.id);
          const broken = new Map(c.broken.map((b) => [b.check, b]));
          const anyBroken = c.broken.length > 0;
          return (
            <section key={c.id} className={`consumer${anyBroken ? ' consumer--broken' : ''}`} aria-label={`Consumer ${c.id}`}>
              <h3 className="consumer__id">
                {c.id}{' '}
                <span className={`pill ${anyBroken ? 'pill--crashed' : 'pill--open'}`}>{anyBroken ? `${c.broken.length} check${c.broken.length === 1 ? '' : 's'} broken` : 'all checks hold'}</span>
              </h3>
              <div className="consumer__grid">
                <div>
                  {spec && (
                    <dl className="settings" aria-label={`Settings of ${c.id}`}>
                      {settingsOf(spec).map(([term, value]) => (
                        <div key={term}>
                          <dt>{term}</dt>
                          <dd>{value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                  {spec?.kind === 'lambda' && c.workers.length > 0 && (
                    <p className="consumer__note">
                      Lambda has no workers and no leases: the service polls each shard and runs one invocation of the function at a time per shard. A lane is that
                      sequence of invocations; a crash is an invocation that died mid-batch.
                    </p>
                  )}
                  <ul className="consumer__workers" aria-label={spec?.kind === 'lambda' ? `Invocation lanes of ${c.id}` : `Workers of ${c.id}`}>
                    {c.workers.map((w) => (
                      <li key={w.worker}>
                        {spec?.kind === 'lambda' ? (
                          <>
                            <span className={`pill pill--${w.status === 'crashed' ? 'crashed' : 'open'}`}>{w.status === 'crashed' ? 'an invocation crashed' : 'invoking'}</span> {w.worker} since{' '}
                            {formatSimTime(w.sinceMs)}
                          </>
                        ) : (
                          <>
                            <span className={`pill pill--${w.status === 'crashed' ? 'crashed' : 'open'}`}>{w.status}</span> {w.worker} since {formatSimTime(w.sinceMs)}
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                  {c.checkpoints.length > 0 && (
                    <ul className="consumer__checkpoints" aria-label={`Checkpoints of ${c.id}`}>
                      {c.checkpoints.map((k) => (
                        <li key={k.shardId}>
                          ⚑ shard {shortShardId(k.shardId)} at <code title={k.ordinal !== undefined ? sequenceTitle(k.value, k.ordinal) : k.value}>{checkpointLabel(k.value, k.ordinal)}</code> by {k.worker} ({formatSimTime(k.atMs)})
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <Counters c={counters?.[c.id]} />
              </div>
              <ul className="verdicts" aria-label={`Checks of ${c.id}`}>
                {Object.entries(checks).map(([name, meaning]) => {
                  const b = broken.get(name);
                  const v = verdictOf(
                    name,
                    {
                      ...(b ? { brokenAtMs: b.atMs } : {}),
                      waiting: AT_END.has(name) && !atEnd,
                      ...(spec ? { idempotency: spec.handler.idempotency } : {}),
                      harmfulDuplicates: counters?.[c.id]?.harmfulDuplicates ?? 0,
                    },
                    formatSimTime,
                  );
                  return (
                    <li key={name} className={`verdict verdict--${v.kind}`}>
                      <span className="verdict__mark" aria-hidden="true">
                        {v.mark}
                      </span>
                      <span className="verdict__name" title={meaning}>
                        {name}
                      </span>
                      <span className="verdict__state">{v.text}</span>
                      {b && <span className="verdict__message">{b.message}</span>}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}
