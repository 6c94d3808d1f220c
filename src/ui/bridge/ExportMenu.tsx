/**
 * "Export": a menu button with the run's records as GetRecords pages, as Lambda events, and the
 * scenario's workload as a Node script using the AWS SDK v3 (`bridge/export/`). The worker builds
 * the file from the run's trace; this only downloads it.
 *
 * May import: React, protocol types. May not import: worker runtime, sim runtime.
 */
import { useEffect, useRef, useState } from 'react';
import type { ExportedFile, ExportFormat, LoadResult } from '../../worker/protocol.ts';
import { downloadText } from '../share/download.ts';

const ITEMS: Array<{ format: ExportFormat; label: string; hint: string }> = [
  { format: 'get-records', label: 'Records as GetRecords pages (JSON)', hint: 'DescribeStream output, then each shard\'s pages as aws dynamodbstreams get-records prints them' },
  { format: 'lambda-events', label: 'Records as Lambda events (JSON)', hint: 'Batches as a Lambda function receives them, with eventSourceARN' },
  { format: 'sdk-script', label: 'Workload as an SDK script (.mjs)', hint: 'node script.mjs --endpoint http://localhost:8000 --table Votes: the same writes against DynamoDB Local or a real table' },
];

export function ExportMenu({ run, exportRun }: { run: LoadResult | undefined; exportRun: (format: ExportFormat) => Promise<ExportedFile> }) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    const onDown = (e: MouseEvent) => wrap.current && !wrap.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  async function choose(format: ExportFormat) {
    setOpen(false);
    try {
      const file = await exportRun(format);
      downloadText(file.filename, file.text, file.mimeType);
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  const items = ITEMS.filter((i) => !(run?.imported && i.format === 'sdk-script'));
  return (
    <div
      className="export"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" className="button button--small" aria-haspopup="menu" aria-expanded={open} aria-controls="export-menu" disabled={!run} onClick={() => setOpen((o) => !o)}>
        Export ▾
      </button>
      {open && (
        <ul id="export-menu" className="export__menu" role="menu" aria-label="Export">
          {items.map((item, i) => (
            <li key={item.format} role="none">
              <button
                ref={i === 0 ? first : undefined}
                type="button"
                role="menuitem"
                className="export__item"
                onClick={() => void choose(item.format)}
                onKeyDown={(e) => {
                  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
                  e.preventDefault();
                  e.stopPropagation();
                  const list = [...(e.currentTarget.closest('ul')?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
                  const at = list.indexOf(e.currentTarget);
                  list[(at + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length]?.focus();
                }}
              >
                <span className="export__label">{item.label}</span>
                <span className="export__hint">{item.hint}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="share__offer" role="alert">
          Export failed: {problem}
        </p>
      )}
    </div>
  );
}
