/**
 * How many panels show the text event log now (the dock's log tab). The worker builds the log only
 * for a frame that asks for it (`FrameRequest.eventLog`, a chunk of its own in the worker): the
 * frame requests ask while a panel shows it, and ask again at once when the first one opens.
 *
 * May import: zustand. May not import: React, worker runtime, sim.
 */
import { createStore } from 'zustand/vanilla';

export const eventLogReaders = createStore<{ count: number }>()(() => ({ count: 0 }));

/** A panel that shows the log opened; the function returned says it closed. */
export function eventLogShown(): () => void {
  eventLogReaders.setState((s) => ({ count: s.count + 1 }));
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    eventLogReaders.setState((s) => ({ count: s.count - 1 }));
  };
}

/** Whether a frame should carry the event log. */
export function eventLogWanted(): boolean {
  return eventLogReaders.getState().count > 0;
}
