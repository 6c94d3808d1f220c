/**
 * The frame's structured parts (tables, the latest writes, the scenario's own writes, the event
 * log) carry versions taken from the fact count (issue 19.2): a part can only change when a fact
 * of its kind comes into range, so its version is how many such facts are in range — no part is
 * built, serialised or compared to find out. A part whose version the client already holds
 * (`FrameRequest.knownParts`) is neither built nor sent (`Frame.reused`); the client keeps parts by
 * version (`client.ts` `createPartsTable`). Versions depend only on the run's facts, so a run
 * answered early and its complete form (same `runId`) agree.
 *
 * A part that changed goes as a delta against the copy the client holds where that is smaller
 * (`partDiff.ts`, a chunk of its own that `partDiffFor` loads from the first frame on).
 *
 * May import: ./runIndex.ts, ./run.ts types, ./partDiff.ts (lazily), protocol types. May not import: sim runtime, ui.
 */
import type { FramePart, FrameRequest, PartVersions } from './protocol.ts';
import type * as PartDiffModule from './partDiff.ts';
import type { Run } from './run.ts';
import { lowerBound } from './runIndex.ts';

export const FRAME_PARTS: readonly FramePart[] = ['tables', 'writes', 'sourceWrites', 'eventLog'];

/**
 * The parts' versions after the first `factCount` facts of run `r`. Without `eventLog` (no panel
 * shows the log: `FrameRequest.eventLog`) the log is not built and its version is -1, which no built
 * log has, so the first frame that asks for it builds it.
 */
export function partVersionsAt(r: Run, factCount: number, eventLog = true): PartVersions {
  const writes = r.index.writeFacts.lowerBound(factCount);
  return {
    // Items change only by writes; the tables themselves by table and stream facts.
    tables: writes + lowerBound(r.index.tableFacts, factCount),
    writes,
    sourceWrites: r.extras.sourceWriteFacts.lowerBound(factCount),
    // The log's lines fold facts of many kinds together (a write and its record, a batch's
    // redeliveries): any new fact may change it.
    eventLog: eventLog ? factCount : -1,
  };
}

/** The parts the client already holds at these versions (of this run): not built, sent empty. */
export function heldParts(request: FrameRequest, runId: number, versions: PartVersions): ReadonlySet<FramePart> {
  const known = request.knownParts?.runId === runId ? request.knownParts.versions : undefined;
  return new Set(known ? FRAME_PARTS.filter((p) => known[p] === versions[p]) : []);
}

export type { PartMemory } from './partDiff.ts';

let partDiff: Promise<typeof PartDiffModule | undefined> | undefined;
let partDiffLoaded: typeof PartDiffModule | undefined;
/**
 * The delta builder, loaded once: a frame whose request holds parts waits for it (it may send a
 * delta); one that holds none (the first frame) only starts the load, so the chunk never delays it.
 * A failed load leaves that frame's parts whole and is tried again by the next frame.
 */
export function partDiffFor(request: FrameRequest): Promise<typeof PartDiffModule | undefined> | typeof PartDiffModule | undefined {
  partDiff ??= import('./partDiff.ts').then(
    (m) => (partDiffLoaded = m),
    () => (partDiff = undefined),
  );
  return request.knownParts ? partDiff : partDiffLoaded;
}
