/**
 * Keeps the moment on a short stage. Where the timeline is taller than the stage's box (a phone with
 * its bottom sheet open, presenter mode, many shards) the box scrolls, and left at its top it shows
 * the timeline's tool buttons and its first lanes, not the record being explained: on a phone with
 * the sheet open that was the tools and the axis alone. The timeline marks its moment (from its axis
 * down to the lane of the selected record, or of the record the playhead last passed) with an element
 * carrying `MOMENT_ATTR`; when the box's height changes (the sheet opens) or the moment does (a record
 * is shown, a step stops) the box scrolls to show that band (`revealScrollTop`): on a short stage
 * (a phone with its sheet open) with the lanes after the moment below it, elsewhere with as much of
 * the tools above it as fits. Nothing else scrolls it, so the learner's own scrolling is left alone
 * in between.
 *
 * May import: React. May not import: stores, worker, sim (the stage only lays out what it is given).
 */
import { useEffect, useRef, type RefObject } from 'react';

/** The attribute of the element that spans the timeline's moment; its value changes with the moment. */
export const MOMENT_ATTR = 'data-stage-moment';

/**
 * What a box shows beside the band when it cannot show the tools and the band together: as much of
 * the tools above the band as fits (`'tools'`), or the lanes after the moment below it (`'lanes'`: a
 * short stage, where the tools would only show cut, half a row of buttons, and the lanes come first).
 */
export type SpareRoom = 'tools' | 'lanes';

/**
 * The scrollTop that shows the band `[top, bottom)` (px from the top of the scrolled content) in a box
 * `height` px tall. The band runs from the axis down to the moment's lane. The box's own top (the
 * timeline's tools) when the band shows below the tools; else, by `spare`, scrolled just far enough
 * that the band's bottom shows, or the band's top at the box's top; and a band taller than the box
 * shows its bottom: the lane is the moment. Undefined where there is nothing to show (a box with no
 * height, an empty band: not laid out): the box stays where it is.
 */
export function revealScrollTop(height: number, band: { top: number; bottom: number }, spare: SpareRoom = 'tools'): number | undefined {
  if (height <= 0 || band.bottom <= band.top) return undefined;
  if (band.bottom <= height) return 0;
  return Math.round(spare === 'lanes' ? Math.max(band.top, band.bottom - height) : band.bottom - height);
}

/** Scrolls `box` to show the moment's band (its descendant with `MOMENT_ATTR`), as `revealScrollTop` says. */
function reveal(box: HTMLElement, spare: SpareRoom): void {
  const band = box.querySelector(`[${MOMENT_ATTR}]`);
  if (!band) return;
  const b = box.getBoundingClientRect();
  const m = band.getBoundingClientRect();
  const top = m.top - b.top + box.scrollTop;
  const next = revealScrollTop(box.clientHeight, { top, bottom: top + m.height }, spare);
  if (next !== undefined && next !== box.scrollTop) box.scrollTop = next;
}

/** Scrolls `boxRef`'s element so the moment's band (its descendant with `MOMENT_ATTR`) stays in view. */
export function useMomentInView(boxRef: RefObject<HTMLElement | null>, spare: SpareRoom = 'tools'): void {
  const spareRef = useRef(spare);
  // The stage turning short (or back) shows the band anew, the spare room going where it now should.
  useEffect(() => {
    spareRef.current = spare;
    if (boxRef.current) reveal(boxRef.current, spare);
  }, [boxRef, spare]);
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const onChange = () => reveal(box, spareRef.current);
    const ro = new ResizeObserver(onChange);
    ro.observe(box);
    // The timeline mounting (a child of the box) and its moment changing; not every change inside
    // it (a tooltip, the legend), which would pull the box back while the learner scrolls it.
    const mo = new MutationObserver(onChange);
    mo.observe(box, { childList: true });
    mo.observe(box, { subtree: true, attributes: true, attributeFilter: [MOMENT_ATTR] });
    return () => {
      ro.disconnect();
      mo.disconnect();
    };
  }, [boxRef]);
}
