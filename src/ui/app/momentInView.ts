/**
 * Keeps the moment on a short stage. Where the timeline is taller than the stage's box (a phone with
 * its bottom sheet open, presenter mode, many shards) the box scrolls, and left at its top it shows
 * the timeline's tool buttons and its first lanes, not the record being explained: on a phone with
 * the sheet open that was the tools and the axis alone. The timeline marks its moment (from its axis
 * down to the lane of the selected record, or of the record the playhead last passed) with an element
 * carrying `MOMENT_ATTR`; when the box's height changes (the sheet opens) or the moment does (a record
 * is shown, a step stops) the box scrolls no further from its top than showing that band needs.
 * Nothing else scrolls it, so the learner's own scrolling is left alone in between.
 *
 * May import: React. May not import: stores, worker, sim (the stage only lays out what it is given).
 */
import { useEffect, type RefObject } from 'react';

/** The attribute of the element that spans the timeline's moment; its value changes with the moment. */
export const MOMENT_ATTR = 'data-stage-moment';

/**
 * The scrollTop that shows the band `[top, bottom)` (px from the top of the scrolled content) in a box
 * `height` px tall: the box's own top (the timeline's tools) when the band fits below it, else
 * scrolled just far enough that the band's bottom shows. The band runs from the axis down to the
 * moment's lane, and the lane is the moment: a band taller than the box shows its bottom (so only
 * the bottom decides where the box goes). Undefined where there is nothing to show (a box with no
 * height, an empty band: not laid out): the box stays where it is.
 */
export function revealScrollTop(height: number, band: { top: number; bottom: number }): number | undefined {
  if (height <= 0 || band.bottom <= band.top) return undefined;
  return Math.max(0, Math.round(band.bottom - height));
}

/** Scrolls `boxRef`'s element so the moment's band (its descendant with `MOMENT_ATTR`) stays in view. */
export function useMomentInView(boxRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const reveal = () => {
      const band = box.querySelector(`[${MOMENT_ATTR}]`);
      if (!band) return;
      const b = box.getBoundingClientRect();
      const m = band.getBoundingClientRect();
      const top = m.top - b.top + box.scrollTop;
      const next = revealScrollTop(box.clientHeight, { top, bottom: top + m.height });
      if (next !== undefined && next !== box.scrollTop) box.scrollTop = next;
    };
    const ro = new ResizeObserver(reveal);
    ro.observe(box);
    // The timeline mounting (a child of the box) and its moment changing; not every change inside
    // it (a tooltip, the legend), which would pull the box back while the learner scrolls it.
    const mo = new MutationObserver(reveal);
    mo.observe(box, { childList: true });
    mo.observe(box, { subtree: true, attributes: true, attributeFilter: [MOMENT_ATTR] });
    return () => {
      ro.disconnect();
      mo.disconnect();
    };
  }, [boxRef]);
}
