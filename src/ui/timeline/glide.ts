/**
 * A layer moved along x by a CSS transform (the playhead line, the veil past it). Paused, a plain
 * transform at the nearest device pixel, written only when that pixel changes. While playing, a
 * linear compositor animation (Web Animations) from where the playhead is to where it will stop, at
 * the playhead's pace: the compositor moves it every frame and the main thread writes nothing — the
 * clock may then coast (`clock/coast.ts`). Each call checks the animation against the playhead and
 * starts it again when they part by more than a device pixel (a speed change, a frame the clock
 * clamped, a seek), and the animation starts at the document timeline's current time, so both clocks
 * read the same frame time.
 *
 * May import: nothing. May not import: React, stores, worker.
 */

export interface Glide {
  /**
   * The layer at `x` (CSS px) now, moving at `pxPerMs` CSS px per wall-clock ms (0: still) until
   * `endX`. Returns whether it glides on the compositor.
   */
  at(x: number, pxPerMs: number, endX: number): boolean;
  /** Stops any animation (the layer is unmounted or re-laid out). */
  stop(): void;
}

export function glide(el: HTMLElement | SVGElement, devicePx: number): Glide {
  const snap = (x: number) => Math.round(x * devicePx) / devicePx;
  const tx = (x: number) => `translate3d(${x}px,0,0)`;
  let still = '';
  let anim: { a: Animation; x0: number; t0: number; v: number; endX: number } | undefined;
  const setStill = (x: number) => {
    const t = tx(snap(x));
    if (t === still) return;
    still = t;
    el.style.transform = t;
  };
  const stop = () => {
    anim?.a.cancel();
    anim = undefined;
  };
  return {
    at(x, pxPerMs, endX) {
      const now = document.timeline.currentTime;
      const t = typeof now === 'number' ? now : undefined;
      if (pxPerMs <= 0 || t === undefined || typeof el.animate !== 'function' || endX - x < 1 / devicePx) {
        stop();
        setStill(x);
        return false;
      }
      if (anim && anim.v === pxPerMs && anim.endX === endX) {
        const shown = Math.min(endX, anim.x0 + (t - anim.t0) * pxPerMs);
        if (Math.abs(shown - x) <= 1 / devicePx) return true;
      }
      stop();
      // The inline transform is where the layer rests when the animation is cancelled.
      setStill(x);
      const a = el.animate([{ transform: tx(x) }, { transform: tx(endX) }], { duration: (endX - x) / pxPerMs, easing: 'linear', fill: 'forwards' });
      a.startTime = t;
      anim = { a, x0: x, t0: t, v: pxPerMs, endX };
      return true;
    },
    stop,
  };
}
