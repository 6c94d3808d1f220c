/**
 * The URL fragment `#s=1.…` and the user's last scenario (localStorage `streamscope.last`).
 *
 * - `initialLink` is read ONCE, when this module is first imported (before the app renders): the
 *   decoded payload, a named failure, or nothing. The user's last scenario is read at the same
 *   moment, so a bad link can offer it back even after the app has moved on.
 * - `writeLink(fragment)` replaces the URL (history.replaceState, no new history entry) and saves
 *   the same fragment as the last scenario. Writes are throttled (browsers refuse floods of
 *   replaceState while playing); the newest always lands.
 *
 * May import: share codec. May not import: worker, sim, React.
 */
import { decodeLink, type DecodeResult } from '../../share/codec.ts';

export const LAST_SCENARIO_KEY = 'streamscope.last';
const WRITE_EVERY_MS = 250;

export type InitialLink = { kind: 'none' } | { kind: 'link'; result: DecodeResult };

function readLinkOnce(): InitialLink {
  if (typeof location === 'undefined') return { kind: 'none' };
  const hash = location.hash;
  if (hash === '' || hash === '#') return { kind: 'none' };
  return { kind: 'link', result: decodeLink(hash) };
}

function readLast(): string | undefined {
  try {
    const value = localStorage.getItem(LAST_SCENARIO_KEY) ?? undefined;
    return value && decodeLink(value).ok ? value : undefined;
  } catch {
    return undefined; // storage disabled: nothing to offer
  }
}

export const initialLink: InitialLink = readLinkOnce();
/** The last scenario as it was when the app started (a fragment `s=1.…`), if it still decodes. */
export const lastAtStart: string | undefined = readLast();

let written = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
let pending: string | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  timer = undefined;
  if (pending === undefined || pending === written) return;
  written = pending;
  pending = undefined;
  try {
    history.replaceState(history.state, '', `#${written}`);
  } catch {
    // Throttled by the browser: try again with the next change.
  }
  try {
    localStorage.setItem(LAST_SCENARIO_KEY, written);
  } catch {
    // Storage full or disabled: the link in the address bar still carries the state.
  }
}

/** Writes the fragment (without `#`) to the URL and to the last-scenario slot, at most every 250 ms. */
export function writeLink(fragment: string, immediately = false): void {
  pending = fragment;
  if (immediately) {
    if (timer !== undefined) clearTimeout(timer);
    flush();
    return;
  }
  timer ??= setTimeout(flush, WRITE_EVERY_MS);
}

/** The address of the current state: this page with the fragment. */
export function linkUrl(fragment: string): string {
  return `${location.origin}${location.pathname}${location.search}#${fragment}`;
}
