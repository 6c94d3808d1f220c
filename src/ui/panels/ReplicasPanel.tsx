/**
 * A global table's verdict at the end of the run: do its replicas in every Region hold the same
 * items, and which writes did last writer wins drop? The words come from the core's replication
 * check (`replicas-converged` / `replicas-diverged` facts); this panel only shows them.
 *
 * May import: React, protocol types. May not import: worker runtime, sim runtime.
 */
import type { ReplicaVerdictView } from '../../worker/protocol.ts';
import { formatSimTime } from './format.ts';

export function ReplicasPanel({ verdict }: { verdict: ReplicaVerdictView }) {
  const headingId = `replicas-${verdict.table}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId}>Global table {verdict.table}</h2>
        <span className="panel__meta">replicas in {verdict.regions.join(', ')}</span>
      </header>
      <div role="status">
        <p>
          <span className={`pill ${verdict.converged ? 'pill--open' : 'pill--crashed'}`}>{verdict.converged ? '✓ converged' : '✗ diverged'}</span> at {formatSimTime(verdict.atMs)}
        </p>
        <p className="panel__hint">{verdict.message}</p>
      </div>
    </section>
  );
}
