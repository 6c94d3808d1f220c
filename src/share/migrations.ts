/**
 * Link migrations: each step takes the payload of version n to n + 1. Version 1 is the first
 * released format, so there is nothing to migrate yet; a link of an unknown older version is
 * refused with a message rather than guessed at.
 */
import { LINK_VERSION } from './schema.ts';

type Migration = (payload: unknown) => unknown;

/** MIGRATIONS[n] turns a version-n payload into version n + 1. */
const MIGRATIONS: Record<number, Migration> = {};

export function migrateToCurrent(version: number, payload: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  let value = payload;
  for (let v = version; v < LINK_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, message: `Links of version ${version} cannot be opened by this Streamscope.` };
    value = step(value);
  }
  if (version < 1) return { ok: false, message: `Links of version ${version} never existed; this link is damaged.` };
  return { ok: true, value };
}
