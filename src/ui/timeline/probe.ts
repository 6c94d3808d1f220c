/**
 * `window.__streamscopeTimeline`: where the chips were drawn (canvas hit areas have no DOM), the
 * last draw's statistics, and a switch to measure an empty timeline. For e2e tests (type only there).
 *
 * May import: ./drawMarks.ts types.
 */
import type { DrawStats } from './drawMarks.ts';

export interface TimelineChip {
  x: number;
  y: number;
  t: number;
  shardId: string;
  sequenceNumber: string;
  deliveries: number;
}

export interface TimelineProbe {
  chips(): TimelineChip[];
  stats(): DrawStats | undefined;
  /** Draws of the marks canvas so far. */
  draws(): number;
  /** Animation frames the page's frame scheduler has run (it sleeps when nothing is scheduled). */
  schedulerFrames(): number;
  /** The playhead line's x and the x of a simulated time, in page pixels. */
  playheadX(): number | undefined;
  xOf(ms: number): number | undefined;
  /** Turns canvas drawing off or on (a measurement baseline). */
  setDrawing(on: boolean): void;
}

declare global {
  interface Window {
    __streamscopeTimeline?: TimelineProbe;
  }
}
