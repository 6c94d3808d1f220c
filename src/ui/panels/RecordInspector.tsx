/**
 * The selected stream record exactly as GetRecords returns it, ready to copy. Shows the record as
 * of the playhead: if the playhead moves before the record was appended, the selection shows nothing.
 *
 * May import: React, protocol types, the view store. May not import: worker/sim runtime.
 */
import type { SimView } from '../../worker/protocol.ts';
import { selectionCleared, useViewStore } from '../stores/view.store.ts';

export function RecordInspector({ view }: { view: SimView }) {
  const selected = useViewStore((s) => s.selectedRecord);
  const rec = selected
    ? view.streams
        .find((s) => s.streamArn === selected.streamArn)
        ?.shards.find((s) => s.shardId === selected.shardId)
        ?.records.find((r) => r.sequenceNumber === selected.sequenceNumber)
    : undefined;
  return (
    <section className="panel panel--inspector" aria-labelledby="inspector-heading">
      <header className="panel__header">
        <h2 id="inspector-heading">Stream record</h2>
        {selected && (
          <button type="button" className="button button--small" onClick={selectionCleared}>
            Clear
          </button>
        )}
      </header>
      {rec ? (
        <pre className="inspector__json" aria-label="Record JSON">
          {JSON.stringify(rec.record, null, 2)}
        </pre>
      ) : (
        <p className="panel__hint">Select a record on a shard to see it as GetRecords returns it.</p>
      )}
    </section>
  );
}
