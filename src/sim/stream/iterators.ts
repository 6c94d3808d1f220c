/**
 * Shard iterators: `<StreamArn>|1|<opaque>` (recording 07), where the opaque part encodes the shard,
 * the position (index of the next record in the shard) and the time the iterator was issued.
 *
 * Iterators are stateless tokens, so the same iterator can be read twice within its lifetime and
 * returns the same records plus newer ones (recording 06). One expires 15 minutes after it was
 * issued (reference §5.3); each GetRecords response issues a fresh NextShardIterator.
 */
import { validationError, type AwsError } from '../api/errors.ts';
import { decodeAsciiBase64, encodeAsciiBase64 } from '../kernel/base64.ts';

export interface IteratorPosition {
  streamArn: string;
  shardId: string;
  /** Index, within the shard's records, of the next record to return. */
  position: number;
  issuedAtMs: number;
}

const VERSION = 'ss1';

/** A small checksum so a hand-edited iterator is refused instead of silently reading elsewhere. */
function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export function encodeIterator(it: IteratorPosition): string {
  const payload = `${VERSION}:${it.shardId}:${it.position}:${it.issuedAtMs}`;
  return `${it.streamArn}|1|${encodeAsciiBase64(`${payload}:${checksum(it.streamArn + payload)}`)}`;
}

export function decodeIterator(token: unknown): IteratorPosition {
  if (typeof token !== 'string' || token.length < 1 || token.length > 2048) {
    throw validationError('1 validation error detected: Value at \'shardIterator\' failed to satisfy constraint: Member must have length between 1 and 2048');
  }
  const invalid = (): AwsError => validationError(`Invalid ShardIterator: ${token.slice(0, 120)}`);
  const bar = token.lastIndexOf('|1|');
  if (bar < 0) throw invalid();
  const streamArn = token.slice(0, bar);
  const decoded = decodeAsciiBase64(token.slice(bar + 3));
  const parts = decoded?.split(':');
  if (!parts || parts.length !== 5 || parts[0] !== VERSION) throw invalid();
  const [, shardId, pos, issued, sum] = parts as [string, string, string, string, string];
  if (checksum(streamArn + `${VERSION}:${shardId}:${pos}:${issued}`) !== sum) throw invalid();
  const position = Number(pos);
  const issuedAtMs = Number(issued);
  if (!Number.isSafeInteger(position) || !Number.isSafeInteger(issuedAtMs)) throw invalid();
  return { streamArn, shardId, position, issuedAtMs };
}
