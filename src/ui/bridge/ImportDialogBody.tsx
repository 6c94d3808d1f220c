/**
 * The import dialog's contents (loaded when the dialog first opens; ./ImportDialog.tsx is the button
 * and the dialog itself): a modal dialog where the user pastes, drops or picks the output of
 * `aws dynamodbstreams get-records`, a Lambda function's logged event, or DescribeStream output.
 * The text or file is read in the simulation worker, as a stream (issue 21.5, 16.3): the page only
 * shows progress (a bar, the records so far) and a Cancel button, so a big or hostile file never
 * freezes it. A problem is shown in place, with the first invalid fields, and nothing else changes:
 * the run on screen stays until an import succeeds. The text stays in the box after an error.
 *
 * May import: React, bridge types, protocol types, ./ImportProgressView.tsx, ./memoryBudget.ts, ./progressPace.ts. May not import: worker runtime, sim runtime.
 */
import { useRef, useState, type DragEvent, type RefObject } from 'react';
import type { ImportError } from '../../bridge/types.ts';
import type { ImportOptions, ImportOutcome, ImportProgress } from '../../worker/protocol.ts';
import { ImportProgressView, MemoryBudgetField } from './ImportProgressView.tsx';
import { memoryBudgetBytes } from './memoryBudget.ts';
import { pacedProgress } from './progressPace.ts';

const EXAMPLE = `{
  "Records": [
    {
      "eventID": "7f3c2a9e51d04b6f8a2e6c1d9b0f4e21",
      "eventName": "INSERT",
      "eventVersion": "1.1",
      "eventSource": "aws:dynamodb",
      "awsRegion": "us-east-1",
      "dynamodb": {
        "ApproximateCreationDateTime": 1763978400,
        "Keys": { "account": { "S": "acct-1" } },
        "NewImage": { "account": { "S": "acct-1" }, "balance": { "N": "10" } },
        "SequenceNumber": "100000000000000000101",
        "SizeBytes": 35,
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      }
    }
  ],
  "NextShardIterator": "arn:aws:dynamodb:…|1|…"
}`;

/** The worker's side of an import (worker/client.ts). */
export interface Importer {
  importStream(input: Blob | string, options: ImportOptions, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome>;
  cancel(): Promise<void>;
}

export interface ImportDialogBodyProps {
  dialog: RefObject<HTMLDialogElement | null>;
  importer: Importer;
  /** Called with the id of an import the worker has read, to show it. */
  onImport: (importId: number) => void;
  /** Held by the dialog, which clears it each time it opens. */
  error: ImportError | null;
  setError: (error: ImportError | null) => void;
}

export default function ImportDialogBody({ dialog, importer, onImport, error, setError }: ImportDialogBodyProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const [source, setSource] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [cancelled, setCancelled] = useState(false);

  /** Reads text or a file in the worker; the page shows progress and stays responsive meanwhile. */
  async function runImport(input: Blob | string, name: string | null) {
    if (progress) return;
    setSource(name);
    setError(null);
    setCancelled(false);
    const pace = pacedProgress<ImportProgress>(setProgress);
    pace.report({ phase: 'reading', read: 0, total: typeof input === 'string' ? input.length : input.size, records: 0 });
    try {
      const r = await importer.importStream(input, { memoryBudgetBytes: memoryBudgetBytes() }, pace.report);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      dialog.current?.close();
      onImport(r.importId);
    } catch (e) {
      if (e instanceof Error && e.name === 'cancelled') setCancelled(true);
      else setError({ reason: 'not-stream-records', message: e instanceof Error ? e.message : String(e), details: [] });
    } finally {
      pace.stop();
      setProgress(null);
    }
  }

  function importText(value: string) {
    if (value.trim() === '') {
      setError({ reason: 'empty', message: 'Nothing to import: paste or drop GetRecords output, a Lambda event or DescribeStream output.', details: [] });
      return;
    }
    void runImport(value, null);
  }

  function readFile(file: File | undefined) {
    // The file goes to the worker as is (a handle, not its text): the page never reads it.
    if (file) void runImport(file, file.name);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) readFile(file);
    else {
      const dropped = e.dataTransfer.getData('text/plain');
      if (dropped) {
        setText(dropped);
        importText(dropped);
      }
    }
  }

  return (
    <>
      <header className="gallery__header">
        <h2 id="import-heading">Import stream records</h2>
        <button type="button" className="button button--small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      <div id="import-help" className="import__help">
        <p>Paste or drop any of these, or several together (one after another, as a JSON array, or one per line):</p>
        <ul>
          <li>
            <strong>GetRecords output</strong>: what <code>aws dynamodbstreams get-records --shard-iterator …</code> prints, one page or many.
          </li>
          <li>
            <strong>A Lambda DynamoDB event</strong>: what your function logged with <code>console.log(JSON.stringify(event))</code>; CloudWatch log lines are fine.
          </li>
          <li>
            <strong>DescribeStream output</strong>: the shards and their parents; with it, pages are placed on their shards.
          </li>
        </ul>
        <p>The records are laid out on the timeline by shard and time, and Streamscope points out duplicates, out-of-order pairs and gaps in an item's history. Nothing leaves your browser.</p>
      </div>
      <div
        className={`import__drop${dragging ? ' import__drop--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor="import-text" className="import__label">
          Records (JSON) — type, paste, or drop a file here
        </label>
        <textarea
          id="import-text"
          className="import__text"
          value={text}
          placeholder={EXAMPLE}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-errormessage={error ? 'import-error' : undefined}
          // Typing here is text, not shortcuts (Ctrl+Z must undo the text, not the run).
          onKeyDown={(e) => e.stopPropagation()}
          onChange={(e) => {
            setText(e.target.value);
            setSource(null);
          }}
        />
      </div>
      {progress && <ImportProgressView progress={progress} source={source} onCancel={() => void importer.cancel()} />}
      {cancelled && (
        <p className="import__kept" role="status">
          Import cancelled{source ? ` (${source})` : ''}. The run on screen is unchanged.
        </p>
      )}
      {error && (
        <div id="import-error" className="import__error" role="alert">
          <p>
            <strong>Not imported{source ? ` (${source})` : ''}:</strong> {error.message}
          </p>
          {error.details.length > 0 && (
            <ul aria-label="What was wrong">
              {error.details.map((d, i) => (
                <li key={i}>
                  <code>{d}</code>
                </li>
              ))}
            </ul>
          )}
          <p className="import__kept">The run on screen is unchanged.</p>
        </div>
      )}
      <div className="import__actions">
        <button type="button" className="button button--primary" disabled={progress !== null} onClick={() => importText(text)}>
          Import
        </button>
        <button type="button" className="button button--small" disabled={progress !== null} onClick={() => fileInput.current?.click()}>
          Choose a file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.jsonl,.txt,.log,application/json,text/plain"
          className="visually-hidden"
          aria-label="Records file"
          tabIndex={-1}
          onChange={(e) => {
            readFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      <MemoryBudgetField />
    </>
  );
}
