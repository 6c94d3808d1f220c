// What a finished index keeps alive: an imported run keeps its index and no builder (nothing to
// fork), so nothing the index holds may reach the builder's build-only parts (the records' eventID
// texts and their map, 45 B a record at 200,000 imported records).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../scenarios/catalogue.ts';
import { buildRun } from './runScenario.ts';
import { Builder } from './indexBuilder.ts';
import { indexTrace } from './runIndex.ts';

function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

describe('a finished run index', () => {
  it('does not keep its builder alive', async () => {
    const sim = await buildRun(scenarios[0]!);
    // The builder is made and dropped inside: only the WeakRef and the index outlive the call.
    const { ref, index } = ((builder: Builder) => ({ ref: new WeakRef(builder), index: indexTrace(sim.facts, builder).index }))(new Builder());
    // A record's lookup by sequence number still works after the builder is gone.
    const lane = index.rec.lane[0]!;
    const seq = index.rec.seq.get(0)!;
    await new Promise((resolve) => setTimeout(resolve, 0));
    collector()();
    expect(ref.deref()).toBeUndefined();
    expect(index.rec.n).toBeGreaterThan(0);
    expect(index.recBySeq.get(lane, seq)).toBe(0);
  });
});
