/**
 * The time axis: a `<g ref>` that d3's axis fills in an effect (the only d3 selection here).
 *
 * May import: React, d3. May not import: worker runtime.
 */
import { axisTop, select } from 'd3';
import { useEffect, useRef } from 'react';
import type { TimeScale } from './scales.ts';
import { tickCountFor, timeTicks } from './timeTicks.ts';

/**
 * Tick labels: `12 s`, `1:05`, `1:05.5` when zoomed in below a second, and from an hour on
 * `1:00:00`, `5:30:00` as the clock reads (an imported day of records: not `330:00`).
 */
export function formatTick(ms: number, spanMs: number): string {
  const s = ms / 1000;
  if (spanMs < 4_000) return `${s.toFixed(s % 1 === 0 ? 0 : 2)} s`;
  if (ms < 60_000) return `${Math.round(s * 10) / 10} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s - h * 3600) / 60);
  const rest = s - h * 3600 - m * 60;
  const secs = `${rest < 10 ? '0' : ''}${Number.isInteger(rest) ? rest : rest.toFixed(1)}`;
  return h > 0 ? `${h}:${m < 10 ? '0' : ''}${m}:${secs}` : `${m}:${secs}`;
}

export function Axis({ scale, y }: { scale: TimeScale; y: number }) {
  const ref = useRef<SVGGElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const [a, b] = scale.domain() as [number, number];
    const width = Math.abs(scale.range()[1]! - scale.range()[0]!);
    const axis = axisTop(scale)
      .tickValues(timeTicks(a, b, tickCountFor(width)))
      .tickFormat((d) => formatTick(Number(d), b - a));
    select(ref.current).call(axis).attr('font-size', 12).attr('font-family', 'system-ui, sans-serif');
  }, [scale]);
  return <g ref={ref} transform={`translate(0,${y})`} />;
}
