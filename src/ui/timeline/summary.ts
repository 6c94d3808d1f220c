/**
 * The timeline's text alternative: a short sentence of what the picture shows at the playhead.
 *
 * May import: protocol types, format helpers. Pure.
 */
import type { Frame, LoadResult } from '../../worker/protocol.ts';
import { checkpointLabel } from '../panels/sequenceLabel.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** ", batches of 1–5 records" for one consumer's batches in the window (what BatchSize or maxRecords makes), or ''. */
function batchSizes(frame: Frame, consumer: number): string {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < frame.batches.count.length; i++) {
    if (frame.batches.consumer[i] !== consumer) continue;
    min = Math.min(min, frame.batches.count[i]!);
    max = Math.max(max, frame.batches.count[i]!);
  }
  if (max === 0) return '';
  return `, batches of ${min === max ? plural(max, 'record') : `${min}–${max} records`}`;
}

export function timelineSummary(frame: Frame | undefined, run: Pick<LoadResult, 'consumers' | 'runId'>): string {
  if (!frame || frame.runId !== run.runId || !frame.consumerLanes) return 'Timeline: reading the run…';
  const open = frame.lanes.filter((l) => l.status === 'open').length;
  const parts = [`${plural(frame.lanes.length, 'shard')} (${open} open)`, plural(frame.counts.records, 'record')];
  let dups = 0;
  let harm = 0;
  for (let i = 0; i < frame.records.t.length; i++) {
    if (frame.records.deliveries[i]! > 1) dups++;
    if (frame.records.harm[i]) harm++;
  }
  if (dups > 0) parts.push(`${plural(dups, 'record')} delivered more than once${harm > 0 ? `, ${harm} harmful` : ''}`);
  for (const c of frame.consumers) {
    const crashed = c.workers.filter((w) => w.status === 'crashed').map((w) => w.worker);
    const latest = [...c.checkpoints].sort((a, b) => b.atMs - a.atMs)[0];
    parts.push(
      `${c.id} ${latest ? `at checkpoint ${checkpointLabel(latest.value, latest.ordinal)}` : 'without a checkpoint'}` +
        (crashed.length ? `, crashed: ${crashed.join(', ')}` : '') +
        (c.broken.length ? `, ${plural(c.broken.length, 'check')} broken` : '') +
        batchSizes(frame, run.consumers.indexOf(c.id)),
    );
  }
  return `${parts.join('; ')}.`;
}
