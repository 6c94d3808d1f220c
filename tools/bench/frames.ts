/**
 * Timeline drawing cost: synthetic frames with 1k, 5k and 20k records in view (8 lanes, 2 consumers,
 * batches and leases), drawn by the real `drawMarks` on a mock 2D context that only counts calls.
 * Times the whole run zoomed out (counts per bucket) and a 1/20 zoom (chips). Node has no canvas,
 * so this is the JavaScript side of a draw (LOD, loops, calls), not rasterisation; the browser
 * figures (busy time and frame intervals in Chromium) come from browser.ts.
 */
import { performance } from 'node:perf_hooks';
import type { MarksContext, MarksFrame } from '../../src/ui/timeline/drawMarks.ts';
import { drawMarks } from '../../src/ui/timeline/drawMarks.ts';
import { layoutTimeline } from '../../src/ui/timeline/lanes.ts';
import { linearOf } from '../../src/ui/timeline/lod.ts';
import { timeScale } from '../../src/ui/timeline/scales.ts';
import type { LaneView } from '../../src/worker/protocol.ts';

class CountingContext implements MarksContext {
  fillStyle: string | object = '';
  strokeStyle: string | object = '';
  lineWidth = 1;
  globalAlpha = 1;
  font = '';
  textAlign: MarksContext['textAlign'] = 'start';
  textBaseline: MarksContext['textBaseline'] = 'alphabetic';
  calls = 0;
  save() { this.calls++; }
  restore() { this.calls++; }
  beginPath() { this.calls++; }
  moveTo() { this.calls++; }
  lineTo() { this.calls++; }
  closePath() { this.calls++; }
  arc() { this.calls++; }
  rect() { this.calls++; }
  fill() { this.calls++; }
  stroke() { this.calls++; }
  fillRect() { this.calls++; }
  clearRect() { this.calls++; }
  fillText() { this.calls++; }
  setLineDash() { this.calls++; }
}

const LANES = 8;
const DURATION_MS = 600_000;

export function syntheticFrame(records: number): MarksFrame {
  const t = Float64Array.from({ length: records }, (_, i) => ((i + 0.5) * DURATION_MS) / records);
  const lane = Uint16Array.from({ length: records }, (_, i) => (i * 7919) % LANES);
  const deliveries = Uint16Array.from({ length: records }, (_, i) => (i % 97 === 0 ? 2 : 1));
  const batches = Math.ceil(records / 10);
  const b0 = Float64Array.from({ length: batches }, (_, i) => ((i + 0.5) * DURATION_MS) / batches);
  return {
    atMs: DURATION_MS,
    lanes: Array.from({ length: LANES }, (_, i): LaneView => ({ shardId: `shardId-${i}`, streamArn: 'arn', partition: i, openedAtMs: 0, status: 'open' })),
    records: { t, lane, event: Uint8Array.from({ length: records }, (_, i) => i % 3), key: Uint32Array.from({ length: records }, (_, i) => i % 50), trimmed: Uint8Array.from({ length: records }, (_, i) => (i < records / 10 ? 1 : 0)), deliveries, harm: Uint8Array.from({ length: records }, (_, i) => (i % 291 === 0 ? 1 : 0)), ordinal: Uint32Array.from({ length: records }, (_, i) => Math.floor(i / LANES) + 1), byService: new Uint8Array(records) },
    sequenceNumbers: Array.from({ length: records }, (_, i) => String(100_000_000 + i)),
    marks: { t: Float64Array.from([DURATION_MS / 2]), kind: Uint8Array.from([2]), consumer: Uint16Array.from([0]), lane: Int16Array.from([-1]) },
    batches: { t0: b0, t1: b0.map((x) => x + 200), consumer: Uint16Array.from({ length: batches }, (_, i) => i % 2), lane: Int16Array.from({ length: batches }, (_, i) => i % LANES), worker: Uint16Array.from({ length: batches }, (_, i) => i % 2), outcome: Uint8Array.from({ length: batches }, (_, i) => (i % 13 === 0 ? 2 : 1)), trigger: new Uint8Array(batches), count: Uint16Array.from({ length: batches }, () => 10) },
    leases: { t0: Float64Array.from({ length: LANES }, () => 0), t1: Float64Array.from({ length: LANES }, () => NaN), consumer: new Uint16Array(LANES), lane: Int16Array.from({ length: LANES }, (_, i) => i), worker: Uint16Array.from({ length: LANES }, (_, i) => i % 2) },
    consumerLanes: Array.from({ length: LANES }, (_, i) => ({ consumer: 0, lane: i, iteratorMs: DURATION_MS - 1000, checkpointMs: DURATION_MS - 5000 })),
  };
}

export interface FrameBenchRow {
  records: number;
  zoom: 'whole run' | '1/20';
  mode: string;
  marks: number;
  calls: number;
  p50Ms: number;
  p95Ms: number;
}

export function benchFrames(sizes = [1_000, 5_000, 20_000], rounds = 40): FrameBenchRow[] {
  const rows: FrameBenchRow[] = [];
  for (const records of sizes) {
    const frame = syntheticFrame(records);
    const layout = layoutTimeline(frame.lanes, ['counter', 'archiver'], 1600);
    for (const zoom of ['whole run', '1/20'] as const) {
      const to = zoom === 'whole run' ? DURATION_MS : DURATION_MS / 20;
      const scales = { lin: linearOf(timeScale({ fromMs: 0, toMs: to }, layout.x0, layout.x1)), layout };
      const times: number[] = [];
      let stats = drawMarks(new CountingContext(), frame, scales, { travelMs: 600, labels: true });
      let calls = 0;
      for (let r = 0; r < rounds; r++) {
        const ctx = new CountingContext();
        const t0 = performance.now();
        stats = drawMarks(ctx, frame, scales, { travelMs: 600, labels: true });
        times.push(performance.now() - t0);
        calls = ctx.calls;
      }
      times.sort((a, b) => a - b);
      rows.push({ records, zoom, mode: stats.mode, marks: stats.marks, calls, p50Ms: times[Math.floor(rounds / 2)]!, p95Ms: times[Math.floor(rounds * 0.95)]! });
    }
  }
  return rows;
}

export function framesTable(rows: FrameBenchRow[]): string[] {
  return [
    '| timeline drawMarks (mock context) | mode · marks drawn | context calls | p50 | p95 |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.records.toLocaleString('en-US')} records in the frame, ${r.zoom} | ${r.mode} · ${r.marks.toLocaleString('en-US')} | ${r.calls.toLocaleString('en-US')} | ${r.p50Ms.toFixed(2)} ms | ${r.p95Ms.toFixed(2)} ms |`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of framesTable(benchFrames())) console.log(line);
