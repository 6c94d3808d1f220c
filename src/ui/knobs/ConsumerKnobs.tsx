/**
 * One consumer's settings as a form: a Lambda event source mapping (CreateEventSourceMapping's
 * settings, by their AWS names) or a KCL application (workers, checkpoint strategy, failover time,
 * max leases per worker), and its handler (kind and idempotency). Each change goes into the draft;
 * a mapping setting is also checked at once by the core's validators, so an out-of-range value gets
 * Lambda's message under the field before anything is sent.
 *
 * May import: React, ./fields.tsx, ./model.ts, scenario types. May not import: worker, sim runtime.
 */
import { useState } from 'react';
import { CheckField, ChoiceField, NumberField, TextField } from './fields.tsx';
import { MAPPING_DEFAULTS, withMappingSetting, type ConsumerSpec, type KclSpec, type LambdaSpec, type Mapping } from './model.ts';

export type CheckSetting = (kind: 'update-mapping' | 'update-table', params: unknown) => Promise<string | null>;

export interface ConsumerKnobsProps {
  spec: ConsumerSpec;
  onChange: (next: ConsumerSpec) => void;
  checkSetting: CheckSetting;
  /** Field → AWS's message; the panel keeps them so it can hold back Apply while any is set. */
  errors: Record<string, string>;
  onError: (field: string, message: string | null) => void;
  /** Starts one more KCL worker at the playhead (an `add-worker` intervention); absent when interventions are not possible. */
  onAddWorkerNow?: () => void;
}

const IDEMPOTENCY = [
  ['none', 'naive (not idempotent)'],
  ['event-id', 'eventID ledger'],
  ['sequence-number', 'per-shard sequence number'],
  ['item-version', 'item version'],
] as const;

const HANDLER_KINDS = [
  ['vote-counter', 'vote counter'],
  ['replicator', 'replicator'],
  ['search-indexer', 'search indexer'],
  ['ttl-archiver', 'TTL archiver'],
  ['task-counter', 'task counter'],
] as const;

type Idempotency = (typeof IDEMPOTENCY)[number][0];
type HandlerKind = (typeof HANDLER_KINDS)[number][0];

function HandlerFields({ spec, onChange }: Pick<ConsumerKnobsProps, 'spec' | 'onChange'>) {
  const mode = spec.handler.idempotency;
  if (mode === 'user') return <p className="panel__hint">This consumer runs your own code; change it in “Your consumer”.</p>;
  return (
    <>
      <ChoiceField<HandlerKind> label="Handler" value={spec.handler.kind} options={HANDLER_KINDS} onChange={(kind) => onChange({ ...spec, handler: { ...spec.handler, kind } })} />
      <ChoiceField<Idempotency>
        label="Idempotency"
        value={mode as Idempotency}
        options={IDEMPOTENCY}
        hint="How the handler recognises a record it has seen before."
        onChange={(idempotency) => onChange({ ...spec, handler: { ...spec.handler, idempotency } })}
      />
    </>
  );
}

function LambdaFields({ spec, onChange, checkSetting, errors, onError }: ConsumerKnobsProps & { spec: LambdaSpec }) {
  const m = spec.mapping;
  const set = (key: keyof Mapping, value: unknown, wire: Record<string, unknown> = { [key]: value }) => {
    onChange({ ...spec, mapping: withMappingSetting(m, key, value) });
    if (value === undefined) return onError(key, null);
    void checkSetting('update-mapping', wire).then((message) => onError(key, message), () => onError(key, null));
  };
  const num = (key: 'BatchSize' | 'MaximumBatchingWindowInSeconds' | 'ParallelizationFactor' | 'MaximumRetryAttempts' | 'MaximumRecordAgeInSeconds', label: string, hint: string) => (
    <NumberField label={label} value={m[key]} placeholder={`default ${MAPPING_DEFAULTS[key]}`} hint={hint} error={errors[key]} onChange={(v) => set(key, v)} />
  );
  const patterns = (m.FilterCriteria?.Filters ?? []).map((f) => f.Pattern).join('\n');
  const [filterText, setFilterText] = useState(patterns);
  return (
    <fieldset className="knobs__group">
      <legend>Event source mapping (Lambda)</legend>
      {num('BatchSize', 'BatchSize', 'Records per invocation, at most.')}
      {num('MaximumBatchingWindowInSeconds', 'MaximumBatchingWindowInSeconds', 'How long Lambda gathers records before invoking.')}
      {num('ParallelizationFactor', 'ParallelizationFactor', 'Concurrent batches per shard (1–10); order holds per key only.')}
      {num('MaximumRetryAttempts', 'MaximumRetryAttempts', '-1: retry until the record expires.')}
      {num('MaximumRecordAgeInSeconds', 'MaximumRecordAgeInSeconds', '-1: no limit; else 60–604800.')}
      <CheckField label="BisectBatchOnFunctionError" checked={m.BisectBatchOnFunctionError ?? false} hint="Split a failing batch in two and retry each half." error={errors.BisectBatchOnFunctionError} onChange={(v) => set('BisectBatchOnFunctionError', v || undefined, { BisectBatchOnFunctionError: v })} />
      <CheckField
        label="ReportBatchItemFailures"
        checked={(m.FunctionResponseTypes?.length ?? 0) > 0}
        hint="FunctionResponseTypes: the function names the record that failed."
        onChange={(v) => set('FunctionResponseTypes', v ? ['ReportBatchItemFailures'] : undefined, { FunctionResponseTypes: v ? ['ReportBatchItemFailures'] : [] })}
      />
      <ChoiceField<'TRIM_HORIZON' | 'LATEST'> label="StartingPosition" value={m.StartingPosition} options={[['TRIM_HORIZON', 'TRIM_HORIZON'], ['LATEST', 'LATEST']]} hint="Set when the mapping is created: a change recomputes from 0." onChange={(v) => set('StartingPosition', v, {})} />
      <label className="knob knob--wide">
        <span className="knob__label">FilterCriteria (one pattern per line)</span>
        <textarea
          aria-label="FilterCriteria patterns"
          rows={2}
          value={filterText}
          aria-invalid={errors.FilterCriteria ? true : undefined}
          onChange={(e) => {
            setFilterText(e.target.value);
            const lines = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean);
            const value = lines.length ? { Filters: lines.map((Pattern) => ({ Pattern })) } : undefined;
            set('FilterCriteria', value, { FilterCriteria: value ?? { Filters: [] } });
          }}
        />
        {errors.FilterCriteria && (
          <span className="knob__error" role="alert">
            {errors.FilterCriteria}
          </span>
        )}
      </label>
      <TextField
        label="On-failure destination (SQS, SNS or S3 ARN)"
        value={m.DestinationConfig?.OnFailure?.Destination ?? ''}
        error={errors.DestinationConfig}
        onChange={(v) => set('DestinationConfig', v ? { OnFailure: { Destination: v } } : undefined, { DestinationConfig: { OnFailure: { Destination: v } } })}
      />
    </fieldset>
  );
}

const CHECKPOINTS = [
  ['before-processing', 'before processing (at most once)'],
  ['every-record', 'after every record'],
  ['every-n-records', 'every N records'],
  ['every-batch', 'after every batch'],
  ['every-interval', 'every interval'],
] as const;

const KCL_VERSIONS = [
  ['3.x', 'KCL 3.x (leader, graceful handoff)'],
  ['1.x', 'KCL 1.x (lease stealing)'],
] as const;

function KclFields({ spec, onChange, onAddWorkerNow }: Pick<ConsumerKnobsProps, 'onChange' | 'onAddWorkerNow'> & { spec: KclSpec }) {
  const c = spec.config ?? {};
  const cp = spec.checkpoint;
  const setConfig = (key: keyof NonNullable<KclSpec['config']>, v: number | undefined) => {
    const config = { ...c, [key]: v };
    if (v === undefined) delete config[key];
    onChange({ ...spec, config });
  };
  const nextWorker = () => {
    for (let n = spec.workers.length + 1; ; n++) if (!spec.workers.includes(`w${n}`)) return `w${n}`;
  };
  return (
    <fieldset className="knobs__group">
      <legend>KCL application</legend>
      <ChoiceField<'1.x' | '3.x'>
        label="KCL version"
        value={c.kclVersion ?? '3.x'}
        options={KCL_VERSIONS}
        hint={
          (c.kclVersion ?? '3.x') === '3.x'
            ? 'A leader assigns leases by worker utilisation (simulated as records per second, not CPU) and hands a lease off after the old owner checkpoints.'
            : 'Each worker takes expired leases and steals to balance; a stolen lease replays from its last checkpoint. KCL 1.x reached end of support on 30 January 2026.'
        }
        onChange={(kclVersion) => onChange({ ...spec, config: { ...c, kclVersion } })}
      />
      <div className="knob knob--wide">
        <span className="knob__label">Workers</span>
        <ul className="knobs__workers" aria-label="Workers">
          {spec.workers.map((w) => (
            <li key={w}>
              {w}{' '}
              <button type="button" className="button button--small" aria-label={`Remove worker ${w}`} disabled={spec.workers.length <= 1} onClick={() => onChange({ ...spec, workers: spec.workers.filter((x) => x !== w) })}>
                ✕
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--small" disabled={spec.workers.length >= 8} onClick={() => onChange({ ...spec, workers: [...spec.workers, nextWorker()] })}>
          Add worker
        </button>
        {onAddWorkerNow && (
          <button type="button" className="button button--small" onClick={onAddWorkerNow}>
            Start a worker at the playhead
          </button>
        )}
        <span className="knob__hint">A worker added here runs from the start; one started at the playhead joins the running application: KCL 3.x's leader hands it leases, KCL 1.x workers steal them.</span>
      </div>
      <ChoiceField<KclSpec['checkpoint']['kind']>
        label="Checkpoint"
        value={cp.kind}
        options={CHECKPOINTS}
        onChange={(kind) => onChange({ ...spec, checkpoint: kind === 'every-n-records' ? { kind, n: 10 } : kind === 'every-interval' ? { kind, intervalMs: 5_000 } : { kind } })}
      />
      {cp.kind === 'every-n-records' && <NumberField label="N records" value={cp.n} onChange={(n) => n !== undefined && onChange({ ...spec, checkpoint: { kind: cp.kind, n } })} />}
      {cp.kind === 'every-interval' && <NumberField label="Interval (ms)" value={cp.intervalMs} onChange={(intervalMs) => intervalMs !== undefined && onChange({ ...spec, checkpoint: { kind: cp.kind, intervalMs } })} />}
      <NumberField label="Lease failover time (ms)" value={c.failoverTimeMillis} placeholder="default 10000" hint="failoverTimeMillis: a lease not renewed for this long is taken over." onChange={(v) => setConfig('failoverTimeMillis', v)} />
      <NumberField label="Max leases per worker" value={c.maxLeasesForWorker} placeholder="no limit" hint="maxLeasesForWorker" onChange={(v) => setConfig('maxLeasesForWorker', v)} />
      <NumberField label="Max records per read" value={c.maxRecords} placeholder="default 1000" hint="maxRecords: the GetRecords Limit, so the batch size." onChange={(v) => setConfig('maxRecords', v)} />
    </fieldset>
  );
}

export function ConsumerKnobs(props: ConsumerKnobsProps) {
  const { spec } = props;
  return (
    <div className="knobs__consumer">
      <fieldset className="knobs__group">
        <legend>Handler</legend>
        <HandlerFields spec={spec} onChange={props.onChange} />
      </fieldset>
      {spec.kind === 'lambda' ? <LambdaFields {...props} spec={spec} /> : <KclFields spec={spec} onChange={props.onChange} {...(props.onAddWorkerNow ? { onAddWorkerNow: props.onAddWorkerNow } : {})} />}
    </div>
  );
}
