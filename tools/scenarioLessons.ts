/**
 * The lesson each built-in scenario must make, turned into what a user would see: for each
 * expected verdict, the moment to open the scenario at (a share link with that playhead) and the
 * state the consumer panel must show there. Used by e2e/scenarios.spec.ts; computed in Node with
 * the same code the worker runs (src/worker/runScenario.ts).
 */
import { scenarios } from '../src/scenarios/catalogue.ts';
import { encodeLink } from '../src/share/codec.ts';
import { buildRun } from '../src/worker/runScenario.ts';

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

export interface ScenarioLesson {
  id: string;
  title: string;
  verdicts: VerdictExpectation[];
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
    out.push({ id: scenario.id, title: scenario.title, verdicts });
  }
  return out;
}
