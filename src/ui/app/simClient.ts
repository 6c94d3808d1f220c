/**
 * The page's one simulation worker client. Created on first use rather than in an effect, because
 * React's StrictMode runs effects twice in development and would start (and kill) a second worker.
 *
 * May import: worker/client.ts. May not import: sim runtime, worker/host.ts.
 */
import { createSimClient, type SimClient } from '../../worker/client.ts';

let sharedClient: SimClient | undefined;
export function simClient(): SimClient {
  return (sharedClient ??= createSimClient());
}

/**
 * Starts the simulation worker now (the entry calls it before React's first render), so fetching
 * and starting the worker's script overlaps the render instead of following it.
 */
export function startSimWorker(): void {
  simClient();
}

/** The Table form's pre-check of a write, by the core in the worker (stable, so the form's effect does not rerun per frame). */
export const checkWrite = (operation: string, input: unknown) => simClient().checkWrite(operation, input);

/** The Table form's Query at the playhead, answered by the core in the worker (stable, like checkWrite). */
export const queryTable = (atMs: number, input: unknown) => simClient().queryTable(atMs, input);

/** The settings panel's checks, by the core in the worker (Lambda's and DynamoDB's messages; the scenario schema). */
export const checkSetting = (kind: 'update-mapping' | 'update-table', params: unknown) => simClient().checkSetting(kind, params);
export const checkEdits = (scenarioId: string, edits: unknown) => simClient().checkEdits(scenarioId, edits);
