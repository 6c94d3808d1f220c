/**
 * One stream at the playhead: a lane per shard (id, open/closed, parent) holding its records in
 * sequence order. A record is a chip: event name, item key, its place on the shard (`#n`), append time.
 * Clicking a chip selects it for the inspector. A lane lists only its newest `STREAM_ROWS` records
 * (those nearest the playhead) and counts the rest, so a run with thousands of records in view
 * renders a few dozen buttons; chips are memoised on their (primitive) fields, so a frame that
 * changes nothing on a chip does not re-render it.
 *
 * May import: React, protocol types, the view store, format helpers. May not import: worker/sim runtime.
 */
import { memo } from 'react';
import type { ShardView, StreamView } from '../../worker/protocol.ts';
import { STREAM_ROWS } from '../app/frameView.ts';
import { recordSelected, useViewStore } from '../stores/view.store.ts';
import { formatSimTime, shortShardId } from './format.ts';
import { sequenceLabel, sequenceTitle } from './sequenceLabel.ts';
import './stream.css';

export interface StreamPanelProps {
  stream: StreamView;
  /** Records appended at this time are the newest and get highlighted. */
  latestAtMs: number | undefined;
}

interface ChipProps {
  streamArn: string;
  shardId: string;
  sequenceNumber: string;
  ordinal: number;
  byService: boolean;
  eventName: string;
  keySummary: string;
  atMs: number;
  trimmed: boolean;
  isNew: boolean;
}

const RecordChip = memo(function RecordChip({ streamArn, shardId, sequenceNumber, ordinal, eventName, keySummary, atMs, trimmed, isNew, byService }: ChipProps) {
  const selected = useViewStore(
    (s) => s.selectedRecord?.sequenceNumber === sequenceNumber && s.selectedRecord.shardId === shardId && s.selectedRecord.streamArn === streamArn,
  );
  const classes = ['chip', `chip--${eventName.toLowerCase()}`, byService && 'chip--service', isNew && 'chip--new', trimmed && 'chip--trimmed', selected && 'chip--selected'];
  return (
    <li>
      <button
        type="button"
        className={classes.filter(Boolean).join(' ')}
        aria-pressed={selected}
        aria-label={`${eventName}${byService ? ' by TTL (the service)' : ''} ${keySummary}, record ${sequenceLabel(ordinal)} on the shard, at ${formatSimTime(atMs)}`}
        title={sequenceTitle(sequenceNumber, ordinal)}
        onClick={() => recordSelected({ streamArn, shardId, sequenceNumber })}
      >
        <span className="chip__event">
          {eventName}
          {byService && <span className="chip__service" title="Written by the DynamoDB service (userIdentity dynamodb.amazonaws.com): a TTL deletion, not a user's"> · TTL</span>}
        </span>
        <span className="chip__key">{keySummary}</span>
        <span className="chip__seq">{sequenceLabel(ordinal)}</span>
        <span className="chip__time">{formatSimTime(atMs)}</span>
      </button>
    </li>
  );
});

function ShardLane({ shard, streamArn, latestAtMs }: { shard: ShardView; streamArn: string; latestAtMs: number | undefined }) {
  const short = shortShardId(shard.shardId);
  const total = shard.recordCount ?? shard.records.length;
  const shown = shard.records.length > STREAM_ROWS ? shard.records.slice(-STREAM_ROWS) : shard.records;
  const older = total - shown.length;
  return (
    <section className={`lane lane--${shard.status}`} aria-label={`Shard ${short}`}>
      <header className="lane__header">
        <span className="lane__id" title={shard.shardId}>
          Shard {short}
        </span>
        <span className={`pill pill--${shard.status}`}>{shard.status}</span>
        <span className="lane__meta">
          {shard.parentShardId ? <>parent {shortShardId(shard.parentShardId)} · </> : null}
          partition {shard.partition} · {total} {total === 1 ? 'record' : 'records'}
          {shard.closedAtMs !== undefined ? ` · closed ${formatSimTime(shard.closedAtMs)} (${shard.closeReason ?? 'closed'})` : null}
        </span>
      </header>
      {older > 0 && (
        <p className="lane__older">
          {older} older {older === 1 ? 'record' : 'records'} not listed: the timeline shows them
        </p>
      )}
      {shown.length > 0 ? (
        <ol className="lane__records" aria-label={`Records on shard ${short}`}>
          {shown.map((rec) => (
            <RecordChip
              key={rec.sequenceNumber}
              streamArn={streamArn}
              shardId={shard.shardId}
              sequenceNumber={rec.sequenceNumber}
              ordinal={rec.ordinal}
              byService={rec.byService === true}
              eventName={rec.eventName}
              keySummary={rec.keySummary}
              atMs={rec.atMs}
              trimmed={rec.trimmed}
              isNew={rec.atMs === latestAtMs}
            />
          ))}
        </ol>
      ) : (
        <p className="lane__empty">No records yet</p>
      )}
    </section>
  );
}

/** Same shard as drawn: its fields, and the same record views (reused by the frame view while unchanged). */
function sameShard(a: ShardView, b: ShardView): boolean {
  if (a === b) return true;
  if (a.shardId !== b.shardId || a.parentShardId !== b.parentShardId || a.status !== b.status || a.closedAtMs !== b.closedAtMs || a.closeReason !== b.closeReason) return false;
  if (a.partition !== b.partition || a.openedAtMs !== b.openedAtMs || a.recordCount !== b.recordCount || a.records.length !== b.records.length) return false;
  return a.records.every((r, i) => r === b.records[i]);
}

/**
 * The frame view builds a new stream object each time the panels refresh (4 times a second while
 * playing); the panel re-renders only when what it draws differs (#13: 0 renders for unchanged data).
 */
export function sameStreamProps(a: StreamPanelProps, b: StreamPanelProps): boolean {
  const [x, y] = [a.stream, b.stream];
  if (a.latestAtMs !== b.latestAtMs) return false;
  if (x === y) return true;
  if (x.streamArn !== y.streamArn || x.table !== y.table || x.viewType !== y.viewType || x.label !== y.label || x.enabled !== y.enabled) return false;
  return x.shards.length === y.shards.length && x.shards.every((s, i) => sameShard(s, y.shards[i]!));
}

export const StreamPanel = memo(function StreamPanel({ stream, latestAtMs }: StreamPanelProps) {
  const recordCount = stream.shards.reduce((n, s) => n + (s.recordCount ?? s.records.length), 0);
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
}, sameStreamProps);
