/**
 * The playback speeds the transport offers, and how a scenario's or a link's speed is read as one
 * of them (the nearest on a log scale, so 7× reads as 5×, not 10×).
 *
 * May import: nothing. May not import: the worker client, sim, React.
 */

/** Playback speeds offered, 0.25× to 10,000×; 1× is real time. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 1_000, 10_000] as const;
export type Speed = (typeof SPEEDS)[number];
export const DEFAULT_SPEED: Speed = 5;

export function isSpeed(n: number): n is Speed {
  return (SPEEDS as readonly number[]).includes(n);
}

export function nearestSpeed(n: number | undefined): Speed {
  if (n === undefined || !Number.isFinite(n)) return DEFAULT_SPEED;
  return SPEEDS.reduce((best, s) => (Math.abs(Math.log(s / n)) < Math.abs(Math.log(best / n)) ? s : best), SPEEDS[0]);
}
