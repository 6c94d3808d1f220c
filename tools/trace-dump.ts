/**
 * `npx tsx tools/trace-dump.ts <scenarioId> [factType,…]`: prints a built-in scenario's trace, one
 * fact a line, with the narration steps' stops marked: for writing a lesson's claims against its run.
 */
import '../src/sim/parts/all.ts'; // every optional part of the core (KCL, Lambda): Node runs plans directly
import { findScenario } from '../src/scenarios/catalogue.ts';
import { narrationStops } from '../src/scenarios/narration.ts';
import { buildRun } from '../src/worker/runScenario.ts';

const [id, types] = process.argv.slice(2);
const scenario = id ? findScenario(id) : undefined;
if (!scenario) throw new Error(`usage: npx tsx tools/trace-dump.ts <scenarioId> [factType,…]`);
const only = types ? new Set(types.split(',')) : undefined;
const sim = await buildRun(scenario);
const stops = narrationStops(scenario.narration ?? [], sim.trace);
sim.trace.forEach((f, i) => {
  const step = stops.indexOf(i);
  if (step >= 0) console.log(`---- step ${step} stops here (t=${f.t})`);
  if (only && !only.has(f.type) && step < 0) return;
  const { t, type, ...rest } = f as unknown as Record<string, unknown>;
  const brief = JSON.stringify(rest, (k, v) => (k === 'record' && v && typeof v === 'object' ? { seq: (v as { dynamodb?: { SequenceNumber?: string } }).dynamodb?.SequenceNumber, ev: (v as { eventName?: string }).eventName } : k === 'newItem' ? undefined : v));
  console.log(`${i}\t${String(t)}\t${String(type)}\t${brief.slice(0, 220)}`);
});
