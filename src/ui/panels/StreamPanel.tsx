/**
 * One stream at the playhead: a lane per shard (id, open/closed, parent) holding its records in
 * sequence order. A record is a chip: event name, item key, short sequence number, append time.
 * Clicking a chip selects it for the inspector. The real animated timeline replaces this later.
 *
 * May import: React, protocol types, the view store, format helpers. May not import: worker/sim runtime.
 */
import type { RecordView, ShardView, StreamView } from '../../worker/protocol.ts';
import { recordSelected, useViewStore } from '../stores/view.store.ts';
import { formatSimTime, shortSequence, shortShardId } from './format.ts';

export interface StreamPanelProps {
  stream: StreamView;
  /** Records appended at this time are the newest and get highlighted. */
  latestAtMs: number | undefined;
}

function RecordChip({ rec, streamArn, shardId, isNew }: { rec: RecordView; streamArn: string; shardId: string; isNew: boolean }) {
  const selected = useViewStore(
    (s) => s.selectedRecord?.sequenceNumber === rec.sequenceNumber && s.selectedRecord.shardId === shardId && s.selectedRecord.streamArn === streamArn,
  );
  const classes = ['chip', `chip--${rec.eventName.toLowerCase()}`, isNew && 'chip--new', rec.trimmed && 'chip--trimmed', selected && 'chip--selected'];
  return (
    <li>
      <button
        type="button"
        className={classes.filter(Boolean).join(' ')}
        aria-pressed={selected}
        aria-label={`${rec.eventName} ${rec.keySummary}, sequence ${shortSequence(rec.sequenceNumber)}, at ${formatSimTime(rec.atMs)}`}
        title={`SequenceNumber ${rec.sequenceNumber}`}
        onClick={() => recordSelected({ streamArn, shardId, sequenceNumber: rec.sequenceNumber })}
      >
        <span className="chip__event">{rec.eventName}</span>
        <span className="chip__key">{rec.keySummary}</span>
        <span className="chip__seq">#{shortSequence(rec.sequenceNumber)}</span>
        <span className="chip__time">{formatSimTime(rec.atMs)}</span>
      </button>
    </li>
  );
}

function ShardLane({ shard, streamArn, latestAtMs }: { shard: ShardView; streamArn: string; latestAtMs: number | undefined }) {
  const short = shortShardId(shard.shardId);
  return (
    <section className={`lane lane--${shard.status}`} aria-label={`Shard ${short}`}>
      <header className="lane__header">
        <span className="lane__id" title={shard.shardId}>
          Shard {short}
        </span>
        <span className={`pill pill--${shard.status}`}>{shard.status}</span>
        <span className="lane__meta">
          {shard.parentShardId ? <>parent {shortShardId(shard.parentShardId)} · </> : null}
          partition {shard.partition} · {shard.records.length} {shard.records.length === 1 ? 'record' : 'records'}
          {shard.closedAtMs !== undefined ? ` · closed ${formatSimTime(shard.closedAtMs)} (${shard.closeReason ?? 'closed'})` : null}
        </span>
      </header>
      {shard.records.length > 0 ? (
        <ol className="lane__records" aria-label={`Records on shard ${short}`}>
          {shard.records.map((rec) => (
            <RecordChip key={rec.sequenceNumber} rec={rec} streamArn={streamArn} shardId={shard.shardId} isNew={rec.atMs === latestAtMs} />
          ))}
        </ol>
      ) : (
        <p className="lane__empty">No records yet</p>
      )}
    </section>
  );
}

export function StreamPanel({ stream, latestAtMs }: StreamPanelProps) {
  const recordCount = stream.shards.reduce((n, s) => n + s.records.length, 0);
  const open = stream.shards.filter((s) => s.status === 'open').length;
  // One panel per stream (a global table has one per Region): each needs its own heading id.
  const headingId = `stream-${stream.streamArn.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId}>Stream of {stream.table}</h2>
        <span className="panel__meta">
          <code>{stream.viewType}</code> · label <code>{stream.label}</code> · {open} open {open === 1 ? 'shard' : 'shards'} of {stream.shards.length} ·{' '}
          {recordCount} {recordCount === 1 ? 'record' : 'records'}
          {stream.enabled ? '' : ' · disabled'}
        </span>
      </header>
      <div className="lanes">
        {stream.shards.map((shard) => (
          <ShardLane key={shard.shardId} shard={shard} streamArn={stream.streamArn} latestAtMs={latestAtMs} />
        ))}
      </div>
    </section>
  );
}
