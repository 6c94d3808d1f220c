/**
 * Whether the playground's clock may coast: tick the playback machine about 12 times a second
 * instead of every animation frame. The stage allows it while nothing on it needs a main-thread
 * frame — the playhead and the veil glide on the compositor (`timeline/glide.ts`), nothing travels
 * or is held on the overlay, and the next fact is further away than two coasting ticks — so a frame
 * in which only the playhead moves runs no JavaScript beyond this check (#13). The compare view's
 * clock never coasts.
 *
 * May import: nothing. May not import: React, stores, worker.
 */

/** Wall-clock ms between two ticks while coasting (under the machine's `MAX_FRAME_MS`). */
export const COAST_MS = 80;

let allowed: (() => boolean) | undefined;

/** The stage says when the clock may coast; the returned function withdraws it. */
export function allowCoasting(when: () => boolean): () => void {
  allowed = when;
  return () => {
    if (allowed === when) allowed = undefined;
  };
}

/** Whether the clock may skip this animation frame's tick. */
export function mayCoast(): boolean {
  return allowed?.() ?? false;
}
