/**
 * The picture at the playhead, asked of the worker whenever the playhead moves. Answers arrive in
 * request order (the client keeps one request in flight, latest wins), so every answer is shown,
 * even when the worker is slower than the frame rate; each is tagged with its run so a view of a
 * previous run is never drawn over a new one.
 *
 * May import: React, worker/client.ts types, protocol types. May not import: sim runtime, host.
 */
import { useEffect, useState } from 'react';
import type { SimClient } from '../../worker/client.ts';
import type { LoadResult, SimView } from '../../worker/protocol.ts';

export function useSimView(client: SimClient, run: LoadResult | undefined, playheadMs: number): { view: SimView | undefined; error: string | undefined } {
  const [latest, setLatest] = useState<{ run: LoadResult; view: SimView } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!run) return;
    client.requestView(playheadMs).then(
      (view) => {
        if (view) setLatest({ run, view });
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [client, run, playheadMs]);

  return { view: latest && latest.run === run ? latest.view : undefined, error };
}
