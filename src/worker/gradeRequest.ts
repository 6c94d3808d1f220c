/**
 * The worker's `grade` request: finds the challenge (the challenges' data is a chunk of its own,
 * loaded on the first grade) and grades the attempt with the host's sandbox, computing each run in
 * slices that yield between them, so frames for the run on screen are still answered while a grade
 * runs. The loaded run is not touched.
 *
 * No Worker globals. May import: ./grade.ts, challenges, ./inputs.ts, sim types.
 */
import type { Simulation } from '../sim/index.ts';
import type { UserCodeSandbox } from '../sim/usercode/types.ts';
import type { GradeProgress, GradeResult } from './grade.ts';
import { simError } from './inputs.ts';

/** Slices per run: a grade's run is a few thousand facts, so 20 slices keep each one short. */
const SLICES = 20;

export function createGrader(sandbox: UserCodeSandbox | undefined, yieldSlice: () => Promise<void>) {
  const advance = async (sim: Simulation, endMs: number): Promise<void> => {
    const stepMs = Math.max(1, Math.ceil(endMs / SLICES));
    while (sim.now() < endMs) {
      await sim.advanceTo(Math.min(endMs, sim.now() + stepMs));
      await yieldSlice();
    }
  };
  return async function grade(challengeId: string, attempt: unknown, onProgress?: (p: GradeProgress) => void): Promise<GradeResult> {
    const [{ findChallenge }, { gradeAttempt }] = await Promise.all([import('../challenges/catalogue.ts'), import('./grade.ts')]);
    const challenge = findChallenge(challengeId);
    if (!challenge) throw simError('unknown-scenario', `Unknown challenge "${challengeId}".`);
    return gradeAttempt(challenge, attempt, { ...(sandbox ? { sandbox } : {}), ...(onProgress ? { onProgress } : {}), advance });
  };
}
