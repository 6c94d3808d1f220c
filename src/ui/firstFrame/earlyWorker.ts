/**
 * Starts the simulation worker as the entry chunk begins to evaluate, before React, the app's
 * modules and their libraries are evaluated (the entry imports this module first), so the worker's
 * script loads and the first run computes meanwhile (issue 13.5). In a build the page's head script
 * has already started it (public/first-frame-gate.js) and the client adopts that one
 * (worker/earlyStart.ts); this start is the dev server's. The compare view (`?compare=`)
 * runs its own workers and starts none here.
 *
 * May import: ui/app/simClient.ts.
 */
import { startSimWorker } from '../app/simClient.ts';

if (new URLSearchParams(location.search).get('compare') === null) startSimWorker();
