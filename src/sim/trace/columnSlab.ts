/**
 * One ArrayBuffer for all the columns of a chunk, handed out as views in the order they are asked
 * for (issue #16). A chunk's columns were as many typed arrays, each its own allocation, zero-filled
 * and registered with the engine as external memory: making a chunk of eight took about 75–115 µs
 * in Chromium against about 50 µs for one buffer of the same bytes cut into eight views, and the
 * record, write and version chunks of a 500,000-put run are about 1,500 chunks
 * (docs/BENCHMARKS.md, session 23).
 *
 * The columns of a chunk live and die together, so sharing a buffer keeps nothing alive longer,
 * except a narrow column that widens (`StepColumn`, rare): its old view's bytes stay with the chunk.
 * Views are never transferred (a frame copies what it sends). Pure: no clock, no world.
 */

type ViewType<T> = { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number };

/**
 * A function that cuts the next column of `rows` elements from one buffer of `rows × bytesPerRow`
 * bytes. `rows` is a multiple of 8 in every chunk, so each view starts aligned whatever the order;
 * asking for more than `bytesPerRow` covers throws (a RangeError from the view), so a column added
 * to a chunk without its bytes fails every test that makes one.
 */
export function columnSlab(rows: number, bytesPerRow: number): <T>(Type: ViewType<T>) => T {
  const buffer = new ArrayBuffer(rows * bytesPerRow);
  let at = 0;
  return (Type) => {
    const view = new Type(buffer, at, rows);
    at += rows * Type.BYTES_PER_ELEMENT;
    return view;
  };
}
