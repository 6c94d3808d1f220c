/**
 * What the UI lists under "Your consumer": the failed invocations of consumers that run the
 * learner's code, read from the trace once per run, each marked as the code's own failure or one an
 * injected fault caused.
 *
 * Pure: reads trace facts and the scenario. May import: sim and scenario types, protocol types.
 */
import type { FactList } from '../../sim/index.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { UserCodeErrorView } from '../protocol.ts';

/** At most this many user-code errors are listed per run. */
const MAX_USER_CODE_ERRORS = 50;

/** The failed invocations of consumers that run the learner's code, in trace order. */
export function userCodeErrors(trace: FactList, scenario: Scenario): UserCodeErrorView[] {
  const own = new Set((scenario.consumers ?? []).filter((c) => c.handler.idempotency === 'user').map((c) => c.id));
  const out: UserCodeErrorView[] = [];
  if (own.size === 0) return out;
  for (const e of trace) {
    if (e.type !== 'invocation-finished' || !own.has(e.consumer) || e.error === undefined) continue;
    // The sim words the failures its faults cause as "… (crash fault)", "… (poison-record fault)".
    out.push({ atMs: e.t, consumer: e.consumer, batchId: e.batchId, outcome: e.outcome, message: e.error, cause: / fault\)$/.test(e.error) ? 'fault' : 'code' });
    if (out.length >= MAX_USER_CODE_ERRORS) break;
  }
  return out;
}
