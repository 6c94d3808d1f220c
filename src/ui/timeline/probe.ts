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
  /** The colour its chip is filled with (untrimmed): the item key's, or the value's (`view.colourBy`). */
  colour: string;
}

export interface TimelineProbe {
  chips(): TimelineChip[];
  stats(): DrawStats | undefined;
  /** Frames the layered canvas drew so far (the overlay is drawn on each). */
  draws(): number;
  /** Redraws per layer so far: the static and marks layers only when what they show changed. */
  layerDraws(): { overlay: number; marks: number; static: number };
  /** Each consumer's iterator caret as last drawn: simulated time it stands at and page x. */
  carets(): Array<{ consumer: number; lane: number; atMs: number; x: number }>;
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
