/**
 * The frame's structured parts (tables, writes, event log) versioned by content, so a frame leaves
 * out the parts the client already holds (`FrameRequest.knownParts`); moved out of host.ts as is.
 *
 * May import: protocol types.
 */
import type { Frame, FramePart, FrameRequest, PartVersions } from './protocol.ts';

const FRAME_PARTS: readonly FramePart[] = ['tables', 'writes', 'sourceWrites', 'eventLog'];

/** One host's part table: call it with each frame before it is sent. */
export function createPartDedupe(): (frame: Frame, request: FrameRequest) => Frame {
  // The latest content (as JSON) and version of each structured frame part, for `knownParts`.
  let parts: { runId: number; json: Record<FramePart, string>; versions: PartVersions } | undefined;

  /** Versions the frame's parts and empties those the request says the client already holds. */
  return function dedupeParts(frame: Frame, request: FrameRequest): Frame {
    if (parts?.runId !== frame.runId) parts = { runId: frame.runId, json: { tables: '', writes: '', sourceWrites: '', eventLog: '' }, versions: { tables: 0, writes: 0, sourceWrites: 0, eventLog: 0 } };
    const known = request.knownParts?.runId === frame.runId ? request.knownParts.versions : undefined;
    const reused: FramePart[] = [];
    for (const part of FRAME_PARTS) {
      const json = JSON.stringify(frame[part] ?? null);
      if (json !== parts.json[part]) {
        parts.json[part] = json;
        parts.versions[part]++;
      }
      if (known?.[part] === parts.versions[part] && frame[part] !== undefined) {
        frame[part] = [];
        reused.push(part);
      }
    }
    frame.partVersions = { ...parts.versions };
    if (reused.length) frame.reused = reused;
    return frame;
  };
}
