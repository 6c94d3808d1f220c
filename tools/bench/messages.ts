/**
 * The browser benchmark's worker → main message figures (./browser.ts plays the runs): how many
 * messages the worker posts per animation frame, their bytes (typed arrays plus the structured part)
 * and their decode time. An init script (./workerProbe.ts) wraps `Worker` and listens first, so
 * reading `event.data` (Chromium deserialises it on first access) is the structured-clone decode.
 * Two stretches: after the traffic the worker posts about 4 messages a second (the panels' refresh:
 * no fact to pass); while the last records arrive (the last 5 s of the traffic) about one a frame.
 * Decodes are timed in passes of their own (played again until `MIN_DECODE_SAMPLES`); the arriving
 * messages are sized in one more pass, as sizing walks each message on the main thread.
 *
 * May import: playwright-core types, ./stats.ts, ./workerProbe.ts (types).
 */
import type { Page } from 'playwright-core';
import { percentile } from './stats.ts';
import type { WorkerProbe } from './workerProbe.ts';

/** Moves the playhead (paused) to `atMs`, or to where the frame passes start: ./browser.ts `rewind`. */
export type Rewind = (page: Page, atMs?: number) => Promise<void>;

export interface MessageFigures {
  records: number;
  frames: number;
  messages: number;
  messagesPerFrame: number;
  bytesPerMessage: number;
  /** Bytes the worker sent per animation frame while playing (issue 16.2: only the tail). */
  bytesPerFrame: number;
  /** Decode of every message sampled while playing: `decodeAfter`'s and `decodeArriving`'s together (the row's figures). */
  decodeP50Ms: number;
  decodeP95Ms: number;
  decodeMaxMs: number;
  /** How many messages the three figures above rest on. */
  decodeSamples: number;
  /** The messages of this pass (after the traffic, every record in view): about 4 a second. */
  decodeAfter: DecodeFigures;
  /** The messages while the last records arrive (`fromMs` to `toMs` of the run, played `passes` times, over `frames` animation frames). */
  decodeArriving: DecodeFigures & { fromMs: number; toMs: number; passes: number; frames: number };
  /**
   * What the worker sends while the last records arrive (the same stretch as `decodeArriving`, played
   * once more to size the messages: sizing them in the decode passes would weigh on the decodes).
   * The figures above (`messages`, `bytesPerFrame`…) are the pass after the traffic.
   */
  bytesArriving: { fromMs: number; toMs: number; frames: number; messages: number; messagesPerFrame: number; bytesPerMessage: number; bytesPerFrame: number };
}

/** Decode times of a set of worker messages. */
export interface DecodeFigures {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function decodeFigures(samplesMs: readonly number[]): DecodeFigures {
  return {
    samples: samplesMs.length,
    p50Ms: percentile(samplesMs, 0.5),
    p95Ms: percentile(samplesMs, 0.95),
    // A loop, not Math.max(...xs): a pass can hold thousands of samples.
    maxMs: samplesMs.reduce((m, x) => (x > m ? x : m), samplesMs.length ? -Infinity : NaN),
  };
}

export const TRAFFIC_TO_MS = 81_000;

/**
 * The decode figures' second stretch: the last 5 s of the traffic (95–100 % of the records in
 * view). There the playhead passes a new fact nearly every animation frame, so the worker posts
 * about one message a frame (at 1,000 records, one every 80 ms of the run, about 16 a second).
 */
export const ARRIVING_FROM_MS = TRAFFIC_TO_MS - 5_000;
/** Decode samples a row's p95 rests on at least: the arrival stretch is played again until they are there. */
export const MIN_DECODE_SAMPLES = 60;
/** …but not more than this many times (a machine too slow for that still gets a row, with its count). */
export const MAX_ARRIVING_PASSES = 3;

/** Whether the arrival stretch is played once more: too few samples yet, and passes left (a smoke run plays it once). */
export function wantsAnotherPass(samples: number, passes: number, smoke: boolean): boolean {
  return !smoke && samples < MIN_DECODE_SAMPLES && passes < MAX_ARRIVING_PASSES;
}

type ProbeWindow = { __benchWorker: WorkerProbe };

/**
 * Decode times of the messages the worker posts while the last records arrive: from
 * `TRAFFIC_TO_MS - seconds` until the playhead reaches `TRAFFIC_TO_MS` (or the time runs out), as
 * many passes as `wantsAnotherPass` asks. Bytes are not sized here (walking each message's ~90 KB
 * would weigh on the main thread the next decode runs on).
 */
async function decodeWhileArriving(page: Page, rewind: Rewind, seconds: number, smoke: boolean): Promise<MessageFigures['decodeArriving'] & { samplesMs: number[] }> {
  const fromMs = TRAFFIC_TO_MS - seconds * 1000;
  const samplesMs: number[] = [];
  let passes = 0;
  let frames = 0;
  do {
    await rewind(page, fromMs);
    await resetProbe(page, false);
    await playToTrafficEnd(page, seconds);
    const pass = await stopProbe(page);
    samplesMs.push(...pass.decodeMs);
    frames += pass.frames;
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    passes++;
  } while (wantsAnotherPass(samplesMs.length, passes, smoke));
  return { ...decodeFigures(samplesMs), fromMs, toMs: TRAFFIC_TO_MS, passes, frames, samplesMs };
}

/** Plays from where the playhead is until it reaches the traffic's end (or `seconds` + 2 s pass). */
async function playToTrafficEnd(page: Page, seconds: number): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.evaluate(
    async ({ toMs, durationMs }) => {
      await new Promise<void>((resolve) => {
        // The playhead decides (messages after the traffic are the other pass's); the clock is a guard.
        const end = performance.now() + durationMs;
        const tick = (now: number) => {
          if (now < end && (window.__streamscope?.playheadMs() ?? Infinity) < toMs) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
    },
    { toMs: TRAFFIC_TO_MS, durationMs: seconds * 1000 + 2_000 },
  );
}

/** Starts the probe's counts again; `measureBytes`: size each message too (slower: not while timing decodes). */
async function resetProbe(page: Page, measureBytes: boolean): Promise<void> {
  await page.evaluate((measure) => {
    const p = (window as unknown as ProbeWindow).__benchWorker;
    p.messages = 0;
    p.startCounting();
    p.decodeMs = [];
    p.bytes = 0;
    p.measureBytes = measure;
  }, measureBytes);
}

/**
 * Stops the probe's counts and reads them: the frames and the messages of one window, both counted
 * by the probe since `resetProbe`.
 */
async function stopProbe(page: Page): Promise<Pick<WorkerProbe, 'messages' | 'frames' | 'decodeMs' | 'bytes'>> {
  return page.evaluate(() => {
    const probe = (window as unknown as ProbeWindow).__benchWorker;
    probe.measureBytes = false;
    probe.counting = false;
    return { messages: probe.messages, frames: probe.frames, decodeMs: probe.decodeMs, bytes: probe.bytes };
  });
}

/** The messages' count and size while the last `seconds` of the traffic arrive: one pass of its own. */
async function bytesWhileArriving(page: Page, rewind: Rewind, seconds: number): Promise<MessageFigures['bytesArriving']> {
  const fromMs = TRAFFIC_TO_MS - seconds * 1000;
  await rewind(page, fromMs);
  await resetProbe(page, true);
  await playToTrafficEnd(page, seconds);
  const p = await stopProbe(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const frames = p.frames;
  return { fromMs, toMs: TRAFFIC_TO_MS, frames, messages: p.messages, messagesPerFrame: p.messages / Math.max(1, frames), bytesPerMessage: p.bytes / Math.max(1, p.messages), bytesPerFrame: p.bytes / Math.max(1, frames) };
}

export async function messagesWhilePlaying(page: Page, rewind: Rewind, records: number, seconds: number, smoke: boolean): Promise<MessageFigures> {
  // First, so the playhead ends after the traffic as before (the interactions follow this pass).
  const arrivingSeconds = smoke ? 1 : (TRAFFIC_TO_MS - ARRIVING_FROM_MS) / 1000;
  const { samplesMs: arrivingMs, ...decodeArriving } = await decodeWhileArriving(page, rewind, arrivingSeconds, smoke);
  const bytesArriving = await bytesWhileArriving(page, rewind, arrivingSeconds);
  await rewind(page);
  await resetProbe(page, true);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(seconds * 1000);
  const p = await stopProbe(page);
  const frames = p.frames;
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const all = decodeFigures([...p.decodeMs, ...arrivingMs]);
  return {
    records,
    frames,
    messages: p.messages,
    messagesPerFrame: p.messages / Math.max(1, frames),
    bytesPerMessage: p.bytes / Math.max(1, p.messages),
    bytesPerFrame: p.bytes / Math.max(1, frames),
    decodeP50Ms: all.p50Ms,
    decodeP95Ms: all.p95Ms,
    decodeMaxMs: all.maxMs,
    decodeSamples: all.samples,
    decodeAfter: decodeFigures(p.decodeMs),
    decodeArriving,
    bytesArriving,
  };
}
