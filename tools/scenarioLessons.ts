/**
 * The lesson each built-in scenario must make, turned into what a user would see: for each
 * expected verdict, the moment to open the scenario at (a share link with that playhead) and the
 * state the consumer panel must show there. Used by e2e/scenarios.spec.ts; computed in Node with
 * the same code the worker runs (src/worker/runScenario.ts).
 */
import '../src/sim/parts/all.ts'; // every optional part of the core (KCL, Lambda): Node runs plans directly
import { scenarios } from '../src/scenarios/catalogue.ts';
import { encodeLink } from '../src/share/codec.ts';
import { buildRun } from '../src/worker/runScenario.ts';
import { tableInRegion } from '../src/sim/replication/state.ts';

export interface VerdictExpectation {
  consumer: string;
  /** The check that must show; for an unnamed `broken` lesson, the first check that broke. */
  check?: string;
  state: 'broken' | 'holds';
  /** Where to open the scenario: the first break of that check, or the end of the run. */
  atMs: number;
  /** `#s=1.…` opening the built-in scenario at `atMs`. */
  fragment: string;
}

/** A global table's lesson: at the end, its verdict panel and each replica's items. */
export interface ReplicationExpectation {
  table: string;
  expect: 'converged' | 'diverged';
  /** The verdict in words, as the core's replication check recorded it. */
  message: string;
  /** The Regions of the replicas, the home Region first. */
  regions: string[];
  /** Per replica table as the app names it (`Votes`, `Votes (eu-west-1)`), its items at the end (JSON, sorted). */
  replicas: Array<{ name: string; items: string[] }>;
  /** `#s=1.…` opening the built-in scenario at its end. */
  fragment: string;
}

export interface ScenarioLesson {
  id: string;
  title: string;
  verdicts: VerdictExpectation[];
  replication: ReplicationExpectation[];
}

export async function scenarioLessons(): Promise<ScenarioLesson[]> {
  const out: ScenarioLesson[] = [];
  for (const scenario of scenarios) {
    if (!scenario.lesson) continue;
    const sim = await buildRun(scenario);
    const verdicts: VerdictExpectation[] = [];
    for (const c of scenario.lesson.checks) {
      const atMs =
        c.expect === 'broken'
          ? sim.trace.find((e) => e.type === 'invariant-broken' && e.consumer === c.consumer && (c.check === undefined || e.check === c.check))?.t
          : scenario.durationMs;
      if (atMs === undefined) throw new Error(`${scenario.id}: ${c.consumer} never breaks ${c.check ?? 'any check'}, though its lesson says it does`);
      const firstBroken = sim.trace.find((e) => e.type === 'invariant-broken' && e.consumer === c.consumer && e.t === atMs);
      const check = c.check ?? (c.expect === 'broken' && firstBroken?.type === 'invariant-broken' ? firstBroken.check : undefined);
      verdicts.push({
        consumer: c.consumer,
        ...(check !== undefined ? { check } : {}),
        state: c.expect,
        atMs,
        fragment: '#' + encodeLink({ v: 1, scenario: { id: scenario.id }, at: atMs }),
      });
    }
    const replication: ReplicationExpectation[] = (scenario.lesson.replication ?? []).map((r) => {
      const verdicts = sim.trace.filter((e) => (e.type === 'replicas-converged' || e.type === 'replicas-diverged') && e.table === r.table);
      const v = verdicts[verdicts.length - 1];
      if (!v || (v.type !== 'replicas-converged' && v.type !== 'replicas-diverged')) throw new Error(`${scenario.id}: no replication verdict for ${r.table}`);
      const home = sim.world.options.region;
      const replicas = v.regions.map((region) => {
        const table = tableInRegion(sim.world, r.table, region);
        const rows = [...(table?.items.values() ?? [])].map((item) => JSON.stringify(item));
        return { name: region === home ? r.table : `${r.table} (${region})`, items: rows.sort() };
      });
      return { table: r.table, expect: r.expect, message: v.message, regions: [...v.regions], replicas, fragment: '#' + encodeLink({ v: 1, scenario: { id: scenario.id }, at: scenario.durationMs }) };
    });
    out.push({ id: scenario.id, title: scenario.title, verdicts, replication });
  }
  return out;
}

/** One narration step as the narration panel shows it. */
export interface NarrationStepView {
  text: string;
  predict?: { question: string; answer: string };
}

/** A built-in scenario's narration and the link that opens it at its start (for the lesson stories). */
export function scenarioNarration(id: string): { fragment: string; steps: NarrationStepView[] } {
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`no built-in scenario ${id}`);
  const steps = (scenario.narration ?? []).map((s) => ({
    text: s.text,
    ...(s.predict ? { predict: { question: s.predict.question, answer: s.predict.choices[s.predict.answer]! } } : {}),
  }));
  return { fragment: '#' + encodeLink({ v: 1, scenario: { id } }), steps };
}
