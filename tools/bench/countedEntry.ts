/**
 * The counted core row's process, run under valgrind's callgrind by `countedCore.ts` and built as
 * the app ships the core (`coreShipped.ts`): the reference workload warmed up, then run again with
 * its first put of each voter (conditional INSERTs) outside the count and its vote changes
 * (MODIFYs, the steady state) counted between the toggle addon's two calls. Prints the puts and
 * trace facts counted, and the bytes the heap grew by meanwhile, as one line of JSON.
 *
 * A full collection (`--expose-gc`) before the count empties the young generation, so a
 * scavenge falls inside the count only when the counted puts allocate more than it holds: where
 * one fell or not by chance, two builds' counts differed by 9 % with their code's the same
 * (session 28).
 *
 * What happens once a process is not counted either. The warm-up runs cross the trace's first chunk
 * of facts (65,536), and a second voter's worth of vote changes runs after the collection, before
 * the count: with a warm-up of 60,000 facts and the count right after the collection, the count
 * held optimized code thrown away at the trace's new chunk (a map V8 had not seen there) and
 * compiled again, on the main thread under `--single-threaded`: about 1,400 of the 9,870
 * instructions a put it read (session 29). The timed rows' best rounds run past such events.
 *
 * May import: node builtins, ./core.ts.
 */
import { createRequire } from 'node:module';
import { getHeapStatistics } from 'node:v8';
import { REFERENCE_VOTERS, runReferenceWorkload, scheduleReferenceWorkload } from './core.ts';

const writes = Number(process.argv[2]);
const toggle = createRequire(import.meta.url)(process.argv[3]!) as { start(): void; stop(): void };
// Warm, so the count sees the optimized code the timed rows' best rounds run.
runReferenceWorkload(40_000);
runReferenceWorkload(40_000);
const sim = scheduleReferenceWorkload(writes);
sim.advanceTo(REFERENCE_VOTERS * 10 - 1);
(globalThis as { gc?: () => void }).gc?.();
// The first vote change of each voter, uncounted: the steady state starts after them.
const settled = 2 * REFERENCE_VOTERS;
sim.advanceTo(settled * 10 - 1);
const facts = sim.trace.length;
const heap = getHeapStatistics().used_heap_size;
toggle.start();
sim.advanceTo(writes * 10);
toggle.stop();
const grew = getHeapStatistics().used_heap_size - heap;
process.stdout.write(`${JSON.stringify({ puts: writes - settled, facts: sim.trace.length - facts, heapGrowth: grew })}\n`);
