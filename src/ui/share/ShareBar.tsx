/**
 * Sharing: Copy link (with a visible "Copied"; past `LINK_FILE_THRESHOLD_CHARS` it offers the
 * scenario file instead), Save scenario file (the scenario with the seed and the user's
 * interventions folded in) and Open scenario file (validated; problems listed with their paths).
 *
 * May import: React, share codec, ./scenarioFile.ts, ./linkState.ts, stores, protocol types.
 * May not import: worker runtime, sim.
 */
import { useEffect, useRef, useState } from 'react';
import { LINK_FILE_THRESHOLD_CHARS } from '../../share/limits.ts';
import type { ScenarioV1 } from '../../scenarios/schema.ts';
import type { LoadResult } from '../../worker/protocol.ts';
import { linkUrl } from '../app/urlSync.ts';
import { playheadStore } from '../stores/playhead.store.ts';
import { noticeShown } from '../stores/view.store.ts';
import { payloadFor, scenarioFileFor } from './linkState.ts';
import { downloadText } from './download.ts';
import { loadCodec } from './lazyCodec.ts';

export interface ShareBarProps {
  run: LoadResult | undefined;
  onOpenScenario: (scenario: ScenarioV1) => void;
  /** The last scenario fragment, for the restore offer on a bad file. */
  restoreLast: () => string | undefined;
  /** Show Save/Open scenario file (hidden in presenter mode). Default true. */
  files?: boolean;
}

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'too-long'; length: number } | { kind: 'failed'; url: string };

export function ShareBar({ run, onOpenScenario, restoreLast, files = true }: ShareBarProps) {
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (copy.kind !== 'copied') return;
    const t = setTimeout(() => setCopy({ kind: 'idle' }), 2_500);
    return () => clearTimeout(t);
  }, [copy]);

  // The playhead and speed are read when used, from the playhead store: the bar never re-renders as time moves.
  const saveFile = () => run && downloadText(`${run.scenarioId}.streamscope.json`, scenarioFileFor(run, playheadStore.getState().speed));

  async function copyLink() {
    if (!run) return;
    const { atMs, speed } = playheadStore.getState();
    const payload = payloadFor(run, atMs, speed);
    const { encodeLink } = await loadCodec();
    const fragment = encodeLink(payload);
    const url = linkUrl(fragment);
    if (url.length > LINK_FILE_THRESHOLD_CHARS) {
      setCopy({ kind: 'too-long', length: url.length });
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      setCopy({ kind: 'copied' });
    } catch {
      setCopy({ kind: 'failed', url });
    }
  }

  async function openFile(file: File | undefined) {
    if (!file) return;
    const { readScenarioFile } = await import('./scenarioFile.ts');
    const r = await readScenarioFile(file);
    if (r.ok) onOpenScenario(r.scenario);
    else {
      const last = restoreLast();
      noticeShown({ title: `Could not open ${file.name}`, reason: r.reason, message: r.message, details: r.details, ...(last ? { restoreLast: last } : {}) });
    }
  }

  return (
    <div className="share" role="group" aria-label="Share">
      <button type="button" className="button button--small" disabled={!run} onClick={() => void copyLink()}>
        Copy link
      </button>
      <span className="share__status" role="status">
        {copy.kind === 'copied' && <span className="pill pill--ok">Copied</span>}
      </span>
      {files && (
        <>
          <button type="button" className="button button--small" disabled={!run} onClick={saveFile}>
            Save scenario file
          </button>
          <button type="button" className="button button--small" onClick={() => fileInput.current?.click()}>
            Open scenario file…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            aria-label="Scenario file"
            tabIndex={-1}
            onChange={(e) => {
              void openFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </>
      )}
      {copy.kind === 'too-long' && (
        <p className="share__offer" role="alert">
          This link would be {copy.length.toLocaleString('en-US')} characters, too long to share reliably (over {LINK_FILE_THRESHOLD_CHARS.toLocaleString('en-US')}).{' '}
          <button type="button" className="button button--small" onClick={saveFile}>
            Save the scenario file instead
          </button>
        </p>
      )}
      {copy.kind === 'failed' && (
        <p className="share__offer" role="alert">
          The clipboard is not available here; copy the link from the address bar.
        </p>
      )}
    </div>
  );
}
