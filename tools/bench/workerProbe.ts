/**
 * An init script for the browser benchmark: wraps `Worker` so the page counts, sizes and times the
 * messages the simulation worker sends (registered before comlink's listener, so its read of
 * `event.data` is the structured-clone decode), and counts the page's animation frames beside them:
 * a per-frame figure divides two counts of one window (the frames counted from a loop started after
 * a Play click missed the frames of the click itself, whose messages the probe did count: 1.01
 * messages a frame in session 22, where the client sends at most one request a frame).
 *
 * May import: nothing (it runs in the page).
 */

/** What the probe keeps on the page, as `window.__benchWorker` (./messages.ts reads it). */
export interface WorkerProbe {
  messages: number;
  /** Animation frames since `startCounting`, counted until `counting` is set false. */
  frames: number;
  counting: boolean;
  startCounting: () => void;
  decodeMs: number[];
  bytes: number;
  measureBytes: boolean;
}

/** Runs in the page before any of its scripts: counts and times what the worker sends. */
export function workerProbe(): void {
  // Frames are counted only while a pass counts messages: a callback every frame is not left running
  // through the passes that time the page's frames.
  let looping = false;
  const countFrame = () => {
    looping = probe.counting;
    if (!looping) return;
    probe.frames++;
    requestAnimationFrame(countFrame);
  };
  const probe: WorkerProbe = {
    messages: 0,
    frames: 0,
    counting: false,
    startCounting: () => {
      probe.frames = 0;
      probe.counting = true;
      if (!looping) {
        looping = true;
        requestAnimationFrame(countFrame);
      }
    },
    decodeMs: [],
    bytes: 0,
    measureBytes: false,
  };
  (window as unknown as { __benchWorker: WorkerProbe }).__benchWorker = probe;
  const sizeOf = (v: unknown, depth: number): number => {
    if (v === null || v === undefined || depth > 12) return 0;
    if (typeof v === 'string') return v.length;
    if (typeof v === 'number') return 8;
    if (typeof v === 'boolean') return 1;
    if (ArrayBuffer.isView(v)) return v.byteLength;
    if (v instanceof ArrayBuffer) return v.byteLength;
    if (Array.isArray(v)) return v.reduce((n: number, e) => n + sizeOf(e, depth + 1), 0);
    if (typeof v === 'object') return Object.entries(v).reduce((n, [k, e]) => n + k.length + sizeOf(e, depth + 1), 0);
    return 0;
  };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      // Registered before comlink's own listener, so this is the first read of `data`.
      this.addEventListener('message', (ev) => {
        const t0 = performance.now();
        const data: unknown = ev.data;
        probe.decodeMs.push(performance.now() - t0);
        probe.messages++;
        if (probe.measureBytes) probe.bytes += sizeOf(data, 0);
      });
    }
  };
}

