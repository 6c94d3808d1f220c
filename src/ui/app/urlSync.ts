/**
 * The URL fragment `#s=1.…` and the user's last scenario (localStorage `streamscope.last`).
 *
 * - `initialLink` is read ONCE, by `readStartUrl()`, which the entry awaits before the app renders:
 *   the decoded payload, a named failure, or nothing. The user's last scenario is read at the same
 *   moment, so a bad link can offer it back even after the app has moved on. The codec (with zod)
 *   is loaded only when there is a link or a last scenario to decode: a first visit to the bare
 *   address starts without it.
 * - `writeLink(fragment, immediately, runId)` replaces the URL (history.replaceState, no new history
 *   entry) and saves the same fragment as the last scenario. Writes are throttled (browsers refuse
 *   floods of replaceState while playing); the newest always lands.
 * - A bad link costs nothing (issue 21.6): the run the app falls back to writes neither the address
 *   bar (the bad link stays there to be read or corrected) nor the last scenario, until another run
 *   is loaded (the user's choice: a scenario, an intervention, their last scenario restored).
 * - `watchPastedLinks` honours a link pasted into the open tab (`hashchange`).
 *
 * May import: share codec (types; the code through ../share/lazyCodec.ts). May not import: worker, sim, React.
 */
import type { DecodeResult } from '../../share/codec.ts';
import { loadCodec, type Codec } from '../share/lazyCodec.ts';

export const LAST_SCENARIO_KEY = 'streamscope.last';
const WRITE_EVERY_MS = 250;

export type InitialLink = { kind: 'none' } | { kind: 'link'; result: DecodeResult };

function startHash(): string | undefined {
  if (typeof location === 'undefined') return undefined;
  const hash = location.hash;
  return hash === '' || hash === '#' ? undefined : hash;
}

function storedLast(): string | undefined {
  try {
    return localStorage.getItem(LAST_SCENARIO_KEY) || undefined;
  } catch {
    return undefined; // storage disabled: nothing to offer
  }
}

/** The link the app was opened with (set by `readStartUrl`). */
export let initialLink: InitialLink = { kind: 'none' };
/** The last scenario as it was when the app started (a fragment `s=1.…`), if it still decodes (set by `readStartUrl`). */
export let lastAtStart: string | undefined;

let started: Promise<void> | undefined;

/** Reads the link and the last scenario once; the entry awaits it before rendering the app. */
export function readStartUrl(): Promise<void> {
  return (started ??= (async () => {
    const hash = startHash();
    const last = storedLast();
    if (hash === undefined && last === undefined) return;
    let codec: Codec;
    try {
      codec = await loadCodec();
    } catch {
      return; // the chunk did not load (offline before the first visit finished): start with the default
    }
    if (hash !== undefined) initialLink = { kind: 'link', result: codec.decodeLink(hash) };
    if (initialLink.kind === 'link' && !initialLink.result.ok) holdNextRun();
    lastAtStart = last !== undefined && codec.decodeLink(last).ok ? last : undefined;
  })());
}

let written = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
let pending: string | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

/** The run whose state is not written (a fallback after a bad link): `undefined` = the next run to write, `null` = none. */
let held: number | undefined | null = null;

/** The next run to be written is a fallback: it writes nothing until another run replaces it. */
export function holdNextRun(): void {
  held = undefined;
  pending = undefined;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

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

/** Writes the fragment (without `#`) of run `runId` to the URL and to the last-scenario slot, at most every 250 ms. */
export function writeLink(fragment: string, immediately = false, runId?: number): void {
  if (held !== null && runId !== undefined) {
    if (held === undefined) held = runId;
    if (held === runId) return;
    held = null;
  }
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

/**
 * Calls `open` with each link pasted into the address bar of the open tab (a `hashchange` the app's
 * own writes did not cause: replaceState fires none). A bad one is the caller's to report; it keeps
 * the run on screen, so nothing is written until the user acts.
 */
export function watchPastedLinks(open: (result: DecodeResult) => void): () => void {
  const onChange = () => {
    const hash = location.hash.replace(/^#/, '');
    if (hash === '' || hash === written) return;
    void loadCodec().then((codec) => {
      const result = codec.decodeLink(hash);
      written = hash;
      if (!result.ok) holdNextRun();
      open(result);
    });
  };
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
