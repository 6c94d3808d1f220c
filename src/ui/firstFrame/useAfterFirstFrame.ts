/**
 * True once the live timeline's first frame is drawn (or `maxMs` has passed): for parts of the page
 * the first screen does not show (a closed dialog's contents), rendered after that frame so their
 * React work, DOM and lazily loaded chunks do not compete with it on the main thread.
 *
 * May import: React, ./afterFirstFrame.ts.
 */
import { useEffect, useState } from 'react';
import { afterFirstFrame } from './afterFirstFrame.ts';

/** Long enough for a first run on a slow machine; a page whose frame never comes still gets the parts. */
export const AFTER_FIRST_FRAME_MAX_MS = 5_000;

export function useAfterFirstFrame(maxMs = AFTER_FIRST_FRAME_MAX_MS): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    let mounted = true;
    void afterFirstFrame(maxMs).then(() => {
      if (mounted) setAfter(true);
    });
    return () => {
      mounted = false;
    };
  }, [maxMs]);
  return after;
}
