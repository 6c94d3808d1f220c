/**
 * Streamscope's shard iterators as data: `<StreamArn>|1|<base64 of "ss1:<shardId>:<position>:<issuedAtMs>:<checksum>">`,
 * the format `sim/stream/iterators.ts` issues (a test holds the two together). AWS iterators are
 * opaque, so the importer can learn a page's shard only from one of ours; any other iterator gives
 * the stream ARN (the part before `|1|`) and nothing else.
 *
 * Pure. May import: nothing. May not import: DOM, sim runtime, worker, ui.
 */

const VERSION = 'ss1';

function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toBase64(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const a = ascii.charCodeAt(i);
    const b = i + 1 < ascii.length ? ascii.charCodeAt(i + 1) : -1;
    const c = i + 2 < ascii.length ? ascii.charCodeAt(i + 2) : -1;
    const n = (a << 16) | ((b < 0 ? 0 : b) << 8) | (c < 0 ? 0 : c);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (b < 0 ? '=' : ALPHABET[(n >> 6) & 63]!) + (c < 0 ? '=' : ALPHABET[n & 63]!);
  }
  return out;
}

function fromBase64(s: string): string | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  let out = '';
  for (let i = 0; i < s.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => (s[i + k] === '=' ? 0 : ALPHABET.indexOf(s[i + k]!)));
    const n = (v[0]! << 18) | (v[1]! << 12) | (v[2]! << 6) | v[3]!;
    out += String.fromCharCode((n >> 16) & 255);
    if (s[i + 2] !== '=') out += String.fromCharCode((n >> 8) & 255);
    if (s[i + 3] !== '=') out += String.fromCharCode(n & 255);
  }
  return out;
}

/** The stream ARN an iterator starts with (AWS's and ours: `<StreamArn>|1|…`), if it has that form. */
export function iteratorStreamArn(iterator: string): string | undefined {
  const bar = iterator.lastIndexOf('|1|');
  return bar > 0 ? iterator.slice(0, bar) : undefined;
}

/** The shard a Streamscope iterator names, or undefined for any other iterator. */
export function iteratorShard(iterator: string): string | undefined {
  const bar = iterator.lastIndexOf('|1|');
  if (bar < 0) return undefined;
  const streamArn = iterator.slice(0, bar);
  const parts = fromBase64(iterator.slice(bar + 3))?.split(':');
  if (!parts || parts.length !== 5 || parts[0] !== VERSION) return undefined;
  const [, shardId, pos, issued, sum] = parts as [string, string, string, string, string];
  return checksum(streamArn + `${VERSION}:${shardId}:${pos}:${issued}`) === sum ? shardId : undefined;
}

/** A Streamscope iterator for a position in a shard (what GetRecords would hand back as NextShardIterator). */
export function streamscopeIterator(streamArn: string, shardId: string, position: number, issuedAtMs: number): string {
  const payload = `${VERSION}:${shardId}:${position}:${issuedAtMs}`;
  return `${streamArn}|1|${toBase64(`${payload}:${checksum(streamArn + payload)}`)}`;
}
