/**
 * Grading a challenge (issue 15): each challenge's reference solution graded on its visible run and
 * every hidden variant, as the worker grades it (`worker/grade.ts`), the learner's code in the Node
 * sandbox (`node:vm`; the browser's nested module worker adds its start-up per run). The figure is
 * the slowest challenge, best of rounds; the baseline is that challenge's visible run alone.
 *
 * May import: src/challenges, src/worker/grade.ts, tools/usercode.
 */
import { challenges } from '../../src/challenges/catalogue.ts';
import { gradeAttempt } from '../../src/worker/grade.ts';
import { createVmSandbox } from '../usercode/vmSandbox.ts';

export interface GradeBenchResult {
  challenges: number;
  /** The slowest challenge: its id, variants, and the best time to grade all of them. */
  slowest: { id: string; variants: number; gradeMs: number; visibleMs: number };
  /** Best time per challenge, ms. */
  perChallenge: Record<string, number>;
}

export async function benchGrade(rounds: number): Promise<GradeBenchResult> {
  const sandbox = createVmSandbox();
  const perChallenge: Record<string, number> = {};
  let slowest: GradeBenchResult['slowest'] = { id: '', variants: 0, gradeMs: 0, visibleMs: 0 };
  for (const c of challenges) {
    let best = Infinity;
    let visible = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const grade = await gradeAttempt(c, c.solution, { sandbox });
      best = Math.min(best, performance.now() - t0);
      if (!grade.passed) throw new Error(`bench: the reference solution of ${c.id} did not pass`);
      const t1 = performance.now();
      await gradeAttempt({ ...c, variants: c.variants.slice(0, 1) }, c.solution, { sandbox });
      visible = Math.min(visible, performance.now() - t1);
    }
    perChallenge[c.id] = best;
    if (best > slowest.gradeMs) slowest = { id: c.id, variants: c.variants.length, gradeMs: best, visibleMs: visible };
  }
  return { challenges: challenges.length, slowest, perChallenge };
}
