/**
 * The Table panel's Query: DynamoDB's Query run against a table as it stood at the playhead. The
 * items come from the fold at that instant; the key schema and indexes from the run's world (a
 * table's schema does not change during a run, UpdateTable's GSI changes aside, which then show
 * as they are at the end). Reads only: the run is not touched. Query (and a projection) are parts of the core loaded on
 * first use (`./parts.ts`): a run whose scenario never queries has not loaded it.
 */
import { AwsError, isAwsError } from '../sim/api/errors.ts';
import { part } from '../sim/parts.ts';
import { loadParts } from './parts.ts';
import type { TableState } from '../sim/table/table.ts';
import type { Run } from './run.ts';
import type { FoldState } from './fold.ts';
import type { QueryAnswer } from './protocol.ts';

/** `stateAt` folds the run to the playhead once the part is loaded (a frame asked for meanwhile may move the host's fold). */
export async function queryAt(r: Run, stateAt: () => FoldState, input: unknown): Promise<QueryAnswer> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, message: 'The request must be a JSON object' };
  await loadParts(['projections', 'reads']);
  const state = stateAt();
  const lookup = (name: string): TableState => {
    const schema = r.sim?.world.tables.get(name);
    const folded = state.tables.get(name);
    if (!schema || !folded) throw new AwsError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found at the playhead`);
    return { ...schema, items: new Map([...folded.items].map(([k, row]) => [k, row.item])) };
  };
  try {
    return { ok: true, output: part('reads').queryTable(lookup, input as Record<string, unknown>) };
  } catch (e) {
    if (isAwsError(e)) return { ok: false, message: `${e.code}: ${e.message}` };
    throw e;
  }
}
