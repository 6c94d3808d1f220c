/**
 * Consumers at the playhead, from the frame: each consumer's workers (running or crashed), its last
 * checkpoint per shard, and the checks it has broken. Shown only when the scenario has consumers.
 *
 * May import: React, protocol types, format helpers. May not import: worker/sim runtime.
 */
import type { ConsumerView } from '../../worker/protocol.ts';
import { formatSimTime, shortSequence, shortShardId } from './format.ts';

export function ConsumersPanel({ consumers }: { consumers: readonly ConsumerView[] }) {
  return (
    <section className="panel" aria-labelledby="consumers-heading">
      <header className="panel__header">
        <h2 id="consumers-heading">Consumers</h2>
      </header>
      <div className="consumers">
        {consumers.map((c) => (
          <section key={c.id} className="consumer" aria-label={`Consumer ${c.id}`}>
            <h3 className="consumer__id">{c.id}</h3>
            <ul className="consumer__workers">
              {c.workers.map((w) => (
                <li key={w.worker}>
                  <span className={`pill pill--${w.status === 'crashed' ? 'crashed' : 'open'}`}>{w.status}</span> {w.worker} since {formatSimTime(w.sinceMs)}
                </li>
              ))}
            </ul>
            {c.checkpoints.length > 0 && (
              <ul className="consumer__checkpoints" aria-label={`Checkpoints of ${c.id}`}>
                {c.checkpoints.map((k) => (
                  <li key={k.shardId}>
                    ⚑ shard {shortShardId(k.shardId)} at <code>{/^\d+$/.test(k.value) ? shortSequence(k.value) : k.value}</code> ({formatSimTime(k.atMs)})
                  </li>
                ))}
              </ul>
            )}
            {c.broken.map((b) => (
              <p key={b.check} className="consumer__broken" role="note">
                ✗ {b.check}: {b.message}
              </p>
            ))}
          </section>
        ))}
      </div>
    </section>
  );
}
