/**
 * One chunk of `ItemVersions`' rows (1,024 versions): where each version's row starts in the slot
 * pool, and each version's item size once someone asked for it (2 bytes while it fits).
 *
 * May import: ./deltaColumn.ts. May not import: anything with state.
 */
import type { DeltaColumn } from './deltaColumn.ts';

export interface VersionChunk {
  /** First slot of the row in the pool, or −1 − object index when the item is kept whole (rows follow each other: 2 bytes a version). */
  readonly start: DeltaColumn;
  /**
   * The version's `itemSize` + 1 (0 until someone asks); `SIZE_IN_BIG` when it does not fit 16
   * bits, the size then in `big` (items are up to 400 KB, most far smaller).
   */
  readonly size: Uint16Array;
  big?: Map<number, number>;
}

const SIZE_IN_BIG = 0xffff;

export function sizeOf(chunk: VersionChunk, j: number): number {
  const s = chunk.size[j]!;
  return s === SIZE_IN_BIG ? chunk.big!.get(j)! : s - 1;
}

export function setSize(chunk: VersionChunk, j: number, size: number): void {
  if (size >= 0 && size + 1 < SIZE_IN_BIG) {
    chunk.size[j] = size + 1;
    return;
  }
  (chunk.big ??= new Map()).set(j, size);
  chunk.size[j] = SIZE_IN_BIG;
}
