/**
 * How long the playground's clock may coast: sleep between two ticks of the playback machine
 * instead of ticking every animation frame. The stage allows it while nothing on it needs a frame —
 * nothing on the overlay travels or is held, the frame in hand holds for two more ticks — for as long
 * as the playhead takes to move one device pixel (at most `COAST_MS`): at 1× on a whole-run view the
 * clock ticks about 14 times a second and each tick moves the line and the veil a pixel, so the frames
 * between run no JavaScript and draw nothing new (#13). The compare view's clock never coasts.
 *
 * May import: nothing. May not import: React, stores, worker.
 */

/** The longest sleep between two ticks while coasting (wall ms; under the machine's `MAX_FRAME_MS`). */
export const COAST_MS = 80;

/** Shorter sleeps than this are not worth a timer: the clock ticks every frame. */
export const MIN_COAST_MS = 30;

let allowed: (() => number) | undefined;

/** The stage says how long the clock may sleep (0: not at all); the returned function withdraws it. */
export function allowCoasting(ms: () => number): () => void {
  allowed = ms;
  return () => {
    if (allowed === ms) allowed = undefined;
  };
}

/** How long (wall ms) the clock may sleep after its last tick; 0 when it must tick every frame. */
export function coastMs(): number {
  const ms = allowed?.() ?? 0;
  return ms >= MIN_COAST_MS ? Math.min(ms, COAST_MS) : 0;
}
