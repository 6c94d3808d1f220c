/**
 * One chunk of a shard's record columns (`recordStore.ts`): the typed arrays a chunk of 1,024 rows
 * holds, and the reads and writes of its sequence-number limbs and Region, each kept narrow while the
 * rows allow (issue #16).
 *
 * May import: ../trace column types, ../kernel/rng.ts (types). May not import: anything with state.
 */
import type { IdCursor } from '../kernel/rng.ts';
import { StepColumn } from '../trace/stepColumn.ts';
import { DeltaColumn } from '../trace/deltaColumn.ts';
import { columnSlab } from '../trace/columnSlab.ts';

/** Records per chunk: a shard allocates its columns 1024 rows at a time. */
export const RECORD_CHUNK = 1024;
export const CHUNK_SHIFT = 10;
export const CHUNK_MASK = RECORD_CHUNK - 1;

/** One chunk of rows. */
export interface RecordChunk {
  /** Append time (ms), as steps from the chunk's first. */
  readonly t: StepColumn;
  /** The high limb of the chunk's first row; a row's is this plus its `seqHiStep`. */
  seqHiBase: number;
  /**
   * The high limb grows by one per 10^14 of the low limb: within a chunk of a simulated shard it
   * moves by a few steps at most. Imported sequence numbers may jump or go back, so a chunk where
   * a row's step does not fit keeps the high limbs whole in `seqHiWide` instead. Made at the first
   * step that is not 0 (most chunks never need it).
   */
  seqHiStep: Uint16Array | undefined;
  seqHiWide: Float64Array | undefined;
  /**
   * The low limb (an integer below 10^14 < 2^47) in two parts, its low 32 bits and the 15 above
   * them: 6 bytes instead of a double's 8 (steps from the chunk's first row would not fit 32 bits:
   * a simulated shard's numbers grow by up to 10^10 a record).
   */
  readonly seqLoLow: Uint32Array;
  readonly seqLoHigh: Uint16Array;
  /**
   * The eventIDs, drawn again when read (`IdCursor`): the ids stream's state before the first row's
   * draws and its position then, and each row's position (2 bytes while the chunk's draws are near).
   */
  idState: readonly number[] | undefined;
  idFrom: number;
  readonly idAt: DeltaColumn;
  idCursor: IdCursor | undefined;
  /** Event name code (0–2) | BY_SERVICE. */
  readonly flags: Uint8Array;
  /** The Region's index: the first row's, and per row only once a row names another (a replica's records name its own). */
  regionFirst: number;
  region: Uint8Array | undefined;
  /** The key's index, and the item version indexes of the images the view type includes (−1 when absent): 2 bytes a row while near each other. */
  readonly key: DeltaColumn;
  readonly newImage: DeltaColumn;
  readonly oldImage: DeltaColumn;
}

/** The bytes a row takes in a chunk's buffer: t 2, seqLoLow 4, seqLoHigh 2, idAt 2, flags 1, key and both images 2 each. */
export const RECORD_ROW_BYTES = 17;

export function newChunk(): RecordChunk {
  const take = columnSlab(RECORD_CHUNK, RECORD_ROW_BYTES);
  return {
    t: new StepColumn(RECORD_CHUNK, take(Uint16Array)),
    seqHiBase: 0,
    seqHiStep: undefined,
    seqHiWide: undefined,
    seqLoLow: take(Uint32Array),
    seqLoHigh: take(Uint16Array),
    idState: undefined,
    idFrom: 0,
    idAt: new DeltaColumn(RECORD_CHUNK, take(Int16Array)),
    idCursor: undefined,
    flags: take(Uint8Array),
    regionFirst: 0,
    region: undefined,
    key: new DeltaColumn(RECORD_CHUNK, take(Int16Array)),
    newImage: new DeltaColumn(RECORD_CHUNK, take(Int16Array)),
    oldImage: new DeltaColumn(RECORD_CHUNK, take(Int16Array)),
  };
}

const MAX_STEP = 0xffff;
const TWO_32 = 0x100000000;
/** 10^14, the low limb's bound. */
const LOW_LIMB_BOUND = 100_000_000_000_000;

export function seqLoAt(c: RecordChunk, j: number): number {
  return c.seqLoHigh[j]! * TWO_32 + c.seqLoLow[j]!;
}

function badLowLimb(lo: number): never {
  throw new RangeError(`a sequence number's low limb must be an integer in [0, 10^14), not ${lo}`);
}

export function setSeqLo(c: RecordChunk, j: number, lo: number): void {
  if (!(Number.isInteger(lo) && lo >= 0 && lo < LOW_LIMB_BOUND)) badLowLimb(lo);
  // Exact for integers below 2^53, and no floating-point remainder (a library call) per record.
  const high = Math.floor(lo / TWO_32);
  c.seqLoLow[j] = lo - high * TWO_32;
  c.seqLoHigh[j] = high;
}

/** Row `j`'s high limb. */
export function seqHiAt(c: RecordChunk, j: number): number {
  const wide = c.seqHiWide;
  if (wide !== undefined) return wide[j]!;
  const steps = c.seqHiStep;
  return steps === undefined ? c.seqHiBase : c.seqHiBase + steps[j]!;
}

/**
 * Steps or doubles, as `StepColumn` (trace/stepColumn.ts) keeps times, written out for the high limb:
 * it has no 32-bit stage (a limb that moves by more than 16 bits within a chunk jumps: an import's),
 * and no steps at all while every row's limb is the first's.
 */
export function setSeqHi(c: RecordChunk, j: number, hi: number): void {
  if (j === 0) c.seqHiBase = hi;
  // Every row of a simulated chunk has the first row's limb: that case in few bytecodes, the rest
  // out of line (the write path's inlining budget, see `StepColumn.set`).
  if (hi === c.seqHiBase && c.seqHiWide === undefined && c.seqHiStep === undefined) return;
  setSeqHiOther(c, j, hi);
}

function setSeqHiOther(c: RecordChunk, j: number, hi: number): void {
  const wide = c.seqHiWide;
  if (wide !== undefined) {
    wide[j] = hi;
    return;
  }
  const step = hi - c.seqHiBase;
  // `base + step === hi`: the step is exact (always, for limbs below 2^53), so reading gives `hi` back.
  if (step >= 0 && step <= MAX_STEP && Number.isInteger(step) && c.seqHiBase + step === hi) {
    if (step !== 0) (c.seqHiStep ??= new Uint16Array(RECORD_CHUNK))[j] = step;
    else if (c.seqHiStep !== undefined) c.seqHiStep[j] = 0;
    return;
  }
  const all = new Float64Array(RECORD_CHUNK);
  for (let k = 0; k < j; k++) all[k] = seqHiAt(c, k);
  all[j] = hi;
  c.seqHiWide = all;
}

export function setRegion(c: RecordChunk, j: number, region: number): void {
  if (j === 0) c.regionFirst = region;
  if (c.region === undefined) {
    if (region === c.regionFirst) return;
    c.region = new Uint8Array(RECORD_CHUNK).fill(c.regionFirst);
  }
  c.region[j] = region;
}

