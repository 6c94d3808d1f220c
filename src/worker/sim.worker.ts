/**
 * The worker entry, and nothing else: it exposes the host over comlink. All logic lives in
 * `host.ts` so it can be tested in Node without a Worker.
 *
 * May import: comlink, ./host.ts. May not import: ui, share.
 */
import { expose } from 'comlink';
import { createHost } from './host.ts';

expose(createHost());
