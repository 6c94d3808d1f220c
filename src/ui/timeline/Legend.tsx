/**
 * The legend, inside the SVG so exports carry it: shapes for event names, what rings, badges, flags,
 * carets, bands and bars mean — on the stage, only the kinds of marks in view (`legendKinds.ts`).
 *
 * May import: React, ./palette.ts, ./lanes.ts types. May not import: worker runtime.
 */
import type { ReactNode } from 'react';
import type { TimelineLayout } from './lanes.ts';
import type { LegendKinds } from './legendKinds.ts';
import { consumerColour, KEY_COLOURS, STYLE, valueColour, workerColour } from './palette.ts';
import { SERVICE_COLOUR, SERVICE_LEGEND } from './serviceMark.ts';

function Item({ x, y, children, label }: { x: number; y: number; children: ReactNode; label: string }) {
  return (
    <g transform={`translate(${x},${y})`}>
      {children}
      <text x={18} y={0} dominantBaseline="central" fontSize={12} fill={STYLE.ink}>
        {label}
      </text>
    </g>
  );
}

const ROW_HEIGHT = 26;

/** What record colours mean when a scenario colours them by an attribute (`Frame.colourKey`). */
export interface ColourKey {
  label: string;
  values: readonly string[];
}

/**
 * The frame's colour key as one string (a store selector's stable value) and back: the legend
 * changes only when a new value appears.
 */
export function colourKeySignature(frame: { colourKey?: ColourKey } | undefined): string {
  return frame?.colourKey ? [frame.colourKey.label, ...frame.colourKey.values].join('\u0000') : '';
}

export function colourKeyOf(signature: string): ColourKey | undefined {
  if (!signature) return undefined;
  const [label, ...values] = signature.split('\u0000');
  return { label: label!, values };
}

/** One legend entry placed on its row. */
interface Placed {
  x: number;
  row: number;
  glyph: ReactNode;
  label: string;
}

/**
 * The legend's entries flowed into rows no wider than `width`: first the record marks, then (on a
 * new row) the consumer marks, each group wrapping where it runs out of room.
 */
export function legendEntries(workers: readonly string[], consumers: readonly string[], width: number, kinds?: LegendKinds, colourKey?: ColourKey): { entries: Placed[]; rows: number } {
  const entries: Placed[] = [];
  const ink = STYLE.ink;
  let x = 8;
  let row = 0;
  const push = (key: string, glyph: ReactNode, label: string) => {
    // Only the kinds of marks in view (#13.3); without `kinds` (exports, tests) every kind.
    if (kinds && !kinds.has(key)) return;
    const w = 44 + label.length * 7;
    if (x > 8 && x + w > width - 8) {
      row += 1;
      x = 8;
    }
    entries.push({ x, row, glyph, label });
    x += w;
  };
  push('INSERT', <circle cx={6} r={6} fill={KEY_COLOURS[0]} stroke={ink} />, 'INSERT');
  push('MODIFY', <path d="M6 -7L13 0L6 7L-1 0Z" fill={KEY_COLOURS[1]} stroke={ink} />, 'MODIFY');
  push('REMOVE', <path d="M1 -5L11 5M11 -5L1 5" stroke={KEY_COLOURS[2]} strokeWidth={3} />, 'REMOVE');
  push('service-delete', <g><path d="M1 -5L11 5M11 -5L1 5" stroke={KEY_COLOURS[2]} strokeWidth={3} /><rect x={-3} y={-9} width={18} height={18} fill="none" stroke={SERVICE_COLOUR} strokeWidth={2} /></g>, SERVICE_LEGEND);
  if (colourKey) {
    // Records coloured by what they say (#20: a vote's candidate), one swatch per value.
    const shown = colourKey.values.slice(0, 4);
    push('keys', <g>{shown.map((v, k) => <circle key={v} cx={k * 7} r={3.5} fill={valueColour(k, v)} />)}</g>, `colour = ${colourKey.label}: ${colourKey.values.slice(0, 6).join(' / ')}`);
  } else push('keys', <g>{[0, 1, 2].map((k) => <circle key={k} cx={k * 6} r={3} fill={KEY_COLOURS[k + 3]} />)}</g>, 'colour = item key');
  push('redelivered', <g><circle cx={6} r={6} fill={KEY_COLOURS[3]} stroke={ink} /><circle cx={6} r={9.5} fill="none" stroke={ink} strokeDasharray="3 2" /></g>, 'redelivered ×2');
  push('harm', <g><circle cx={6} r={6} fill={KEY_COLOURS[4]} stroke={ink} /><circle cx={6} r={9.5} fill="none" stroke={STYLE.harm} strokeWidth={3} /></g>, 'harmful duplicate');
  push('trimmed', <rect x={0} y={-6} width={12} height={12} fill={STYLE.trimmedFill} stroke={STYLE.trimmed} />, 'trimmed');
  push('crash', <path d="M6 -9V9" stroke={STYLE.crash} strokeWidth={2} strokeDasharray="4 3" />, 'worker crash');
  push('broken', <path d="M6 -8L14 7H-2Z" fill={STYLE.harm} />, 'check broken');
  // A third (or later) reader of a shard refused by GetRecords (LimitExceededException): drawMarks.
  push('throttled', <g><rect x={1} y={-6} width={3.5} height={12} fill={STYLE.failure} /><rect x={7.5} y={-6} width={3.5} height={12} fill={STYLE.failure} /></g>, 'read throttled (over 2 readers per shard)');
  if (x > 8) {
    row += 1;
    x = 8;
  }
  consumers.forEach((c, i) => {
    push(`checkpoint:${c}`, <g><path d="M1 -7V7" stroke={consumerColour(i)} strokeWidth={1.5} /><path d="M1 -7L11 -4L1 -1Z" fill={consumerColour(i)} /></g>, `${c} checkpoint`);
    push(`iterator:${c}`, <path d="M2 0L11 -6V6Z" fill={consumerColour(i)} />, `${c} iterator`);
  });
  push('expired', <path d="M2 0L11 -6V6Z" fill="none" stroke={STYLE.crash} strokeDasharray="2 2" />, 'expired iterator');
  // The dot drawMarks sends from a shard down to the consumer's row while a batch is handed over.
  push('in-flight', <g><circle cx={3} r={5} fill={consumerColour(0)} /><circle cx={11} r={3.5} fill={consumerColour(0)} fillOpacity={0.5} /></g>, 'batch on its way to the consumer');
  // Only KCL workers hold leases (Lambda has none); a blank keeps the others' colour index.
  workers.forEach((w, i) => w && push(`lease:${w}`, <rect x={0} y={-3} width={14} height={5} fill={workerColour(i)} />, `lease: ${w}`));
  push('batch-ok', <rect x={0} y={-4} width={14} height={8} fill={STYLE.success} />, 'batch ok');
  push('batch-failed', <rect x={0} y={-4} width={14} height={8} fill={STYLE.failure} />, 'batch failed');
  push('abandoned', <rect x={0} y={-4} width={14} height={8} fill={STYLE.pending} />, 'abandoned (crash)');
  push('retry', <rect x={0} y={-4} width={14} height={8} fill={STYLE.success} fillOpacity={0.45} stroke={ink} strokeDasharray="3 2" />, 'retry / replay');
  push('bisect', <rect x={0} y={0} width={14} height={4} fill={STYLE.success} />, 'bisect half');
  return { entries, rows: x > 8 ? row + 1 : row };
}

/**
 * The frame's worker names with those holding no lease in it blanked (indices kept, as colours go by
 * index): Lambda's invocation lanes are workers of the trace but hold no lease, so the legend must
 * not say "lease: lane-0". A new array each call: a store selector wraps it in `useShallow`, which
 * keeps the previous array while the names are equal, per component.
 */
export function leaseHoldersOf(frame: { workers?: readonly string[]; leases: { worker: ArrayLike<number> } } | undefined): string[] {
  if (!frame?.workers) return NO_WORKERS;
  const held = new Set<number>();
  for (let i = 0; i < frame.leases.worker.length; i++) held.add(frame.leases.worker[i]!);
  return frame.workers.map((w, i) => (held.has(i) ? w : ''));
}
const NO_WORKERS: string[] = [];

/** The legend's height for `rows` rows (the layout reserves it). */
export function legendHeight(rows: number): number {
  return 12 + rows * ROW_HEIGHT;
}

export function Legend({ layout, workers, consumers, kinds, colourKey }: { layout: TimelineLayout; workers: string[]; consumers: string[]; kinds?: LegendKinds; colourKey?: ColourKey }) {
  const { entries } = legendEntries(workers, consumers, layout.width, kinds, colourKey);
  return (
    <g fontFamily="system-ui, sans-serif" aria-hidden="true">
      <line x1={8} x2={layout.width - 8} y1={layout.legendY} y2={layout.legendY} stroke={STYLE.grid} />
      {entries.map((e) => (
        <Item key={e.label} x={e.x} y={layout.legendY + 14 + e.row * ROW_HEIGHT} label={e.label}>
          {e.glyph}
        </Item>
      ))}
    </g>
  );
}
