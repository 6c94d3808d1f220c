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
  /** Turns canvas drawing off or on (a measurement baseline). */
  setDrawing(on: boolean): void;
}

declare global {
  interface Window {
    __streamscopeTimeline?: TimelineProbe;
  }
}
