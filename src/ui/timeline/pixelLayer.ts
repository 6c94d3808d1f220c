/**
 * A layer moved along x by a CSS transform (the playhead line, the veil past it), written only when
 * it moves to another device pixel: a frame in which the playhead moves less than a pixel writes
 * nothing, so the page neither restyles nor commits, and the compositor draws no new frame. (A
 * compositor animation at the playhead's pace was tried: Chromium then services the animation and
 * the software compositor draws a frame on every display frame, which cost more main-thread time on
 * two cores than a transform written a few times a second.)
 *
 * May import: nothing. May not import: React, stores, worker.
 */

export interface PixelLayer {
  /** The layer at `x` CSS px, rounded to the device pixel; returns whether it moved. */
  at(x: number): boolean;
}

/** `devicePx`: device pixels per CSS pixel. */
export function pixelLayer(el: HTMLElement, devicePx: number): PixelLayer {
  let shown = '';
  return {
    at(x) {
      const t = `translate3d(${Math.round(x * devicePx) / devicePx}px,0,0)`;
      if (t === shown) return false;
      shown = t;
      el.style.transform = t;
      return true;
    },
  };
}
