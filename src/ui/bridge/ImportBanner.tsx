/**
 * While an imported stream is on screen: what it is ("Imported: 42 records in 3 shards — 2
 * duplicates, 1 out-of-order pair"), how it was read (notes), and the way back to the scenario the
 * user had before importing, at the playhead they left it. On a phone the banner says what was
 * imported; how it was read waits behind Details.
 *
 * May import: React, protocol types, ./memoryBudget.ts. May not import: worker runtime, sim runtime.
 */
import { useState } from 'react';
import type { ImportSummary } from '../../worker/protocol.ts';
import { formatMegabytes } from './memoryBudget.ts';

const KIND_TEXT = { 'get-records': 'GetRecords output', 'lambda-event': 'Lambda events', 'describe-stream': 'DescribeStream output' } as const;

export function ImportBanner({ imported, backTitle, onBack }: { imported: ImportSummary; backTitle: string | undefined; onBack: () => void }) {
  // On a phone the details (source, time 0, memory, how pages were read) wait behind a button, so
  // the banner takes two lines of the stage, not half the screen (bridge.css hides the button wider).
  const [details, setDetails] = useState(false);
  const lanes = imported.lanes - imported.unknownLanes;
  const where = [lanes > 0 ? `${lanes} shard${lanes === 1 ? '' : 's'}` : '', imported.unknownLanes > 0 ? `${imported.unknownLanes} lane${imported.unknownLanes === 1 ? '' : 's'} of unknown shard` : ''].filter(Boolean).join(' and ');
  const clean = imported.findings.length === 0;
  return (
    <section className={`import-banner${clean ? ' import-banner--clean' : ''}${details ? ' import-banner--details' : ''}`} aria-labelledby="import-banner-title">
      <div>
        <h2 id="import-banner-title" className="import-banner__title">
          Imported: {imported.records.toLocaleString('en-US')} record{imported.records === 1 ? '' : 's'} in {where || 'no shards'} — {imported.findingsSummary}
        </h2>
        <div id="import-banner-details" className="import-banner__details">
          <p className="import-banner__meta">
            From {imported.kinds.map((k) => KIND_TEXT[k]).join(' + ')} · table <code>{imported.table}</code>
            {imported.records > 0 && <> · time 0 is {new Date(imported.epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC</>} {imported.memoryBytes !== undefined && <> · about {formatMegabytes(imported.memoryBytes)} in memory</>} · a record of what happened, not a simulation: play and step through it; faults cannot be injected.
          </p>
          {imported.notes.length > 0 && (
            <ul className="import-banner__notes">
              {imported.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="import-banner__actions">
        <button type="button" className="button button--small import-banner__more" aria-expanded={details} aria-controls="import-banner-details" onClick={() => setDetails((d) => !d)}>
          Details <span aria-hidden="true">{details ? '▴' : '▾'}</span>
        </button>
        <button type="button" className="button button--small" onClick={onBack}>
          Back to {backTitle ?? 'the scenario'}
        </button>
      </div>
    </section>
  );
}
