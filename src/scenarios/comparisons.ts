/**
 * Compare pairs (issue #6): one workload and one crash under two consumer settings, side by side.
 * A side is a built-in scenario, optionally narrowed to some of its consumers (checkpoint-frequency
 * runs three applications; a side keeps one of them, with its own interventions). Each side runs in
 * its own worker as an ordinary scenario, so its verdicts and counters are the scenario's own.
 *
 * `?compare=<pair id>` opens a pair; `?compare=<scenario id>,<scenario id>` opens any two built-in
 * scenarios.
 *
 * Data only. May import: ./catalogue.ts, ./types.ts. May not import sim, worker or ui at runtime.
 */
import { findScenario } from './catalogue.ts';
import type { Scenario } from './types.ts';

export { comparisons, type Comparison, type ComparisonSide } from './comparisonPairs.ts';
import type { Comparison, ComparisonSide } from './comparisonPairs.ts';
import { comparisons } from './comparisonPairs.ts';

/** The scenario a side runs: the built-in one, narrowed to its consumers. Undefined for an unknown id. */
export function sideScenario(side: ComparisonSide): Scenario | undefined {
  const base = findScenario(side.scenarioId);
  if (!base) return undefined;
  const keep = side.consumers;
  if (!keep) return base;
  const kept = (id: string) => keep.includes(id.split('/')[0]!);
  const consumers = (base.consumers ?? []).filter((c) => keep.includes(c.id));
  const { narration: _narration, lesson: _lesson, ...rest } = base;
  return {
    ...rest,
    title: `${base.title}: ${side.label}`,
    consumers,
    interventions: (base.interventions ?? []).filter((i) => i.kind === 'split-shard' || i.kind === 'write' || kept(i.target)),
  };
}

/** The pair a `?compare=` value names: a pair id, or two built-in scenario ids separated by a comma. */
export function findComparison(value: string): Comparison | undefined {
  const named = comparisons.find((c) => c.id === value);
  if (named) return named;
  const [a, b, ...more] = value.split(',').map((s) => s.trim());
  if (!a || !b || more.length > 0) return undefined;
  const left = findScenario(a);
  const right = findScenario(b);
  if (!left || !right) return undefined;
  return {
    id: `${a},${b}`,
    title: `${left.title} vs ${right.title}`,
    question: 'Two scenarios on one playhead.',
    left: { label: left.title, scenarioId: a },
    right: { label: right.title, scenarioId: b },
  };
}
