/**
 * The default scenario's first view, computed at build time from the simulation (issue 13.5): what
 * the stage shows before the learner presses anything — the header's title, the narration callout's
 * opening text, the timeline's lanes and labels and the marks at the playhead (time 0) in the
 * first window (the whole run). The page paints it from index.html (`firstFrameHtml.ts`) while the
 * app and its worker load; the live frame replaces it.
 *
 * It runs the worker's own host in Node, asks it for the frame the app asks for first, and lays the
 * lanes out with the timeline's own `layoutTimeline`, so nothing here restates the picture by hand.
 *
 * May import: the worker host, scenarios' gallery index, ui/timeline's pure layout and palette, ui/panels/format.
 */
import { defaultScenarioId } from '../../src/scenarios/galleryIndex.ts';
import { createHost } from '../../src/worker/host.ts';
import type { Frame, LoadResult } from '../../src/worker/protocol.ts';
import { layoutTimeline } from '../../src/ui/timeline/lanes.ts';
import { formatTick } from '../../src/ui/timeline/Axis.tsx';
import { tickCountFor, timeTicks } from '../../src/ui/timeline/timeTicks.ts';
import { consumerColour, workerColour } from '../../src/ui/timeline/palette.ts';
import { shortShardId } from '../../src/ui/panels/format.ts';

/** The playhead of the first view: the app opens a run at its start. */
export const FIRST_VIEW_AT_MS = 0;

export interface FirstFrameData {
  scenarioId: string;
  title: string;
  /** The callout's text before any step (as NarrationCallout words it). */
  calloutHeading: string;
  calloutMeta: string;
  calloutText: string;
  durationMs: number;
  /** The timeline's height in px (the layout's, legend included). */
  height: number;
  axisY: number;
  table: { y: number; h: number };
  shards: Array<{ label: string; detail: string; holder: string; holderColour: string; y: number; h: number; fromFrac: number; toFrac: number }>;
  consumersY: number;
  consumers: Array<{ id: string; colour: string; y: number; h: number; subLabels: Array<{ text: string; y: number }> }>;
  /**
   * Axis ticks as fractions of the plotting width, with the axis's labels; `on` says at which widths
   * the axis has the tick (a phone's narrow stage gets fewer: the CSS shows the set the live axis draws).
   */
  ticks: Array<{ frac: number; label: string; on: 'both' | 'wide' | 'narrow' }>;
  /** Past the playhead nothing has happened: the overlay's veil covers the lanes from here (a fraction of the width). */
  veilFrac: number;
  legendY: number;
  /** The lease holders the legend names, with their colours. */
  legend: Array<{ label: string; colour: string }>;
  /** Marks drawn at the playhead in the window: [time fraction, shard row] (none at time 0 in the default run). */
  marks: Array<[number, number]>;
}

/** Wide enough that the axis gets the tick count a 1280 px stage gets (the layout's y never depends on width). */
const REFERENCE_WIDTH = 800;
/** The plotting width on a phone (a 390 px page: the stage less the label column), for the axis's ticks there. */
export const NARROW_PLOT_WIDTH = 176;

/** The axis's ticks at the wide and the narrow width, each marked with the widths that draw it. */
function axisTicks(durationMs: number, wideWidth: number): FirstFrameData['ticks'] {
  const wide = timeTicks(0, durationMs, tickCountFor(wideWidth));
  const narrow = timeTicks(0, durationMs, tickCountFor(NARROW_PLOT_WIDTH));
  const all = [...new Set([...wide, ...narrow])].sort((a, b) => a - b);
  return all.map((t) => ({
    frac: Math.max(0, Math.min(1, t / durationMs)),
    label: formatTick(t, durationMs),
    on: wide.includes(t) && narrow.includes(t) ? 'both' : wide.includes(t) ? 'wide' : 'narrow',
  }));
}

export function firstFrameFrom(run: LoadResult, frame: Frame): FirstFrameData {
  const layout = layoutTimeline(frame.lanes, run.consumers, REFERENCE_WIDTH);
  const frac = (t: number) => Math.max(0, Math.min(1, t / run.durationMs));
  const holderOf = (lane: number) => frame.consumerLanes.find((c) => c.lane === lane)?.leaseHolder ?? '';
  const steps = run.scenario.narration ?? [];
  const story = steps.length > 0;
  const width = layout.x1 - layout.x0;
  return {
    scenarioId: run.scenarioId ?? '',
    title: run.title,
    calloutHeading: story ? 'Narration' : 'About this scenario',
    calloutMeta: story ? `${steps.length} steps` : '',
    calloutText: `${run.summary} ${story ? 'Press Play, or Next to jump to the first moment that matters.' : 'Press Play to watch it happen.'}`,
    durationMs: run.durationMs,
    height: layout.height,
    axisY: layout.axisY,
    table: layout.table,
    shards: layout.shards.map((row) => {
      const holder = holderOf(row.lane);
      return {
        label: `${row.depth > 0 ? '↳ ' : ''}Shard ${shortShardId(row.shardId)}`,
        detail: `${row.region ? `${row.region} · ` : ''}${row.status}${holder ? ' · lease ' : ''}`,
        holder,
        holderColour: holder ? workerColour(frame.workers.indexOf(holder)) : '',
        y: row.y,
        h: row.h,
        fromFrac: frac(row.openedAtMs),
        toFrac: row.closedAtMs === undefined ? 1 : frac(row.closedAtMs),
      };
    }),
    consumersY: layout.consumersY,
    consumers: layout.consumers.map((row) => ({
      id: run.consumers[row.consumer] ?? '',
      colour: consumerColour(row.consumer),
      y: row.y,
      h: row.h,
      subLabels: layout.shards.map((s, i) => ({ text: shortShardId(s.shardId).slice(-4), y: row.y + 4 + i * 9 + 4.5 })),
    })),
    ticks: axisTicks(run.durationMs, width),
    veilFrac: frac(FIRST_VIEW_AT_MS),
    legendY: layout.legendY,
    legend: frame.workers.filter((w) => frame.consumerLanes.some((c) => c.leaseHolder === w)).map((w) => ({ label: `lease: ${w}`, colour: workerColour(frame.workers.indexOf(w)) })),
    marks: Array.from(frame.marks.t, (t, i) => [frac(t), layout.rowOfLane[frame.marks.lane[i]!] ?? -1] as [number, number]).filter(([, row]) => row >= 0),
  };
}

/** Runs the default scenario in the worker's host and returns its first view. */
export async function computeFirstFrame(): Promise<FirstFrameData> {
  const host = createHost();
  const run = await host.load(defaultScenarioId);
  const frame = await host.frame({ atMs: FIRST_VIEW_AT_MS, fromMs: 0, toMs: run.durationMs });
  return firstFrameFrom(run, frame);
}
