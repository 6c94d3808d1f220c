/**
 * How a stream record is named on screen: by its place on its shard (`#1`, `#2`, `#3`…), the same
 * in the timeline, the stream panel, the inspector, the checkpoints and the event log
 * (`worker/eventLog.ts` writes the same `#n`). Real sequence numbers are long (21–40 digits) and
 * not consecutive, so their last digits do not sort: `…7035`, `…1042`, `…4056` can be three
 * increasing numbers on one shard. The place on the shard sorts exactly as the numbers do, and the
 * full `SequenceNumber` stays in the tooltip and the inspector, because that is what AWS shows.
 *
 * Pure string functions. May import: nothing. May not import: React, worker runtime.
 */

/** `#3`: the record's place on its shard (1 for the shard's first record, trimmed ones included). */
export function sequenceLabel(ordinal: number): string {
  return `#${ordinal}`;
}

/** The tooltip: the place on the shard, and the real sequence number it stands for. */
export function sequenceTitle(sequenceNumber: string, ordinal: number): string {
  return `Record ${sequenceLabel(ordinal)} on its shard (shard order). SequenceNumber ${sequenceNumber}`;
}

/** A stored checkpoint: `#n` when it names one of the run's records, otherwise as stored (`SHARD_END`, `TRIM_HORIZON`, a number the run never wrote). */
export function checkpointLabel(value: string, ordinal: number | undefined): string {
  if (ordinal !== undefined) return sequenceLabel(ordinal);
  return /^\d{10,}$/.test(value) ? `…${value.slice(-6)}` : value;
}
