/**
 * The selected stream record: exactly as GetRecords returns it and as a Lambda function receives it
 * (plus `eventSourceARN`, lower-case `userIdentity`), each with a copy button; its deliveries to the
 * consumers by the playhead (which consumer and worker, when, which batch, the effect, harm); and its
 * neighbours on the shard, to walk along it. Shows the record as of the playhead: before it was
 * appended, the selection shows nothing.
 *
 * May import: React, protocol types, the view store, format helpers. May not import: worker/sim runtime.
 */
import { useState } from 'react';
import type { DeliveryView, SimView } from '../../worker/protocol.ts';
import { recordSelected, selectionCleared, useViewStore } from '../stores/view.store.ts';
import { formatSimTime, shortShardId } from './format.ts';
import { sequenceLabel, sequenceTitle } from './sequenceLabel.ts';

export interface RecordInspectorProps {
  view: SimView;
  lambdaRecord: Record<string, unknown> | undefined;
  deliveries: readonly DeliveryView[] | undefined;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
        setTimeout(() => setState('idle'), 2_000);
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}

const EFFECT_TEXT: Record<string, string> = {
  applied: 'applied',
  'skipped-duplicate': 'skipped (already applied)',
  'skipped-stale': 'skipped (older than the target)',
  ignored: 'ignored by the handler',
  failed: 'failed',
};

function Deliveries({ deliveries }: { deliveries: readonly DeliveryView[] }) {
  if (deliveries.length === 0) return <p className="panel__hint">No consumer has processed this record yet.</p>;
  return (
    <table className="items deliveries">
      <caption className="visually-hidden">Deliveries of this record</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Consumer / worker</th>
          <th scope="col">Batch</th>
          <th scope="col">Delivery</th>
          <th scope="col">Effect</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d, i) => (
          <tr key={i} className={d.harm ? 'deliveries__row--harm' : d.deliveryCount > 1 ? 'deliveries__row--repeat' : undefined}>
            <td className="writes__time">{formatSimTime(d.atMs)}</td>
            <td>
              {d.consumer} / {d.worker}
            </td>
            <td>#{d.batchId}</td>
            <td>{d.deliveryCount === 1 ? 'first' : `×${d.deliveryCount} (repeat)`}</td>
            <td>
              {EFFECT_TEXT[d.effect] ?? d.effect}
              {d.harm && <strong className="harm"> · harm: changed the result again</strong>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecordInspector({ view, lambdaRecord, deliveries }: RecordInspectorProps) {
  const selected = useViewStore((s) => s.selectedRecord);
  const [form, setForm] = useState<'getrecords' | 'lambda'>('getrecords');
  const shard = selected ? view.streams.find((s) => s.streamArn === selected.streamArn)?.shards.find((s) => s.shardId === selected.shardId) : undefined;
  const at = selected && shard ? shard.records.findIndex((r) => r.sequenceNumber === selected.sequenceNumber) : -1;
  const rec = at >= 0 ? shard!.records[at] : undefined;
  const prev = at > 0 ? shard!.records[at - 1] : undefined;
  const next = at >= 0 ? shard!.records[at + 1] : undefined;
  const json = rec?.record ? JSON.stringify(form === 'lambda' && lambdaRecord ? lambdaRecord : rec.record, null, 2) : '';
  return (
    <section className="panel panel--inspector" aria-labelledby="inspector-heading">
      <header className="panel__header">
        <h2 id="inspector-heading">Stream record</h2>
        {rec && (
          <span className="panel__meta">
            {rec.eventName} {rec.keySummary} · shard {shortShardId(selected!.shardId)} · <span title={sequenceTitle(rec.sequenceNumber, rec.ordinal)}>record {sequenceLabel(rec.ordinal)}</span> · {formatSimTime(rec.atMs)}
          </span>
        )}
        {selected && (
          <span className="panel__actions">
            <button type="button" className="button button--small" onClick={selectionCleared}>
              Clear
            </button>
          </span>
        )}
      </header>
      {rec ? (
        <>
          <div className="inspector__bar">
            <div role="radiogroup" aria-label="Record shape" className="segmented">
              <button type="button" role="radio" aria-checked={form === 'getrecords'} className="segmented__option" onClick={() => setForm('getrecords')}>
                As GetRecords returns it
              </button>
              <button type="button" role="radio" aria-checked={form === 'lambda'} className="segmented__option" onClick={() => setForm('lambda')} disabled={!lambdaRecord}>
                As a Lambda event carries it
              </button>
            </div>
            <CopyButton text={json} label="Copy JSON" />
          </div>
          {form === 'lambda' && <p className="panel__hint">Lambda adds <code>eventSourceARN</code> and spells a TTL deletion&apos;s <code>userIdentity</code> in lower case.</p>}
          <pre className="inspector__json" aria-label="Record JSON" tabIndex={0}>
            {json}
          </pre>
          <h3 className="inspector__sub">Deliveries by the playhead</h3>
          <Deliveries deliveries={deliveries ?? []} />
          <h3 className="inspector__sub">Neighbours on this shard</h3>
          <div className="inspector__neighbours">
            <button type="button" className="button button--small" disabled={!prev} onClick={() => prev && recordSelected({ ...selected!, sequenceNumber: prev.sequenceNumber })}>
              ← {prev ? `${prev.eventName} ${prev.keySummary} ${sequenceLabel(prev.ordinal)}` : 'first on the shard'}
            </button>
            <button type="button" className="button button--small" disabled={!next} onClick={() => next && recordSelected({ ...selected!, sequenceNumber: next.sequenceNumber })}>
              {next ? `${next.eventName} ${next.keySummary} ${sequenceLabel(next.ordinal)}` : 'last so far'} →
            </button>
          </div>
        </>
      ) : (
        <p className="panel__hint">Select a record on a shard to see it as GetRecords returns it, as Lambda receives it, and who processed it.</p>
      )}
    </section>
  );
}
