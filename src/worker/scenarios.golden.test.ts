// Every built-in scenario, one line each (Speedscope's one-line snapshot tests): it is valid,
// it runs quickly, its trace matches its golden file, its narration stops where it says, and it
// teaches its lesson (the `lesson` field). That each fits in a share link is checked beside the
// codec (src/share/scenarioLinks.test.ts): the worker may not import share.
//
// Golden files (src/scenarios/__golden__/<id>.json) hold { seed, events, traceHash }. They are
// never rewritten by a normal run: after a deliberate change to a scenario or to the simulation,
// regenerate them with
//
//   UPDATE_GOLDEN=1 npx vitest run src/worker/scenarios.golden.test.ts
//
// and review the diff. This file lives under worker because it runs scenarios with buildRun;
// scenarios may not import the worker.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRun } from './runScenario.ts';
import { defaultScenarioId, findScenario, formatLength, gallery, scenarios } from '../scenarios/catalogue.ts';
import { CHECK_NAMES, parseScenario, type Lesson } from '../scenarios/schema.ts';
import { narrationStops, narrationStopTimes } from '../scenarios/narration.ts';
import { narrationClaimProblems, type CountersOf } from '../scenarios/claims.ts';
import { CHECKS } from '../sim/checks/index.ts';
import { consumerCounters, type ConsumerCounters } from '../sim/consumers/counters.ts';
import type { TraceEvent } from '../sim/trace/events.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const REGENERATE = 'UPDATE_GOLDEN=1 npx vitest run src/worker/scenarios.golden.test.ts';
const GOLDEN_DIR = new URL('../scenarios/__golden__/', import.meta.url);

interface Golden {
  seed: number;
  events: number;
  traceHash: string;
}

function goldenUrl(id: string): URL {
  return new URL(`${id}.json`, GOLDEN_DIR);
}

function readGolden(id: string): Golden | undefined {
  const url = goldenUrl(id);
  return existsSync(url) ? (JSON.parse(readFileSync(url, 'utf8')) as Golden) : undefined;
}

function writeGolden(id: string, g: Golden): void {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  writeFileSync(goldenUrl(id), `${JSON.stringify(g, null, 2)}\n`);
}

/** The value of a lesson's counter field: a counter, or `effects.<effect>`. */
function counterValue(c: ConsumerCounters, field: string): number {
  if (field.startsWith('effects.')) return c.effects[field.slice('effects.'.length)] ?? 0;
  return c[field as Exclude<keyof ConsumerCounters, 'effects'>] ?? 0;
}

/** Every way the run fails to make the lesson, in words; empty when it makes it. */
function lessonProblems(lesson: Lesson, trace: readonly TraceEvent[]): string[] {
  const problems: string[] = [];
  const broken = trace.filter((f): f is Extract<TraceEvent, { type: 'invariant-broken' }> => f.type === 'invariant-broken');
  for (const c of lesson.checks) {
    const hits = broken.filter((f) => f.consumer === c.consumer && (c.check === undefined || f.check === c.check));
    const what = `${c.consumer}: ${c.check ?? 'every check'}`;
    if (c.expect === 'broken' && hits.length === 0) problems.push(`${what} was expected to break, and never did`);
    if (c.expect === 'holds' && hits.length > 0) problems.push(`${what} was expected to hold, but broke at ${hits[0]!.t} ms (${hits[0]!.check}): ${hits[0]!.message}`);
  }
  for (const c of lesson.counters ?? []) {
    const v = counterValue(consumerCounters(trace, c.consumer), c.field);
    const what = `${c.consumer}.${c.field} = ${v}`;
    if (c.equals !== undefined && v !== c.equals) problems.push(`${what}, expected ${c.equals}`);
    if (c.atLeast !== undefined && v < c.atLeast) problems.push(`${what}, expected at least ${c.atLeast}`);
    if (c.atMost !== undefined && v > c.atMost) problems.push(`${what}, expected at most ${c.atMost}`);
  }
  for (const r of lesson.replication ?? []) problems.push(...replicationProblems(r, trace));
  return problems;
}

/** A global-tables lesson: the end-of-run verdict, the writes lost, and who saw local and replicated records. */
function replicationProblems(r: NonNullable<Lesson['replication']>[number], trace: readonly TraceEvent[]): string[] {
  const problems: string[] = [];
  const verdicts = trace.filter((f) => (f.type === 'replicas-converged' || f.type === 'replicas-diverged') && f.table === r.table);
  const verdict = verdicts[verdicts.length - 1];
  const got = verdict?.type === 'replicas-converged' ? 'converged' : verdict?.type === 'replicas-diverged' ? 'diverged' : 'no verdict';
  if (got !== r.expect) problems.push(`replicas of ${r.table}: ${got}, expected ${r.expect}`);
  if (r.overwritten !== undefined && verdict?.type === 'replicas-converged' && verdict.overwritten !== r.overwritten) {
    problems.push(`replicas of ${r.table}: ${verdict.overwritten} write(s) overwritten, expected ${r.overwritten}`);
  }
  const replicated = new Set(trace.flatMap((f) => (f.type === 'replicated' && f.table === r.table && f.eventID !== undefined ? [f.eventID] : [])));
  for (const consumer of r.readers ?? []) {
    const seen = trace.flatMap((f) => (f.type === 'record-processed' && f.consumer === consumer ? [f.eventID] : []));
    const remote = seen.filter((id) => replicated.has(id)).length;
    if (remote === 0 || remote === seen.length) problems.push(`${consumer} processed ${seen.length - remote} local and ${remote} replicated record(s) of ${r.table}; expected both kinds`);
  }
  return problems;
}

describe('the catalogue', () => {
  it('starts with the flagship and keeps it the default', () => {
    expect(scenarios[0]!.id).toBe('voting-booth');
    expect(defaultScenarioId).toBe('voting-booth');
    expect(findScenario(defaultScenarioId)).toBe(scenarios[0]);
  });

  it('has one gallery entry per scenario, in the same order', () => {
    expect(gallery.map((g) => g.id)).toEqual(scenarios.map((s) => s.id));
    for (const g of gallery) {
      expect(['intro', 'core', 'advanced']).toContain(g.difficulty);
      expect(g.lesson.length).toBeGreaterThan(0);
      expect(formatLength(g.durationMs)).toMatch(/^\d+ (s|min|h)$/);
    }
  });

  it('lessons may name every check there is, and only those', () => {
    expect([...CHECK_NAMES].sort()).toEqual(Object.keys(CHECKS).sort());
  });
});

describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (id, s) => {
  it('is a valid scenario whose lesson names its own consumers', () => {
    const parsed = parseScenario(s);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    const consumers = new Set((s.consumers ?? []).map((c) => c.id));
    const named = [...(s.lesson?.checks ?? []), ...(s.lesson?.counters ?? [])].map((c) => c.consumer).concat((s.lesson?.replication ?? []).flatMap((r) => r.readers ?? []));
    expect(named.filter((c) => !consumers.has(c))).toEqual([]);
    if (s.consumers?.length) expect(s.lesson, `${id} has consumers, so it must say what its lesson is`).toBeDefined();
  });

  it('matches its golden trace, makes its lesson and stops its narration', async () => {
    const sim = await buildRun(s);
    const actual: Golden = { seed: s.seed, events: sim.trace.length, traceHash: sim.traceHash() };

    if (UPDATE) writeGolden(id, actual);
    const golden = readGolden(id);
    expect(golden, `no golden file for ${id}; create it on purpose with: ${REGENERATE}`).toBeDefined();
    expect(actual, `${id}'s trace differs from src/scenarios/__golden__/${id}.json. If the change is intended, regenerate with: ${REGENERATE}`).toEqual(golden);

    expect(s.lesson ? lessonProblems(s.lesson, sim.trace) : []).toEqual([]);

    const stops = narrationStops(s.narration ?? [], sim.trace);
    const missing = stops.flatMap((at, i) => (at < 0 ? [`step ${i} (${JSON.stringify(s.narration![i]!.until)})`] : []));
    expect(missing, 'narration steps that never stop (each waits for the first matching fact after the previous stop)').toEqual([]);
    for (const step of s.narration ?? []) {
      if (step.predict) expect(step.predict.answer).toBeLessThan(step.predict.choices.length);
    }
    // Playback pauses once per instant, so a second step stopping at the same time would be skipped
    // when the learner presses Play (issue #20.5): each step must stop later than the one before.
    const times = narrationStopTimes(s.narration ?? [], sim.trace, s.durationMs).map((t) => t ?? -1);
    const sameInstant = times.flatMap((t, i) => (i > 0 && t <= times[i - 1]! ? [`steps ${i - 1} and ${i} both stop at ${t} ms`] : []));
    expect(sameInstant, 'narration steps that stop at the same instant as the step before').toEqual([]);
    expect(narrationClaimProblems(s.narration ?? [], sim.trace, consumerCounters as unknown as CountersOf), 'narration claims the run does not bear out').toEqual([]);
  });

  it('backs every predict prompt with claims', () => {
    // A prompt whose answer is not checked can silently turn false. Where the answer is an event,
    // an 'ahead' claim also keeps it from being drawn already at the pause (issue #20.5: the
    // duplicates prompt paused at the redelivery).
    const unbacked = (s.narration ?? []).flatMap((step, i) => (step.predict && !step.claims?.length ? [`step ${i}: ${step.predict.question}`] : []));
    expect(unbacked).toEqual([]);
  });
});
