/**
 * The checkpoint trade-off at the playhead: one point per KCL consumer, checkpoint writes (what
 * checkpointing costs) against records reprocessed (what a crash costs). Shown when a scenario runs
 * two or more KCL consumers that checkpoint differently (the checkpoint-frequency scenario), so the
 * learner sees the curve the lesson is about instead of reading it off three counter tables.
 *
 * d3 computes the scales; React draws the SVG. The numbers are also in a table for screen readers.
 *
 * May import: React, d3, ./tradeoff.ts types.
 */
import { scaleLinear } from 'd3';
import type { TradeoffPoint } from './tradeoff.ts';

const W = 420;
const H = 220;
const M = { top: 14, right: 24, bottom: 40, left: 52 };

/** Nice ticks on [0, max], at least up to 1 so an empty chart still has an axis. */
function axis(max: number, range: [number, number]) {
  const scale = scaleLinear().domain([0, Math.max(1, max)]).nice().range(range);
  return { scale, ticks: scale.ticks(5).filter((t) => Number.isInteger(t)) };
}

/** Default export: App loads the chart lazily (one scenario shows it). */
export default function CheckpointTradeoff({ points }: { points: readonly TradeoffPoint[] }) {
  const x = axis(Math.max(...points.map((p) => p.checkpointWrites)), [M.left, W - M.right]);
  const y = axis(Math.max(...points.map((p) => p.reprocessed)), [H - M.bottom, M.top]);
  const summary = points.map((p) => `${p.id} (${p.strategy}): ${p.checkpointWrites} checkpoint writes, ${p.reprocessed} reprocessed`).join('; ');
  return (
    <section className="panel tradeoff" aria-labelledby="tradeoff-heading">
      <header className="panel__header">
        <h2 id="tradeoff-heading">Checkpoint trade-off</h2>
        <span className="panel__meta">at the playhead: what checkpointing costs against what a crash costs</span>
      </header>
      <svg className="tradeoff__chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Checkpoint writes against records reprocessed. ${summary}.`}>
        {x.ticks.map((t) => (
          <g key={`x${t}`} transform={`translate(${x.scale(t)},0)`}>
            <line className="tradeoff__grid" y1={M.top} y2={H - M.bottom} />
            <text className="tradeoff__tick" y={H - M.bottom + 14} textAnchor="middle">
              {t}
            </text>
          </g>
        ))}
        {y.ticks.map((t) => (
          <g key={`y${t}`} transform={`translate(0,${y.scale(t)})`}>
            <line className="tradeoff__grid" x1={M.left} x2={W - M.right} />
            <text className="tradeoff__tick" x={M.left - 6} dy="0.32em" textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        <text className="tradeoff__label" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
          checkpoint writes →
        </text>
        <text className="tradeoff__label" transform={`translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">
          records reprocessed →
        </text>
        {points.map((p) => {
          const cx = x.scale(p.checkpointWrites);
          const cy = y.scale(p.reprocessed);
          // Labels sit on the side with room: left of points in the right half of the chart.
          const right = cx < (M.left + W - M.right) / 2;
          return (
            <g key={p.id}>
              <circle className="tradeoff__point" cx={cx} cy={cy} r={5} />
              <text className="tradeoff__name" x={cx + (right ? 9 : -9)} y={cy - 7} textAnchor={right ? 'start' : 'end'}>
                {p.strategy}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>Checkpoint writes and records reprocessed per consumer</caption>
        <thead>
          <tr>
            <th scope="col">Consumer</th>
            <th scope="col">Checkpoints</th>
            <th scope="col">Checkpoint writes</th>
            <th scope="col">Records reprocessed</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.id}</th>
              <td>{p.strategy}</td>
              <td>{p.checkpointWrites}</td>
              <td>{p.reprocessed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
