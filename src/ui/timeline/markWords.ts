/**
 * What a mark under the pointer is, in words (#13.3): a record chip ("INSERT ada, #3 on shard
 * …a890, delivered twice: a harmful duplicate"), a consumer's iterator caret ("counter's iterator on
 * shard …a890, at #4") or checkpoint flag ("counter's checkpoint on shard …a890: #2").
 *
 * May import: protocol types, worker/client.ts constants, ./glyphs.ts, ./lanes.ts, ./lod.ts, format helpers.
 * May not import: React, DOM.
 */
import { EVENT_NAMES } from '../../worker/client.ts';
import { formatSimTime, shortShardId } from '../panels/format.ts';
import { sequenceLabel } from '../panels/sequenceLabel.ts';
import { chipY, CHIP_R, type MarksFrame } from './glyphs.ts';
import type { TimelineLayout } from './lanes.ts';
import { hitRecord, type Linear } from './lod.ts';

const TIMES = ['', 'once', 'twice', 'three times'];

/** The ordinal of the record of `lane` appended at `t`, if it is in the frame. */
function ordinalAt(frame: MarksFrame, lane: number, t: number): number | undefined {
  const r = frame.records;
  for (let i = 0; i < r.t.length; i++) if (r.lane[i] === lane && r.t[i] === t) return r.ordinal[i];
  return undefined;
}

export function describeMark(frame: MarksFrame, keyStrings: readonly string[], consumers: readonly string[], layout: TimelineLayout, lin: Linear, px: number, py: number): string | undefined {
  const row = layout.shards.find((s) => py >= s.y && py < s.y + s.h);
  if (!row) return undefined;
  const shard = `shard ${shortShardId(row.shardId)}`;
  const X = (t: number) => t * lin.k + lin.b;
  const cy = chipY(row.y);
  // Carets sit just after the iterator's last record; flags hang from the top of the lane.
  for (const cl of frame.consumerLanes) {
    if (cl.lane !== row.lane) continue;
    const name = consumers[cl.consumer] ?? 'a consumer';
    if (cl.iteratorMs !== undefined) {
      const cx = X(cl.iteratorMs) + CHIP_R + 4;
      if (px >= cx - 2 && px <= cx + 11 && Math.abs(py - cy) <= 8) {
        const at = ordinalAt(frame, row.lane, cl.iteratorMs);
        const where = at !== undefined ? `, after ${sequenceLabel(at)}` : '';
        return cl.expiredAtMs !== undefined
          ? `${name}'s iterator on ${shard}${where}: expired at ${formatSimTime(cl.expiredAtMs)} (unused for 15 minutes)`
          : `${name}'s iterator on ${shard}${where}: the next record it reads is the one after`;
      }
    }
    if (cl.checkpointMs !== undefined && Number.isFinite(cl.checkpointMs)) {
      const fx = X(cl.checkpointMs);
      if (px >= fx - 3 && px <= fx + 11 && py <= row.y + 10) {
        const at = ordinalAt(frame, row.lane, cl.checkpointMs);
        return `${name}'s checkpoint on ${shard}: ${at !== undefined ? sequenceLabel(at) : (cl.checkpoint ?? 'a record')} — a new owner of this shard resumes after it`;
      }
    }
  }
  const r = frame.records;
  const i = hitRecord(r.t, r.lane, r.t.length, lin, (y) => (y >= row.y && y < row.y + row.h ? row.lane : -1), px, py, 9);
  if (i < 0) return undefined;
  const event = EVENT_NAMES[r.event[i]!] ?? 'record';
  const key = keyStrings[r.key[i]!] ?? '';
  const n = r.deliveries[i]!;
  const delivered = n === 0 ? 'not delivered yet' : `delivered ${TIMES[n] ?? `${n} times`}${n > 1 ? (r.harm[i] ? ': a harmful duplicate (the result changed again)' : ': a harmless repeat') : ''}`;
  return `${event} ${key}, ${sequenceLabel(r.ordinal[i]!)} on ${shard}, written at ${formatSimTime(r.t[i]!)}; ${delivered}${r.trimmed[i] ? '; trimmed (past retention)' : ''}`;
}
