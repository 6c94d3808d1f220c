/**
 * One table at the playhead: its items as rows (key columns first), the last write highlighted, and
 * a line saying what that write did, including a refused write that left no stream record.
 *
 * May import: React, protocol types, format helpers. May not import: worker runtime, sim runtime.
 */
import type { TableView, WriteView } from '../../worker/protocol.ts';
import { formatAttribute, formatSimTime } from './format.ts';

export interface TablePanelProps {
  table: TableView;
  /** The most recent write to this table at the playhead, if any. */
  lastWrite: WriteView | undefined;
}

const OUTCOME_TEXT: Record<WriteView['outcome'], string> = {
  INSERT: 'new item → INSERT record',
  MODIFY: 'item changed → MODIFY record',
  REMOVE: 'item deleted → REMOVE record',
  'no-op': 'nothing changed → no record',
  rejected: 'refused by its condition → no record',
};

function LastWrite({ write }: { write: WriteView }) {
  return (
    <p className={`last-write last-write--${write.outcome === 'rejected' ? 'rejected' : 'ok'}`} aria-live="polite">
      <span className="last-write__time">{formatSimTime(write.atMs)}</span> <code>{write.op}</code> <strong>{write.keySummary}</strong>:{' '}
      {OUTCOME_TEXT[write.outcome]}
    </p>
  );
}

export function TablePanel({ table, lastWrite }: TablePanelProps) {
  const highlighted = lastWrite && (lastWrite.outcome === 'INSERT' || lastWrite.outcome === 'MODIFY') ? lastWrite.keyString : undefined;
  const headingId = `table-${table.name}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId}>{table.name} table</h2>
        <span className="panel__meta">
          {table.items.length} {table.items.length === 1 ? 'item' : 'items'} · key <code>{table.keyAttributes.join(', ')}</code>
        </span>
      </header>
      {lastWrite ? <LastWrite write={lastWrite} /> : <p className="last-write last-write--none">No writes yet.</p>}
      <div className="table-scroll">
        <table className="items">
          <caption className="visually-hidden">{table.name}</caption>
          <thead>
            <tr>
              {table.attributeNames.map((name) => (
                <th key={name} scope="col" className={table.keyAttributes.includes(name) ? 'items__key' : undefined}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.items.map((row) => {
              const isLast = row.keyString === highlighted;
              return (
                // Keyed by the change time too, so a changed row remounts and its flash replays.
                <tr key={`${row.keyString}@${isLast ? row.changedAtMs : 0}`} className={isLast ? 'items__row--last' : undefined} aria-current={isLast ? 'true' : undefined}>
                  {table.attributeNames.map((name, i) =>
                    // The partition key names the row, so screen readers (and tests) can find a row by it.
                    i === 0 ? (
                      <th key={name} scope="row">
                        {formatAttribute(row.item[name])}
                      </th>
                    ) : (
                      <td key={name}>{formatAttribute(row.item[name])}</td>
                    ),
                  )}
                </tr>
              );
            })}
            {table.items.length === 0 && (
              <tr>
                <td colSpan={table.attributeNames.length} className="items__empty">
                  No items yet
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
