/**
 * The core row's process as the app ships it (built by `coreShipped.ts`): runs `benchCore` with the
 * sizes given on the command line and prints its result as one line of JSON.
 *
 * May import: ./core.ts.
 */
import { benchCore } from './core.ts';

const [writes, calibrationOps, rounds] = process.argv.slice(2).map(Number);
process.stdout.write(`${JSON.stringify(benchCore(writes!, calibrationOps!, rounds))}\n`);
