/**
 * The worker host for tests and Node tools, with one call the shipped worker does not have:
 * `view(atMs)`, the whole state at an instant, uncapped (every item, shard and record), which the
 * UI never asks for (it draws frames). Kept out of `host.ts` so the worker bundle carries no
 * test-only API.
 *
 * May import: ../host.ts, ../frames.ts, ../run.ts, protocol types. Imported by tests and tools only.
 */
import { createHostCore, type HostOptions } from '../host.ts';
import { fullView } from '../frames.ts';
import { withOwners } from '../run.ts';
import type { SimApi, SimView } from '../protocol.ts';

export interface InspectHost extends SimApi {
  /** The whole state at simulated time `atMs` (clamped to the run), uncapped. */
  view(atMs: number): Promise<SimView>;
}

export function createInspectHost(options: HostOptions = {}): InspectHost {
  const core = createHostCore(options);
  let cache: { key: string; view: SimView } | undefined;
  return {
    ...core.api,
    async view(atMs: number): Promise<SimView> {
      const { run, state, atMs: t } = core.foldAt(atMs);
      const key = `${run.id}:${state.factCount}`;
      if (cache?.key !== key) {
        const view = fullView(run.ctx, state, t);
        cache = { key, view: { ...view, tables: withOwners(view.tables, state) } };
      }
      return { ...cache.view, atMs: t };
    },
  };
}
