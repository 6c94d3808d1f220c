/**
 * A turn of the event loop, so messages queued meanwhile (a frame asked for, Cancel) run before the
 * work goes on: what the host awaits between compute and import slices. Not `setTimeout(0)`: the
 * HTML standard clamps a timer set from five nested timers to 4 ms, and the host's slices nest so —
 * a million-record import yields about 180 times and lost 0.7 s to the clamp in Chromium. A message
 * to a port of our own is a task with no clamp; Node (tests, tools) has `setImmediate`, which
 * neither clamps nor keeps a port open.
 *
 * May import: nothing. Uses MessageChannel or setImmediate.
 */

const waiting: Array<() => void> = [];
let port: MessagePort | undefined;

/** A turn through a port of our own (browsers); exported for its test. */
export function viaPort(): Promise<void> {
  if (!port) {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    port = channel.port2;
  }
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    port!.postMessage(null);
  });
}

export const nextTurn: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise<void>((resolve) => setImmediate(resolve))
    : typeof MessageChannel === 'function'
      ? viaPort
      : () => new Promise<void>((resolve) => setTimeout(resolve, 0));
