/**
 * The host's calls that no run or frame needs, each loading what it uses on its first call (a chunk
 * of its own in the browser, or a part of the core): the forms' checks of a write and of a setting
 * change (the scheduled requests part, `sim/parts.ts`), of a scenario's edits (./editsCheck.ts), the
 * Table form's Query (./queryAt.ts), the learner's code check (the parser, acorn) and grading a
 * challenge (./gradeRequest.ts).
 *
 * May import: sim/parts.ts, ./parts.ts, the modules above (lazily), protocol and sim types.
 */
import { part } from '../sim/parts.ts';
import type { UserCodeSandbox } from '../sim/usercode/types.ts';
import type { FoldState } from './fold.ts';
import { loadParts } from './parts.ts';
import type { CodeCheck, QueryAnswer, SimApi } from './protocol.ts';
import type { Run } from './run.ts';

export interface OnDemandContext {
  sandbox: UserCodeSandbox | undefined;
  yieldSlice: () => Promise<void>;
  /** The loaded run and its fold at `atMs` (clamped), read when the Query runs. */
  tableAt(atMs: number): { run: Run; state: () => FoldState };
}

export function onDemandCalls(ctx: OnDemandContext): Pick<SimApi, 'checkWrite' | 'checkSetting' | 'checkEdits' | 'queryTable' | 'checkCode' | 'grade'> {
  return {
    async checkWrite(operation: string, input: unknown): Promise<string | null> {
      await loadParts(['scheduledRequests']);
      return part('scheduledRequests').writeRequestProblem(operation, input) ?? null;
    },

    async checkSetting(kind: 'update-mapping' | 'update-table', params: unknown): Promise<string | null> {
      await loadParts(['scheduledRequests']);
      return part('scheduledRequests').settingsRequestProblem(kind, params) ?? null;
    },

    async checkEdits(scenarioId: string, edits: unknown): Promise<string[] | null> {
      const { editsProblems } = await import('./editsCheck.ts');
      return editsProblems(scenarioId, edits);
    },

    async queryTable(atMs: number, input: unknown): Promise<QueryAnswer> {
      const { run, state } = ctx.tableAt(atMs);
      const { queryAt } = await import('./queryAt.ts');
      return queryAt(run, state, input);
    },

    async checkCode(code: string): Promise<CodeCheck> {
      // The parser (acorn) is loaded on first use, so runs without user code never load it.
      const { compileUserCode } = await import('./usercode/compile.ts');
      const r = compileUserCode(code);
      return r.ok ? { ok: true } : { ok: false, ...r.problem };
    },

    // Challenges (issue 15): the attempt runs on every variant apart from the loaded run.
    async grade(challengeId, attempt, onProgress) {
      const { createGrader } = await import('./gradeRequest.ts');
      return createGrader(ctx.sandbox, ctx.yieldSlice)(challengeId, attempt, onProgress);
    },
  };
}
