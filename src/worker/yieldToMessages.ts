/**
 * How the host yields between compute slices so that queued messages (the page's frame requests, a
 * newer load, a cancel) run: a message to itself through a fresh MessageChannel, a task of its own
 * without a timer's wait. Not `setTimeout(0)`: from the fifth nested timer on, browsers wait at least
 * 4 ms (HTML's timer nesting clamp), and a traced cold load's first run waited that long between
 * each of its slices on the way to the first live frame. Node (tests, tools) has MessageChannel too;
 * the port is closed once it has spoken, so it keeps no process alive.
 *
 * May import: nothing (the MessageChannel and setTimeout globals).
 */
export function yieldToMessages(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}
