/**
 * One table at the playhead: its items as rows (key columns first), the last write highlighted, and
 * a line saying what that write did, including a refused write that left no stream record.
 * Tables a consumer created are told apart: its downstream target ("written by counter") and its
 * KCL lease table, a teaching object: one row per shard, who holds it, how often it was renewed,
 * and where processing resumes (the checkpoint, named `#n` by the record's place on its shard).
 *
 * May import: React, protocol types, format helpers. May not import: worker runtime, sim runtime.
 */
import { memo, useMemo, type ReactNode } from 'react';
import type { AttributeValue } from '../../sim/index.ts';
import type { TableView, WriteView } from '../../worker/protocol.ts';
import { formatAttribute, formatSimTime, shortShardId } from './format.ts';
import { checkpointLabel, sequenceTitle } from './sequenceLabel.ts';

/** What a table is to the scenario: its own, a consumer's downstream target, a KCL lease table, or KCL 3.x's coordinator state / worker metrics. */
export type TableRole = 'source' | 'target' | 'lease' | 'kcl-meta';

export function tableRole(table: TableView): TableRole {
  if (!table.owner) return 'source';
  if (table.keyAttributes.includes('leaseKey')) return 'lease';
  return /-(CoordinatorState|WorkerMetricStats)$/.test(table.name) ? 'kcl-meta' : 'target';
}

/** KCL 3.x's two extra tables, said for people, with what the simulation simplifies. */
function metaExplain(name: string): ReactNode {
  if (name.endsWith('-CoordinatorState'))
    return (
      <>
        KCL 3.x elects one <strong>leader</strong> through the lock item here (<strong>ownerName</strong>, heartbeat <strong>recordVersionNumber</strong>); the leader assigns
        leases. Simplified: the lock&apos;s lease duration is the failover time.
      </>
    );
  return (
    <>
      Each KCL 3.x worker reports its utilisation here; the leader moves leases from busy workers to idle ones. Real KCL reports CPU; the simulation reports{' '}
      <strong>records processed per second</strong> instead, so runs are repeatable.
    </>
  );
}

/** Lease columns in the order they tell the story, then any others. */
const LEASE_ORDER = ['leaseKey', 'leaseOwner', 'leaseCounter', 'checkpoint'];

/** A lease cell for people: the shard by its suffix, the checkpoint by the record's place on the shard (`#n`, as the timeline names it). */
export function leaseCell(name: string, v: AttributeValue | undefined, checkpointOrdinal?: number): { text: string; title?: string } {
  const text = formatAttribute(v);
  if (name === 'leaseKey') return { text: shortShardId(text), title: text };
  if (name === 'checkpoint' && /^\d{10,}$/.test(text)) return { text: checkpointLabel(text, checkpointOrdinal), title: checkpointOrdinal !== undefined ? sequenceTitle(text, checkpointOrdinal) : text };
  return { text };
}

export interface TablePanelProps {
  table: TableView;
  role?: TableRole;
  /** The most recent write to this table at the playhead, if any. */
  lastWrite: WriteView | undefined;
  /** The write form (`WriteForm.tsx`), for the scenario's own tables outside presenter and embed modes. */
  form?: ReactNode;
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

/** The rows: memoised, so a frame that leaves this table's items (and its shown highlight) alone does not re-render up to 500 rows. */
const ItemRows = memo(function ItemRows({ table, attributeNames, lease, highlighted }: { table: TableView; attributeNames: readonly string[]; lease: boolean; highlighted: string | undefined }) {
  return (
    <tbody>
      {table.items.map((row) => {
        const isLast = row.keyString === highlighted;
        return (
          // Keyed by the change time too, so a changed row remounts and its flash replays.
          <tr key={`${row.keyString}@${isLast ? row.changedAtMs : 0}`} className={isLast ? 'items__row--last' : undefined} aria-current={isLast ? 'true' : undefined}>
            {attributeNames.map((name, i) => {
              const cell = lease ? leaseCell(name, row.item[name], row.checkpointOrdinal) : { text: formatAttribute(row.item[name]) };
              // The partition key names the row, so screen readers (and tests) can find a row by it.
              return i === 0 ? (
                <th key={name} scope="row" title={cell.title}>
                  {cell.text}
                </th>
              ) : (
                <td key={name} title={cell.title} className={lease && name === 'leaseOwner' ? 'items__owner' : undefined}>
                  {cell.text}
                </td>
              );
            })}
          </tr>
        );
      })}
      {table.items.length === 0 && (
        <tr>
          <td colSpan={attributeNames.length} className="items__empty">
            {lease ? 'No leases yet: the workers have not started' : 'No items yet'}
          </td>
        </tr>
      )}
    </tbody>
  );
});

/** Memoised: a frame that leaves this table, its last write and its form alone does not re-render it. */
export const TablePanel = memo(function TablePanel({ table, lastWrite, role = 'source', form }: TablePanelProps) {
  const highlighted = lastWrite && (lastWrite.outcome === 'INSERT' || lastWrite.outcome === 'MODIFY') ? lastWrite.keyString : undefined;
  // A replica in another Region is named `Votes (eu-west-1)`: an id may not hold spaces (aria-labelledby splits on them).
  const headingId = `table-${table.name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const lease = role === 'lease';
  const attributeNames = useMemo(() => (lease ? [...LEASE_ORDER, ...table.attributeNames.filter((n) => !LEASE_ORDER.includes(n))] : table.attributeNames), [lease, table.attributeNames]);
  // Only a highlight among the rows shown reaches the rows, so a write elsewhere does not re-render them.
  const shownHighlight = highlighted !== undefined && table.items.some((row) => row.keyString === highlighted) ? highlighted : undefined;
  const heading =
    role === 'lease'
      ? `${table.name} — lease table of ${table.owner}`
      : role === 'target'
        ? `${table.name} — written by ${table.owner}`
        : role === 'kcl-meta'
          ? `${table.name} — KCL 3.x metadata of ${table.owner}`
          : `${table.name} table`;
  return (
    <section className={`panel panel--table panel--table-${role}`} aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId}>{heading}</h2>
        <span className="panel__meta">
          {table.items.length} {table.items.length === 1 ? (lease ? 'lease' : 'item') : lease ? 'leases' : 'items'} · key <code>{table.keyAttributes.join(', ')}</code>
        </span>
      </header>
      {lease && (
        <p className="panel__hint table__explain">
          KCL keeps one lease per shard here: <strong>leaseOwner</strong> is the worker reading the shard, <strong>leaseCounter</strong> grows each time it renews,
          and <strong>checkpoint</strong> is where a new owner resumes (the last sequence number processed and saved).
          {table.attributeNames.includes('checkpointOwner') && (
            <>
              {' '}
              In KCL 3.x a <strong>checkpointOwner</strong> marks a graceful handoff: the old owner finishes its batch and checkpoints before the new owner starts.
            </>
          )}
        </p>
      )}
      {role === 'kcl-meta' && <p className="panel__hint table__explain">{metaExplain(table.name)}</p>}
      {role === 'target' && <p className="panel__hint table__explain">What the consumer&apos;s handler wrote downstream: compare it with the source table.</p>}
      {!lease && role !== 'kcl-meta' && (lastWrite ? <LastWrite write={lastWrite} /> : <p className="last-write last-write--none">No writes yet.</p>)}
      {form}
      {/* Focusable, so a keyboard can scroll a wide table (the lease table) sideways. */}
      <div className="table-scroll" tabIndex={0} role="group" aria-label={`${heading}, scrollable`}>
        <table className="items">
          <caption className="visually-hidden">{table.name}</caption>
          <thead>
            <tr>
              {attributeNames.map((name) => (
                <th key={name} scope="col" className={table.keyAttributes.includes(name) ? 'items__key' : undefined}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <ItemRows table={table} attributeNames={attributeNames} lease={lease} highlighted={shownHighlight} />
        </table>
      </div>
    </section>
  );
});
