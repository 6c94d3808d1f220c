/**
 * Starts the simulation worker as the entry chunk begins to evaluate, before React, the app's
 * modules and their libraries are evaluated (the entry imports this module first), so the worker's
 * script loads and the first run computes meanwhile (issue 13.5). The compare view (`?compare=`)
 * runs its own workers and starts none here.
 *
 * May import: ui/app/simClient.ts.
 */
import { startSimWorker } from '../app/simClient.ts';

if (new URLSearchParams(location.search).get('compare') === null) startSimWorker();
