/**
 * The counted core row's process, run under valgrind's callgrind by `countedCore.ts` and built as
 * the app ships the core (`coreShipped.ts`): the reference workload warmed up, then run again with
 * its first put of each voter (conditional INSERTs) outside the count and its vote changes
 * (MODIFYs, the steady state) counted between the toggle addon's two calls. Prints the puts and
 * trace facts counted, and the bytes the heap grew by meanwhile, as one line of JSON.
 *
 * A full collection (`--expose-gc`) just before the count empties the young generation, so a
 * scavenge falls inside the count only when the counted puts allocate more than it holds: where
 * one fell or not by chance, two builds' counts differed by 9 % with their code's the same
 * (session 28).
 *
 * May import: node builtins, ./core.ts.
 */
import { createRequire } from 'node:module';
import { getHeapStatistics } from 'node:v8';
import { REFERENCE_VOTERS, runReferenceWorkload, scheduleReferenceWorkload } from './core.ts';

const writes = Number(process.argv[2]);
const toggle = createRequire(import.meta.url)(process.argv[3]!) as { start(): void; stop(): void };
// Warm, so the count sees the optimized code the timed rows' best rounds run.
runReferenceWorkload(30_000);
runReferenceWorkload(30_000);
const sim = scheduleReferenceWorkload(writes);
sim.advanceTo(REFERENCE_VOTERS * 10 - 1);
const facts = sim.trace.length;
(globalThis as { gc?: () => void }).gc?.();
const heap = getHeapStatistics().used_heap_size;
toggle.start();
sim.advanceTo(writes * 10);
toggle.stop();
const grew = getHeapStatistics().used_heap_size - heap;
process.stdout.write(`${JSON.stringify({ puts: writes - REFERENCE_VOTERS, facts: sim.trace.length - facts, heapGrowth: grew })}\n`);
