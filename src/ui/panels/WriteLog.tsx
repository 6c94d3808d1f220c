/**
 * The scenario's writes so far (its own tables, not consumers' lease or target bookkeeping), newest
 * first, with what each did to the stream. Makes the lesson visible: a refused write is listed here
 * but has no record on any shard.
 *
 * May import: React, protocol types, format helpers. May not import: worker/sim runtime.
 */
import { memo } from 'react';
import type { WriteView } from '../../worker/protocol.ts';
import { formatSimTime } from './format.ts';

const OUTCOME_LABEL: Record<WriteView['outcome'], string> = {
  INSERT: 'INSERT',
  MODIFY: 'MODIFY',
  REMOVE: 'REMOVE',
  'no-op': 'no change',
  rejected: 'refused',
};

/** A global table's replica outside its home Region, as the views name it: `Votes (eu-west-1)`. */
const REPLICA_NAME = / \([a-z0-9-]+\)$/;

/** One write: memoised (write views are reused while the writes part is unchanged; otherwise it compares cheaply). */
const WriteRow = memo(
  function WriteRow({ write: w, last, showTable }: { write: WriteView; last: boolean; showTable: boolean }) {
    return (
      <li className={last ? 'writes__item writes__item--last' : 'writes__item'}>
        <span className="writes__time">{formatSimTime(w.atMs)}</span>
        <code className="writes__op">{w.op}</code>
        <span className="writes__key">
          {w.keySummary}
          {showTable ? <span className="writes__table"> · {w.table}</span> : null}
        </span>
        <span className={`outcome outcome--${w.outcome}`} title={w.reason}>
          {OUTCOME_LABEL[w.outcome]}
        </span>
      </li>
    );
  },
  (a, b) =>
    a.last === b.last &&
    a.showTable === b.showTable &&
    (a.write === b.write ||
      (a.write.atMs === b.write.atMs && a.write.keyString === b.write.keyString && a.write.op === b.write.op && a.write.outcome === b.write.outcome && a.write.table === b.write.table && a.write.keySummary === b.write.keySummary && a.write.reason === b.write.reason)),
);

/** Memoised: the writes part is the same array while no write happened (#13: no render for unchanged data). */
export const WriteLog = memo(function WriteLog({ writes, total }: { writes: readonly WriteView[]; total?: number | undefined }) {
  // With replicas in several Regions, each write says which replica (Region) took it.
  const showTable = writes.some((w) => REPLICA_NAME.test(w.table));
  return (
    <section className="panel" aria-labelledby="writes-heading">
      <header className="panel__header">
        <h2 id="writes-heading">Writes</h2>
        <span className="panel__meta">{total ?? writes.length} so far{total !== undefined && total > writes.length ? ` (latest ${writes.length} shown)` : ''}</span>
      </header>
      {writes.length === 0 ? (
        <p className="panel__hint">Press Play: the scenario&apos;s writes appear here as they happen.</p>
      ) : (
        <ol className="writes" aria-label="Writes, newest first">
          {writes.map((w, i) => (
            // Keyed by the write's place among all writes, so a new write adds one row and the rest stay.
            <WriteRow key={`${w.atMs}:${w.keyString}:${(total ?? writes.length) - i}`} write={w} last={i === 0} showTable={showTable} />
          ))}
        </ol>
      )}
    </section>
  );
});
