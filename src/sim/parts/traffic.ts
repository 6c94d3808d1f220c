/**
 * The traffic part (`../parts.ts`): generated traffic expanded into calls (`../workload.ts`); a chunk
 * of its own in the browser's worker, loaded before a run whose plan generates traffic (a link's or
 * an edited scenario's: no built-in scenario has any).
 */
import type { TrafficPart } from '../parts.ts';
import { generateTraffic } from '../workload.ts';

export const trafficPart: TrafficPart = { generateTraffic };
