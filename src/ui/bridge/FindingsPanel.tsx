/**
 * The findings of an imported stream, one per row: what was found, what it means for a consumer, the
 * records by eventID, and a button that moves the playhead to it and selects its record (the
 * inspector shows it; on a phone the list stays, `Dock.tsx`). The finding shown last is marked as
 * the current one, so a user walking the list sees where they are. Also says what is not a
 * finding: a jump between sequence numbers.
 *
 * May import: React, protocol types, the view store, ./findingCounts.ts. May not import: worker runtime, sim runtime.
 */
import type { ImportFinding, ImportSummary } from '../../worker/protocol.ts';
import { recordSelected, useViewStore } from '../stores/view.store.ts';
import { findingCountOf } from './findingCounts.ts';

const KIND_TEXT: Record<ImportFinding['kind'], string> = {
  duplicate: 'Duplicate',
  'out-of-order': 'Out of order',
  gap: 'Gap',
  'missing-parent': 'Parent missing',
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** Counts per kind (all findings, not only those listed), e.g. "2 Duplicate · 1 Gap". */
function countsOf(imported: ImportSummary): { kind: ImportFinding['kind']; count: number }[] {
  return (Object.keys(KIND_TEXT) as ImportFinding['kind'][]).map((kind) => ({ kind, count: findingCountOf(imported, kind) })).filter((c) => c.count > 0);
}

export function FindingsPanel({ imported, onSeek }: { imported: ImportSummary; onSeek: (atMs: number) => void }) {
  const counts = countsOf(imported);
  const selected = useViewStore((s) => s.selectedRecord);
  const shown = (f: ImportFinding) => selected !== null && selected.shardId === f.shardId && selected.sequenceNumber === f.sequenceNumber;
  const total = counts.reduce((a, c) => a + c.count, 0);
  return (
    <section className="panel panel--findings" aria-labelledby="findings-heading">
      <header className="panel__header">
        <h2 id="findings-heading">Findings</h2>
        <span className="panel__meta">{total === 0 ? 'none' : total.toLocaleString('en-US')}</span>
      </header>
      {total > 0 && (
        // Counts per kind as one line (the findings themselves are the list below).
        <p className="findings__counts">
          {counts.map((c) => (
            <span key={c.kind}>
              <span className={`pill finding__kind finding__kind--${c.kind}`}>{KIND_TEXT[c.kind]}</span> {c.count.toLocaleString('en-US')}
            </span>
          ))}
        </p>
      )}
      {total > imported.findings.length && <p className="panel__hint">The first {imported.findings.length.toLocaleString('en-US')} are listed (up to 100 of each kind); the timeline marks them.</p>}
      {total === 0 ? (
        <p className="panel__hint">No duplicates, no out-of-order pairs, no gaps in any item's history.</p>
      ) : (
        <ol className="findings">
          {imported.findings.map((f, i) => (
            <li key={i} className={`finding finding--${f.kind}${shown(f) ? ' finding--shown' : ''}`} aria-current={shown(f) ? 'true' : undefined}>
              <div className="finding__head">
                <span className={`pill finding__kind finding__kind--${f.kind}`}>{KIND_TEXT[f.kind]}</span>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Show finding ${i + 1} at ${seconds(f.atMs)}`}
                  onClick={() => {
                    onSeek(f.atMs);
                    recordSelected({ streamArn: imported.streamArn, shardId: f.shardId, sequenceNumber: f.sequenceNumber }, 'list');
                  }}
                >
                  Show at {seconds(f.atMs)}
                </button>
              </div>
              <p className="finding__message">{f.message}</p>
              <p className="finding__meaning">{f.meaning}</p>
              <p className="finding__ids">
                {[...new Set(f.eventIDs)].map((id) => (
                  <code key={id}>{id}</code>
                ))}
              </p>
            </li>
          ))}
        </ol>
      )}
      <p className="panel__hint">Sequence numbers grow but are not consecutive, so a jump between two of them is not a gap. A gap is an item history that cannot be: a change whose old image is not what the previous change left.</p>
    </section>
  );
}
