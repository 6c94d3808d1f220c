/**
 * Share links: a link payload ⇄ the URL fragment `#s=<version>.<data>`, where data is
 * JSON → deflate-raw (fflate) → base64url.
 *
 * Decoding never throws and never trusts its input: it limits the link's length and the inflated
 * size (a small link must not expand into gigabytes), then validates with the schema. A failure is a
 * value naming what could not be restored, so the UI can say so and keep the user's state.
 *
 * May import: fflate, zod schemas (share, scenarios), scenario catalogue. May not import: worker, ui.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { LINK_VERSION, LinkPayloadSchema, type LinkPayload } from './schema.ts';
import { migrateToCurrent } from './migrations.ts';

/** Links longer than this are refused before any decoding. */
export const MAX_LINK_CHARS = 64_000;
export { LINK_FILE_THRESHOLD_CHARS } from './limits.ts';
/**
 * A decoded payload may not inflate beyond this. Links past 8,000 characters are already steered to
 * scenario files, so a real link inflates to far less; the cap keeps a crafted one fast to refuse.
 */
export const MAX_INFLATED_BYTES = 1_000_000;

export type DecodeFailureReason = 'not-a-link' | 'too-long' | 'too-new' | 'unknown-version' | 'corrupt' | 'invalid';

export type DecodeResult =
  | { ok: true; payload: LinkPayload; migratedFrom?: number }
  | { ok: false; reason: DecodeFailureReason; message: string; details?: string[] };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return undefined;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Compressed bytes fed to the inflater at a time. Deflate expands at most about 1,032:1, so one
 * slice yields at most ~264 KB: the cap is checked while inflating, not after (a 62 KB link once
 * inflated to 48 MB before it was refused).
 */
const INFLATE_SLICE_BYTES = 256;

/**
 * Inflates raw deflate data, giving up past `limit` bytes (a decompression bomb) or on bad data.
 * `onChunk` sees each piece as it is produced (the tests measure the work done before a refusal).
 */
export function inflateLimited(data: Uint8Array, limit: number, onChunk?: (bytes: number) => void): Uint8Array | 'too-big' | undefined {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  try {
    const inflater = new Inflate((chunk) => {
      onChunk?.(chunk.length);
      total += chunk.length;
      if (total > limit) {
        tooBig = true;
        throw new Error('inflate limit');
      }
      chunks.push(chunk);
    });
    for (let i = 0; i < data.length || i === 0; i += INFLATE_SLICE_BYTES) inflater.push(data.subarray(i, i + INFLATE_SLICE_BYTES), i + INFLATE_SLICE_BYTES >= data.length);
  } catch {
    return tooBig ? 'too-big' : undefined;
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** Encodes a payload as the fragment, without the leading `#`: `s=1.<data>`. */
export function encodeLink(payload: LinkPayload): string {
  const json = JSON.stringify(LinkPayloadSchema.parse(payload));
  return `s=${LINK_VERSION}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

/** Decodes a fragment (with or without `#`). */
export function decodeLink(fragment: string): DecodeResult {
  const hash = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (hash.length > MAX_LINK_CHARS) {
    return { ok: false, reason: 'too-long', message: `The link is ${hash.length.toLocaleString('en-US')} characters long; links longer than ${MAX_LINK_CHARS.toLocaleString('en-US')} are not opened. Share a scenario file instead.` };
  }
  // Any number of digits: `s=99999.` is a link from a (much) newer version, not "no scenario".
  const m = /^s=(\d+)\.(.*)$/s.exec(hash);
  if (!m) return { ok: false, reason: 'not-a-link', message: 'This address has no Streamscope scenario in it (it should end in #s=1.…).' };
  const version = Number(m[1]);
  if (version > LINK_VERSION) {
    return { ok: false, reason: 'too-new', message: `This link was made by a newer Streamscope (link version ${version}; this app reads up to ${LINK_VERSION}). Reload to get the latest version.` };
  }
  const bytes = fromBase64Url(m[2]!);
  if (!bytes) return { ok: false, reason: 'corrupt', message: 'The link is damaged: it contains characters a Streamscope link never has. It may have been cut or edited when it was copied.' };
  const inflated = inflateLimited(bytes, MAX_INFLATED_BYTES);
  if (inflated === 'too-big') return { ok: false, reason: 'too-long', message: 'The link expands to more data than a scenario may hold; it was not opened.' };
  if (!inflated) return { ok: false, reason: 'corrupt', message: 'The link is damaged: its data does not decompress. It may have been cut off when it was copied.' };
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflated));
  } catch {
    return { ok: false, reason: 'corrupt', message: 'The link is damaged: its data is not readable.' };
  }
  const migrated = migrateToCurrent(version, json);
  if (!migrated.ok) return { ok: false, reason: 'unknown-version', message: migrated.message };
  const parsed = LinkPayloadSchema.safeParse(migrated.value);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map((i) => `${i.path.map(String).join('.') || '(link)'}: ${i.message}`);
    return { ok: false, reason: 'invalid', message: 'The link opened, but what it describes is not a valid scenario, so nothing from it was applied.', details };
  }
  return { ok: true, payload: parsed.data, ...(version !== LINK_VERSION ? { migratedFrom: version } : {}) };
}
