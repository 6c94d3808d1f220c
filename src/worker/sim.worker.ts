/**
 * The worker entry, and nothing else: it exposes the host over comlink, and hands frames over as
 * transferred buffers (moved, not copied). All logic lives in `host.ts` so it can be tested in Node
 * without a Worker.
 *
 * May import: comlink, ./host.ts, ./frames.ts, ./usercode/browserSandbox.ts. May not import: ui, share.
 */
import { expose, transfer } from 'comlink';
import { frameBuffers } from './frames.ts';
import { createHost } from './host.ts';
import { createBrowserSandbox } from './usercode/browserSandbox.ts';
import type { SimApi } from './protocol.ts';

// The learner's own consumers run in sandbox workers this worker starts (usercode/browserSandbox.ts).
const host = createHost({ sandbox: createBrowserSandbox() });

const api: SimApi = {
  ...host,
  async frame(request) {
    const frame = await host.frame(request);
    return transfer(frame, frameBuffers(frame));
  },
};

expose(api);
