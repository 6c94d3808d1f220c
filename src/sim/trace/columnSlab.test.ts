import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnSlab } from './columnSlab.ts';
import { DeltaColumn } from './deltaColumn.ts';
import { StepColumn } from './stepColumn.ts';
import { newChunk as newRecordChunk, RECORD_CHUNK, RECORD_ROW_BYTES } from '../stream/recordChunk.ts';
import { newChunk as newWriteChunk, WRITE_CHUNK, WRITE_ROW_BYTES } from './writeColumns.ts';

/** The 16-bit view a Delta or Step column was given (a private field: read here only to check where it lies). */
const viewOf = (column: object, field: 'steps' | 'narrow') => (column as Record<string, Int16Array | Uint16Array>)[field]!;

describe('columnSlab', () => {
  it('cuts views of one buffer one after another, each its own bytes', () => {
    const take = columnSlab(8, 7);
    const a = take(Uint32Array);
    const b = take(Uint16Array);
    const c = take(Uint8Array);
    expect([a.buffer === b.buffer, b.buffer === c.buffer]).toEqual([true, true]);
    expect([a.byteOffset, b.byteOffset, c.byteOffset]).toEqual([0, 32, 48]);
    expect([a.length, b.length, c.length]).toEqual([8, 8, 8]);
    a.fill(0xffffffff);
    c.fill(7);
    expect([...b]).toEqual(new Array(8).fill(0));
    expect(a.buffer.byteLength).toBe(56);
    // A column past the bytes a row was given fails at once.
    expect(() => take(Uint8Array)).toThrow(RangeError);
  });

  it("fills a record chunk's buffer exactly: RECORD_ROW_BYTES is the sum of its columns", () => {
    const c = newRecordChunk();
    const buffer = c.seqLoLow.buffer;
    expect(buffer.byteLength).toBe(RECORD_CHUNK * RECORD_ROW_BYTES);
    for (const view of [c.seqLoHigh, c.flags, viewOf(c.t, 'narrow'), viewOf(c.idAt, 'steps'), viewOf(c.key, 'steps'), viewOf(c.newImage, 'steps')]) expect(view.buffer).toBe(buffer);
    const last = viewOf(c.oldImage, 'steps');
    expect(last.buffer).toBe(buffer);
    expect(last.byteOffset + last.byteLength).toBe(buffer.byteLength);
  });

  it("fills a write chunk's buffer exactly: WRITE_ROW_BYTES is the sum of its columns", () => {
    const c = newWriteChunk();
    const buffer = c.label.buffer;
    expect(buffer.byteLength).toBe(WRITE_CHUNK * WRITE_ROW_BYTES);
    for (const view of [c.flags, viewOf(c.t, 'narrow'), viewOf(c.key, 'steps')]) expect(view.buffer).toBe(buffer);
    const last = viewOf(c.newItem, 'steps');
    expect(last.buffer).toBe(buffer);
    expect(last.byteOffset + last.byteLength).toBe(buffer.byteLength);
  });

  it('keeps each column of a shared buffer its own, as columns widen and others go on', () => {
    const ROWS = 32;
    const index = fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0x7fffffff }));
    const time = fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.double({ min: 0, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(index, index, time), { minLength: 1, maxLength: ROWS }), (rows) => {
        const take = columnSlab(ROWS, 6);
        const t = new StepColumn(ROWS, take(Uint16Array));
        const a = new DeltaColumn(ROWS, take(Int16Array));
        const b = new DeltaColumn(ROWS, take(Int16Array));
        // Step columns take rows in increasing time.
        let at = 0;
        const times = rows.map(([, , x]) => (at += x));
        rows.forEach(([x, y], j) => {
          t.set(j, times[j]!);
          a.set(j, x);
          b.set(j, y);
        });
        rows.forEach(([x, y], j) => {
          expect(t.get(j)).toBe(times[j]);
          expect(a.get(j)).toBe(x);
          expect(b.get(j)).toBe(y);
        });
      }),
    );
  });
});
