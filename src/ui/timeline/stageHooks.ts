/**
 * The timeline's two hooks on the page: whether the user asked for reduced motion (the overlay then
 * draws states without travel), and the stage's width (the layout is redone when it changes).
 *
 * May import: React. May not import: worker, sim.
 */
import { useEffect, useState } from 'react';

export function useReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(query);
    const on = () => setReduced(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return reduced;
}

/** Below this the labels and the plot no longer both fit (a 320 px phone's stage is about 300 px). */
const MIN_STAGE_WIDTH = 280;

export function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(1200);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The stage's own width, down to the narrowest phone's: a floor above it (480 px once) drew the
    // plot wider than a 390 px page and cut its last third off, playhead and crash included.
    const ro = new ResizeObserver(([entry]) => entry && setWidth(Math.max(MIN_STAGE_WIDTH, Math.floor(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
