/**
 * Decode time of hostile input: the fuzz inputs of `src/share/fuzzInputs.ts` (random and mutated
 * share links, mutated scenario files) timed through `decodeLink` and `parseScenario`, fastest of
 * three per input (a GC pause or a neighbour on a shared CPU is not the decoder's cost; an input
 * that is slow every time is). The fuzz test asserts what each input gives; this measures how long.
 *
 * May import: src/share (codec, fuzz inputs), src/scenarios (schema).
 */
import fc from 'fast-check';
import { parseScenario } from '../../src/scenarios/schema.ts';
import { decodeLink } from '../../src/share/codec.ts';
import { fileInputArb, linkInputArb, links } from '../../src/share/fuzzInputs.ts';
import { percentile } from './stats.ts';

export interface DecodeTimes {
  inputs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The slowest input, described (how it was made, its length). */
  slowest: string;
}

function fastestOfThree(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    f();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function summarise(times: number[], describe: (i: number) => string): DecodeTimes {
  let worst = 0;
  for (let i = 1; i < times.length; i++) if (times[i]! > times[worst]!) worst = i;
  return { inputs: times.length, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), maxMs: times[worst] ?? 0, slowest: describe(worst) };
}

export function benchDecode(inputs = 10_000, seed = 424_242): { links: DecodeTimes; files: DecodeTimes } {
  // Warm up: the first calls compile the decoder; the figure is for a running app, not a cold start.
  for (const link of links) decodeLink(link);
  const linkInputs = fc.sample(linkInputArb, { numRuns: inputs, seed });
  const linkTimes = linkInputs.map(([, input]) => fastestOfThree(() => decodeLink(input)));
  const fileInputs = fc.sample(fileInputArb, { numRuns: Math.ceil(inputs / 4), seed: seed + 1 });
  const fileTimes = fileInputs.map((data) => fastestOfThree(() => parseScenario(data)));
  return {
    links: summarise(linkTimes, (i) => `${linkInputs[i]![0]}, ${linkInputs[i]![1].length} chars`),
    files: summarise(fileTimes, (i) => `${JSON.stringify(fileInputs[i]).length} chars of JSON`),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchDecode(Number(process.argv[2] ?? 10_000)));
