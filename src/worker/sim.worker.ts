/**
 * The worker entry, and nothing else: it exposes the host over comlink, and hands frames over as
 * transferred buffers (moved, not copied). All logic lives in `host.ts` so it can be tested in Node
 * without a Worker.
 *
 * May import: ./warmFirstRun.ts (first), comlink, ./host.ts, ./frames.ts, ./firstRun.ts, ./usercode/ (the browser sandbox lazily). May not import: ui, share.
 */
// First, so its fetches of the first run's chunks start before the rest of the core evaluates.
import './warmFirstRun.ts';
import { expose, transfer } from 'comlink';
import { frameBuffers } from './frames.ts';
import { createHost } from './host.ts';
import { lazySandbox } from './usercode/lazySandbox.ts';
import type { SimApi } from './protocol.ts';
import { createFirstRun, firstRunFromName } from './firstRun.ts';

// The learner's own consumers run in sandbox workers this worker starts (usercode/browserSandbox.ts,
// a chunk loaded by the first run with such a consumer: lazySandbox.ts).
const host = createHost({ sandbox: lazySandbox(() => import('./usercode/browserSandbox.ts').then((m) => m.createBrowserSandbox())) });

// On a plain visit the page's head script names the default run in this worker's name as it starts
// it (firstRun.ts): started now, while the page's modules load; the page's first load of that run
// takes it over.
const firstRun = createFirstRun(host);
const firstScenario = firstRunFromName(self.name);
if (firstScenario !== undefined) firstRun.start(firstScenario);

const api: SimApi = {
  ...host,
  load: firstRun.load,
  async frame(request) {
    const frame = await host.frame(request);
    return transfer(frame, frameBuffers(frame));
  },
};

expose(api);
