/**
 * The timeline's text alternative: a short sentence of what the picture shows at the playhead.
 *
 * May import: protocol types, format helpers. Pure.
 */
import type { Frame, LoadResult } from '../../worker/protocol.ts';
import { checkpointLabel } from '../panels/sequenceLabel.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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
        (c.broken.length ? `, ${plural(c.broken.length, 'check')} broken` : ''),
    );
  }
  return `${parts.join('; ')}.`;
}
