/**
 * A file's bytes on their way to the import (issue 16.3): slices cut after their last line break,
 * read either where the import runs or on the page, which then hands them to the worker.
 *
 * Why the page reads: in Chromium a Blob's bytes reach `arrayBuffer()` through tasks of the thread
 * that asked, so a slice asked for ahead by the busy importer arrives only once the importer waits
 * for it. A million records waited 1.5 s for their slices that way (a trace of the bench's import).
 * The page's main thread is idle during an import: it reads the slices and transfers each one's
 * buffer to the worker (no copy), a few ahead of the importer (`AHEAD`, credit given back per slice).
 * (That wait is of `arrayBuffer()` slices; the page now reads the file's byte stream, below.)
 *
 * Why the buffers go back and forth: a fresh 4 MB buffer is fresh memory, and on this project's
 * 2-core VM first touching a page of it costs 10–20 µs (docs/BENCHMARKS.md, session 25): a million
 * records read as fresh buffers made the page thread take 133,000 page faults, which the worker's
 * thread shares two cores with. So the page reads a byte stream (a BYOB reader, where the browser
 * has one) into buffers the worker hands back once it has decoded them: a few buffers, reused.
 *
 * The protocol on the feed's port, page → worker: `{ bytes: ArrayBuffer, length }` (transferred),
 * then `{ end: true }`, or `{ error }` when the file cannot be read; worker → page: `{ more: n,
 * spare? }` (n more slices wanted, and the buffer of a slice it is done with, transferred back), and
 * `{ stop: true }` when the import needs no more (finished, cancelled, a bad line).
 *
 * May import: nothing. Uses Blob and MessagePort (page, worker and Node alike).
 */
/**
 * A file the page reads for the worker: its slices come on `port`, transferred. The page's client
 * sends a file so; a Blob handed to `importStream` is read by the worker itself.
 */
export interface FileFeed {
  port: MessagePort;
  /** The file's size in bytes (progress, the memory budget's first look). */
  size: number;
}

const NEWLINE = 0x0a;

/** Bytes read from a file at a time. */
export const SLICE_BYTES = 4 * 1024 * 1024;

/** Slices the page reads ahead of the importer. */
const AHEAD = 3;

/**
 * Where a slice read from `at` ends: after its last line break, unless it reaches the file's end or
 * holds none (a line longer than a slice). Both readers below cut so.
 */
function sliceEnd(bytes: Uint8Array, at: number, fileSize: number): number {
  const lineEnd = at + bytes.byteLength < fileSize ? bytes.lastIndexOf(NEWLINE) + 1 : 0;
  return lineEnd > 0 ? lineEnd : bytes.byteLength;
}

/**
 * The file in slices of at most `sliceBytes`, each but the last cut after its last line break (the
 * next read starts there), so the reader gets whole lines and never joins one piece's end to the
 * next (a joined string of 4 MB is copied again when first read: a quarter of a second a million
 * records). A line longer than a slice comes in slices of its own. The next slice is asked for as
 * soon as this one's end is known. Each slice is the start of its own buffer.
 */
export async function* lineSlices(blob: Blob, sliceBytes = SLICE_BYTES): AsyncGenerator<Uint8Array> {
  const sliceAt = (at: number) => (at < blob.size ? blob.slice(at, Math.min(blob.size, at + sliceBytes)).arrayBuffer() : undefined);
  let at = 0;
  let next = sliceAt(0);
  try {
    while (next !== undefined) {
      const bytes = new Uint8Array(await next);
      const piece = bytes.subarray(0, sliceEnd(bytes, at, blob.size));
      at += piece.byteLength;
      next = sliceAt(at);
      yield piece;
    }
  } finally {
    // Stopped early (cancelled, a bad line): the slice asked for ahead is not awaited; a failure of it is nobody's.
    next?.catch(() => undefined);
  }
}

/**
 * `lineSlices` read from the Blob's byte stream into buffers `spare` gives (each of at least
 * `sliceBytes`), so that a reader which hands its buffers back reads the file in the same few
 * buffers. The slices are cut where `lineSlices` cuts them; the bytes after a slice's last line
 * break (at most a line) are copied to the start of the next buffer. Undefined when the Blob has
 * no byte stream (then `lineSlices`).
 */
export function streamedLineSlices(blob: Blob, sliceBytes: number, spare: () => ArrayBuffer): AsyncGenerator<Uint8Array> | undefined {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = blob.stream().getReader({ mode: 'byob' });
  } catch {
    return undefined;
  }
  return (async function* () {
    let at = 0; // bytes of the file given as slices so far
    let tail = new Uint8Array(0);
    try {
      while (at < blob.size) {
        let buffer = spare();
        new Uint8Array(buffer).set(tail);
        let filled = tail.byteLength;
        while (filled < sliceBytes && at + filled < blob.size) {
          const read = await reader.read(new Uint8Array(buffer, filled, sliceBytes - filled));
          // The read took the buffer (transferred) and gives it back as the view's.
          if (read.value) buffer = read.value.buffer as ArrayBuffer;
          if (read.done) break;
          filled += read.value.byteLength;
        }
        if (filled === 0) return; // the file got shorter than it said
        const bytes = new Uint8Array(buffer, 0, filled);
        const end = sliceEnd(bytes, at, blob.size);
        tail = bytes.slice(end);
        at += end;
        yield bytes.subarray(0, end);
      }
    } finally {
      // Read to the end, or stopped early (cancelled, a bad line): the stream is let go; a failure of that is nobody's.
      reader.cancel().catch(() => undefined);
    }
  })();
}

type ToWorker = { bytes: ArrayBuffer; length: number } | { end: true } | { error: string };
type ToPage = { more: number; spare?: ArrayBuffer } | { stop: true };

/**
 * The page's side: reads `blob` into a channel as the worker asks, until the file ends or the worker
 * says stop. Returns the feed to hand the worker, its port transferred with it.
 */
export function feedFile(blob: Blob, sliceBytes = SLICE_BYTES, newBuffer = (bytes: number) => new ArrayBuffer(bytes)): FileFeed {
  const { port1: page, port2: worker } = new MessageChannel();
  // Buffers the worker gave back; a new one when none is (the first few, or a worker that keeps them).
  const spares: ArrayBuffer[] = [];
  const slices = streamedLineSlices(blob, sliceBytes, () => spares.pop() ?? newBuffer(sliceBytes)) ?? lineSlices(blob, sliceBytes);
  let wanted = 0;
  let reading = false;
  let stopped = false;
  const stop = () => {
    stopped = true;
    page.close();
    void slices.return(undefined);
  };
  const pump = async () => {
    if (reading) return;
    reading = true;
    try {
      while (wanted > 0 && !stopped) {
        const next = await slices.next();
        if (stopped) return;
        if (next.done) {
          page.postMessage({ end: true } satisfies ToWorker);
          return;
        }
        wanted--;
        const piece = next.value;
        // A slice starts its buffer (`lineSlices`): the buffer goes whole, the length says how much of it is the slice.
        page.postMessage({ bytes: piece.buffer as ArrayBuffer, length: piece.byteLength } satisfies ToWorker, [piece.buffer as ArrayBuffer]);
      }
    } catch (e) {
      if (!stopped) page.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies ToWorker);
    } finally {
      reading = false;
    }
  };
  page.onmessage = (m: MessageEvent<ToPage>) => {
    if ('stop' in m.data) stop();
    else {
      const { spare } = m.data;
      if (spare && spare.byteLength >= sliceBytes && spares.length < AHEAD) spares.push(spare);
      wanted += m.data.more;
      void pump();
    }
  };
  return { port: worker, size: blob.size };
}

/** Whether `input` is a file fed by the page (`feedFile`), not a Blob or text. */
export function isFileFeed(input: unknown): input is FileFeed {
  return typeof input === 'object' && input !== null && typeof (input as FileFeed).size === 'number' && typeof MessagePort !== 'undefined' && (input as FileFeed).port instanceof MessagePort;
}

/**
 * The worker's side: the slices the page sends on `feed`, asking for `AHEAD` at a time. A slice's
 * bytes are the reader's until it asks for the next slice: then its buffer goes back to the page.
 */
export async function* fedSlices(feed: FileFeed): AsyncGenerator<Uint8Array> {
  const { port } = feed;
  const queue: ToWorker[] = [];
  let wake: (() => void) | undefined;
  port.onmessage = (m: MessageEvent<ToWorker>) => {
    queue.push(m.data);
    wake?.();
  };
  // The slice given before: its reader asks for the next one only once done with it (it keeps no view of it), so its buffer goes back.
  let given: ArrayBuffer | undefined;
  const ask = (more: number) => {
    const spare = given;
    given = undefined;
    port.postMessage({ more, ...(spare ? { spare } : {}) } satisfies ToPage, spare ? [spare] : []);
  };
  ask(AHEAD);
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const m = queue.shift()!;
      if ('end' in m) return;
      if ('error' in m) throw new Error(`The file could not be read: ${m.error}`);
      ask(1);
      given = m.bytes;
      yield new Uint8Array(m.bytes, 0, m.length);
    }
  } finally {
    port.postMessage({ stop: true } satisfies ToPage);
    port.close();
  }
}
