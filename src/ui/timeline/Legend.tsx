/**
 * The legend, inside the SVG so exports carry it: shapes for event names, what rings, badges, flags,
 * carets, bands and bars mean.
 *
 * May import: React, ./palette.ts, ./lanes.ts types. May not import: worker runtime.
 */
import type { ReactNode } from 'react';
import type { TimelineLayout } from './lanes.ts';
import { consumerColour, KEY_COLOURS, STYLE, workerColour } from './palette.ts';

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

export function Legend({ layout, workers, consumers }: { layout: TimelineLayout; workers: string[]; consumers: string[] }) {
  const y1 = layout.legendY + 14;
  const y2 = layout.legendY + 40;
  const items1: Array<[number, ReactNode, string]> = [];
  const items2: Array<[number, ReactNode, string]> = [];
  const ink = STYLE.ink;
  let x = 8;
  const push = (row: typeof items1, _w: number, glyph: ReactNode, label: string) => {
    row.push([x, glyph, label]);
    x += 44 + label.length * 7;
  };
  push(items1, 80, <circle cx={6} r={6} fill={KEY_COLOURS[0]} stroke={ink} />, 'INSERT');
  push(items1, 84, <path d="M6 -7L13 0L6 7L-1 0Z" fill={KEY_COLOURS[1]} stroke={ink} />, 'MODIFY');
  push(items1, 86, <path d="M1 -5L11 5M11 -5L1 5" stroke={KEY_COLOURS[2]} strokeWidth={3} />, 'REMOVE');
  push(items1, 150, <g>{[0, 1, 2].map((k) => <circle key={k} cx={k * 6} r={3} fill={KEY_COLOURS[k + 3]} />)}</g>, 'colour = item key');
  push(items1, 118, <g><circle cx={6} r={6} fill={KEY_COLOURS[3]} stroke={ink} /><circle cx={6} r={9.5} fill="none" stroke={ink} strokeDasharray="3 2" /></g>, 'redelivered ×2');
  push(items1, 134, <g><circle cx={6} r={6} fill={KEY_COLOURS[4]} stroke={ink} /><circle cx={6} r={9.5} fill="none" stroke={STYLE.harm} strokeWidth={3} /></g>, 'harmful duplicate');
  push(items1, 110, <rect x={0} y={-6} width={12} height={12} fill={STYLE.trimmedFill} stroke={STYLE.trimmed} />, 'trimmed');
  push(items1, 130, <path d="M6 -9V9" stroke={STYLE.crash} strokeWidth={2} strokeDasharray="4 3" />, 'worker crash');
  push(items1, 120, <path d="M6 -8L14 7H-2Z" fill={STYLE.harm} />, 'check broken');
  x = 8;
  consumers.forEach((c, i) => {
    push(items2, 140, <g><path d="M1 -7V7" stroke={consumerColour(i)} strokeWidth={1.5} /><path d="M1 -7L11 -4L1 -1Z" fill={consumerColour(i)} /></g>, `${c} checkpoint`);
    push(items2, 130, <path d="M2 0L11 -6V6Z" fill={consumerColour(i)} />, `${c} iterator`);
  });
  push(items2, 112, <path d="M2 0L11 -6V6Z" fill="none" stroke={STYLE.crash} strokeDasharray="2 2" />, 'expired iterator');
  workers.filter(Boolean).forEach((w, i) => push(items2, 40 + w.length * 7 + 40, <rect x={0} y={-3} width={14} height={5} fill={workerColour(i)} />, `lease: ${w}`));
  push(items2, 78, <rect x={0} y={-4} width={14} height={8} fill={STYLE.success} />, 'batch ok');
  push(items2, 92, <rect x={0} y={-4} width={14} height={8} fill={STYLE.failure} />, 'batch failed');
  push(items2, 0, <rect x={0} y={-4} width={14} height={8} fill={STYLE.pending} />, 'abandoned (crash)');
  push(items2, 120, <rect x={0} y={-4} width={14} height={8} fill={STYLE.success} fillOpacity={0.45} stroke={ink} strokeDasharray="3 2" />, 'retry / replay');
  push(items2, 80, <rect x={0} y={0} width={14} height={4} fill={STYLE.success} />, 'bisect half');
  return (
    <g fontFamily="system-ui, sans-serif" aria-hidden="true">
      <line x1={8} x2={layout.width - 8} y1={layout.legendY} y2={layout.legendY} stroke={STYLE.grid} />
      {items1.map(([ix, glyph, label]) => (
        <Item key={label} x={ix} y={y1} label={label}>
          {glyph}
        </Item>
      ))}
      {items2.map(([ix, glyph, label]) => (
        <Item key={label} x={ix} y={y2} label={label}>
          {glyph}
        </Item>
      ))}
    </g>
  );
}
