/**
 * Forking a run (`runPlan.ts`'s runs, RaftScope's fork): the run going on from a world snapshot with
 * more interventions, queued where a recompute from time 0 would have them. Only an intervention,
 * or a playhead resting for one, forks, never a run's first frame: so this is apart from
 * `runPlan.ts`, and the browser's worker loads it with the rest of its fork code, a chunk of its
 * own (`worker/forkCodeLoader.ts`).
 *
 * May import: ./simulation.ts, ./runPlan.ts (the interventions' place in the queue), sim types.
 */
import { forkSimulation, type Simulation, type SimulationSnapshot } from './simulation.ts';
import type { Intervention } from './faults/intervention.ts';
import { userInterventions } from './runPlan.ts';

/**
 * A snapshot of one run handed on to a later run that has more interventions (all after the
 * snapshot's instant): the later run's world there is the snapshot's with `pending` queued too. So a
 * run forked at t keeps its parent's snapshots before t, and a second intervention at the same
 * playhead, or an earlier one, forks too instead of recomputing from time 0.
 */
export type PendingSnapshot = SimulationSnapshot & { readonly pending?: readonly Intervention[] };

/** `snapshot` for a run that has `intervention` more. */
export function withPending(snapshot: PendingSnapshot, intervention: Intervention): PendingSnapshot {
  if (!(intervention.at > snapshot.atMs)) throw new RangeError(`a snapshot at ${snapshot.atMs} ms cannot take an intervention at ${intervention.at} ms`);
  return { ...snapshot, pending: [...(snapshot.pending ?? []), intervention] };
}

/**
 * The run going on from `snapshot`, with its pending interventions queued (`withPending`), and
 * `intervention` too if given (taken after `snapshot.atMs`), with the very trace a recompute would
 * give: a recompute queues the user's interventions right after the plan's own events, in list
 * order, before anything the run schedules while it runs, so at one instant an intervention goes
 * after the earlier ones and before run-time events. The fork places each there, between the last
 * one's sequence number and the first run-time event's.
 */
export function forkRun(snapshot: PendingSnapshot, intervention?: Intervention): Simulation {
  const more = [...(snapshot.pending ?? []), ...(intervention ? [intervention] : [])];
  for (const i of more) if (!(i.at > snapshot.atMs)) throw new RangeError(`a fork at ${snapshot.atMs} ms cannot take an intervention at ${i.at} ms`);
  const sim = forkSimulation(snapshot);
  const order = userInterventions(sim);
  for (const i of more) {
    const seq = (order.lastSeq + order.nextRunTimeSeq) / 2;
    sim.intervene(i);
    // `intervene` queued it last; put it where a recompute would have it instead.
    const queued = sim.world.queue.removeLast();
    sim.world.queue.insert(i.at, seq, queued.event);
    order.lastSeq = seq;
  }
  return sim;
}
