/**
 * The import dialog's contents (loaded when the dialog first opens; ./ImportDialog.tsx is the button
 * and the dialog itself): a modal dialog where the user pastes, drops or picks the output of
 * `aws dynamodbstreams get-records`, a Lambda function's logged event, or DescribeStream output.
 * The text is parsed here (bridge/import/parse.ts, pure and fast); a problem is shown in place, with
 * the first invalid fields, and nothing else changes: the run on screen stays until an import
 * succeeds. The text stays in the box after an error so the user can fix it.
 *
 * May import: React, bridge (pure). May not import: worker runtime, sim runtime.
 */
import { useRef, useState, type DragEvent, type RefObject } from 'react';
import { MAX_IMPORT_CHARS } from '../../bridge/import/limits.ts';
import type { ImportedStream, ImportError } from '../../bridge/types.ts';

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

export interface ImportDialogBodyProps {
  dialog: RefObject<HTMLDialogElement | null>;
  onImport: (stream: ImportedStream) => void;
  /** Held by the dialog, which clears it each time it opens. */
  error: ImportError | null;
  setError: (error: ImportError | null) => void;
}

export default function ImportDialogBody({ dialog, onImport, error, setError }: ImportDialogBodyProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const [source, setSource] = useState<string | null>(null);

  async function importText(value: string) {
    // The parser (with its zod schemas) is a chunk of its own, loaded when the user first imports.
    const { parseStreamInput } = await import('../../bridge/import/parse.ts');
    const r = parseStreamInput(value);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    dialog.current?.close();
    onImport(r.stream);
  }

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_IMPORT_CHARS) {
      setSource(file.name);
      setError({ reason: 'too-big', message: `${file.name} is ${file.size.toLocaleString('en-US')} bytes; the importer reads at most about 5 MB. Import fewer pages at a time.`, details: [] });
      return;
    }
    const value = await file.text();
    setText(value);
    setSource(file.name);
    await importText(value);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void readFile(file);
    else {
      const dropped = e.dataTransfer.getData('text/plain');
      if (dropped) {
        setText(dropped);
        void importText(dropped);
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
        <button type="button" className="button button--primary" onClick={() => void importText(text)}>
          Import
        </button>
        <button type="button" className="button button--small" onClick={() => fileInput.current?.click()}>
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
            void readFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
    </>
  );
}
