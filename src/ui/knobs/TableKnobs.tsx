/**
 * A table's settings (billing mode and capacity, hence partitions and shards; stream view type; TTL)
 * and the workload (run length, generated writes: rate, keys, hot-key share, operation mix) as
 * forms over the draft scenario. A stream view type can also change at the playhead, through
 * UpdateTable, which starts a new stream (the panel sends that as an intervention).
 *
 * May import: React, ./fields.tsx, ./model.ts, scenario types. May not import: worker, sim runtime.
 */
import type { Scenario } from '../../scenarios/types.ts';
import { CheckField, ChoiceField, NumberField, TextField } from './fields.tsx';
import { defaultTraffic, partitionsOf, tableKnobs, tablesOf, withTableKnobs, type Traffic } from './model.ts';

const VIEW_TYPES = [
  ['none', 'no stream'],
  ['KEYS_ONLY', 'KEYS_ONLY'],
  ['NEW_IMAGE', 'NEW_IMAGE'],
  ['OLD_IMAGE', 'OLD_IMAGE'],
  ['NEW_AND_OLD_IMAGES', 'NEW_AND_OLD_IMAGES'],
] as const;
type ViewChoice = (typeof VIEW_TYPES)[number][0];

export interface TableKnobsProps {
  draft: Scenario;
  /** The scenario as running, to tell a changed stream view type from the current one. */
  running: Scenario;
  onChange: (next: Scenario) => void;
  /** Sends UpdateTable with the new stream view type at the playhead; absent when interventions are not possible. */
  onStreamChangeNow?: (table: string, viewType: string) => void;
}

export function TableKnobs({ draft, running, onChange, onStreamChangeNow }: TableKnobsProps) {
  const tables = tablesOf(draft);
  return (
    <>
      {tables.map((table) => {
        const k = tableKnobs(draft, table);
        const now = tableKnobs(running, table);
        const set = (patch: Partial<typeof k>) => onChange(withTableKnobs(draft, table, { ...k, ...patch }));
        const partitions = partitionsOf(draft, table, k);
        const viewChanged = k.streamViewType !== undefined && now.streamViewType !== undefined && k.streamViewType !== now.streamViewType;
        return (
          <fieldset key={table} className="knobs__group">
            <legend>Table {table}</legend>
            <ChoiceField<'PAY_PER_REQUEST' | 'PROVISIONED'> label="Billing mode" value={k.billing} options={[['PAY_PER_REQUEST', 'on demand'], ['PROVISIONED', 'provisioned']]} onChange={(billing) => set({ billing })} />
            {k.billing === 'PROVISIONED' && (
              <>
                <NumberField label="Read capacity units" value={k.readCapacity} onChange={(v) => v !== undefined && set({ readCapacity: v })} />
                <NumberField label="Write capacity units" value={k.writeCapacity} onChange={(v) => v !== undefined && set({ writeCapacity: v })} />
              </>
            )}
            <p className="knob knob--wide knob__hint" aria-live="polite">
              {partitions} partition{partitions === 1 ? '' : 's'}, so {partitions} open shard{partitions === 1 ? '' : 's'}
              {draft.simulation?.partitions?.[table] !== undefined ? ' (fixed by the scenario)' : k.billing === 'PAY_PER_REQUEST' ? ' (a new on-demand table here; AWS picks its own count)' : ' (one per 3,000 RCU or 1,000 WCU)'}
            </p>
            <ChoiceField<ViewChoice> label="Stream view type" value={(k.streamViewType ?? 'none') as ViewChoice} options={VIEW_TYPES} onChange={(v) => set({ streamViewType: v === 'none' ? undefined : v })} />
            {viewChanged && onStreamChangeNow && (
              <div className="knob knob--wide">
                <button type="button" className="button button--small" onClick={() => onStreamChangeNow(table, k.streamViewType!)}>
                  Change at the playhead (UpdateTable)
                </button>
                <span className="knob__hint">Disables the stream and enables a new one with a new ARN; mappings keep reading the old stream until its shards end, as on AWS.</span>
              </div>
            )}
            <CheckField label="Time to live" checked={k.ttlAttribute !== undefined} onChange={(on) => set({ ttlAttribute: on ? (now.ttlAttribute ?? 'expiresAt') : undefined })} />
            {k.ttlAttribute !== undefined && <TextField label="TTL attribute" value={k.ttlAttribute} onChange={(v) => set({ ttlAttribute: v })} />}
          </fieldset>
        );
      })}
    </>
  );
}

/** The workload: how long the run is and the generated writes on top of the scenario's own. */
export function WorkloadKnobs({ draft, onChange }: { draft: Scenario; onChange: (next: Scenario) => void }) {
  const table = tablesOf(draft)[0];
  const traffic = draft.traffic?.[0];
  const setTraffic = (t: Traffic | undefined) => onChange({ ...draft, traffic: t ? [t, ...(draft.traffic ?? []).slice(1)] : (draft.traffic ?? []).slice(1) });
  const scripted = draft.writes.length;
  return (
    <fieldset className="knobs__group">
      <legend>Workload</legend>
      <NumberField label="Run length (s)" value={draft.durationMs / 1000} step={0.001} onChange={(s) => s !== undefined && onChange({ ...draft, durationMs: Math.round(s * 1000) })} />
      <p className="knob knob--wide knob__hint">
        {scripted} scripted write{scripted === 1 ? '' : 's'}
        {traffic ? ', plus generated writes:' : '.'}
      </p>
      {table && (
        <CheckField label="Generated writes" checked={traffic !== undefined} onChange={(on) => setTraffic(on ? defaultTraffic(draft, table) : undefined)} />
      )}
      {traffic && (
        <>
          <NumberField label="Writes per second" value={traffic.ratePerSecond} step={0.001} onChange={(v) => v !== undefined && setTraffic({ ...traffic, ratePerSecond: v })} />
          <NumberField label="From (s)" value={traffic.fromMs / 1000} step={0.001} onChange={(v) => v !== undefined && setTraffic({ ...traffic, fromMs: Math.round(v * 1000) })} />
          <NumberField label="To (s)" value={traffic.toMs / 1000} step={0.001} onChange={(v) => v !== undefined && setTraffic({ ...traffic, toMs: Math.round(v * 1000) })} />
          <NumberField label="Keys" value={traffic.keys.count} onChange={(v) => v !== undefined && setTraffic({ ...traffic, keys: { ...traffic.keys, count: v } })} />
          <NumberField
            label="Hot-key share (%)"
            value={Math.round((traffic.keys.hot?.share ?? 0) * 100)}
            hint="Share of writes that go to the hot keys."
            onChange={(v) => {
              const { hot: _hot, ...keys } = traffic.keys;
              setTraffic({ ...traffic, keys: v ? { ...keys, hot: { count: traffic.keys.hot?.count ?? 1, share: Math.min(1, Math.max(0, v / 100)) } } : keys });
            }}
          />
          {traffic.keys.hot && <NumberField label="Hot keys" value={traffic.keys.hot.count} onChange={(v) => v !== undefined && setTraffic({ ...traffic, keys: { ...traffic.keys, hot: { ...traffic.keys.hot!, count: v } } })} />}
          <NumberField label="Mix: puts" value={traffic.mix.put ?? 0} onChange={(v) => setTraffic({ ...traffic, mix: { ...traffic.mix, put: v ?? 0 } })} />
          <NumberField label="Mix: updates" value={traffic.mix.update ?? 0} onChange={(v) => setTraffic({ ...traffic, mix: { ...traffic.mix, update: v ?? 0 } })} />
          <NumberField label="Mix: deletes" value={traffic.mix.delete ?? 0} onChange={(v) => setTraffic({ ...traffic, mix: { ...traffic.mix, delete: v ?? 0 } })} />
        </>
      )}
    </fieldset>
  );
}
