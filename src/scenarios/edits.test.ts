// Scenario edits: paths by id, append and remove, refusals, and a diff that rebuilds the edited scenario.
import { describe, expect, it } from 'vitest';
import { findScenario } from './catalogue.ts';
import { applyEdits, diffScenario, ScenarioEditsSchema, type ScenarioEdit } from './edits.ts';
import { parseScenario } from './schema.ts';
import type { Scenario } from './types.ts';

const naive = findScenario('voting-naive-crash')!;

function edited(base: Scenario, edits: ScenarioEdit[]): Scenario {
  const r = applyEdits(base, edits);
  if (!r.ok) throw new Error(r.message);
  const p = parseScenario(r.scenario);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.scenario;
}

describe('scenario edits', () => {
  it('set a consumer setting by the consumer id, leaving the built-in scenario untouched', () => {
    const s = edited(naive, [{ p: 'consumers/counter/mapping/BatchSize', v: 1 }]);
    expect(s.consumers![0]!.kind === 'lambda' && s.consumers![0]!.mapping.BatchSize).toBe(1);
    expect(naive.consumers![0]!.kind === 'lambda' && naive.consumers![0]!.mapping.BatchSize).toBe(10);
    expect(s.lesson).toBeUndefined();
    // The built-in story (its claims, its pauses) was told about the built-in run.
    expect(s.narration).toBeUndefined();
  });

  it('add, remove and unset', () => {
    const extra = { ...naive.consumers![0]!, id: 'second' };
    const s = edited(naive, [{ p: 'consumers/+', v: extra }, { p: 'consumers/counter', v: null }, { p: 'consumers/second/mapping/MaximumBatchingWindowInSeconds', v: null }]);
    expect(s.consumers!.map((c) => c.id)).toEqual(['second']);
    expect(s.consumers![0]!.kind === 'lambda' && 'MaximumBatchingWindowInSeconds' in s.consumers![0]!.mapping).toBe(false);
  });

  it('refuse paths that name nothing, and prototype keys', () => {
    expect(applyEdits(naive, [{ p: 'consumers/nobody/mapping/BatchSize', v: 1 }])).toMatchObject({ ok: false, message: expect.stringContaining('consumers/nobody') });
    expect(ScenarioEditsSchema.safeParse([{ p: '__proto__/polluted', v: 1 }]).success).toBe(false);
    expect(ScenarioEditsSchema.safeParse([{ p: 'consumers/constructor', v: 1 }]).success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an invalid value is caught by the scenario schema with its path', () => {
    const r = applyEdits(naive, [{ p: 'consumers/counter/mapping/BatchSize', v: 0 }]);
    expect(r.ok).toBe(true);
    const p = parseScenario(r.ok ? r.scenario : null);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.issues[0]!.path).toBe('consumers.0.mapping.BatchSize');
  });

  it('diff rebuilds the edited scenario, compactly', () => {
    const target = edited(naive, [
      { p: 'consumers/counter/handler/idempotency', v: 'event-id' },
      { p: 'consumers/counter/mapping/BatchSize', v: 1 },
      { p: 'durationMs', v: 90_000 },
    ]);
    const edits = diffScenario(naive, target);
    expect(edits).toHaveLength(3);
    expect(JSON.stringify(edited(naive, edits))).toBe(JSON.stringify(target));
    // Reordered consumers cannot be said by id: the list travels whole.
    const two = edited(naive, [{ p: 'consumers/+', v: { ...naive.consumers![0]!, id: 'second' } }]);
    const swapped = { ...two, consumers: [...two.consumers!].reverse() };
    expect(edited(naive, diffScenario(naive, swapped)).consumers!.map((c) => c.id)).toEqual(['second', 'counter']);
  });

  it('a scenario built from edits shares no object with them, so a later edit cannot change an earlier one', () => {
    const consumers = [{ ...naive.consumers![0]!, mapping: { StartingPosition: 'TRIM_HORIZON' } }];
    const edits: ScenarioEdit[] = [{ p: 'consumers', v: consumers }, { p: 'consumers/counter/mapping/BatchSize', v: 3 }];
    const first = applyEdits(naive, edits);
    const mapping = (r: ReturnType<typeof applyEdits>) => (r.ok ? (r.scenario as { consumers: Array<{ mapping: unknown }> }).consumers[0]!.mapping : undefined);
    expect(mapping(first)).toMatchObject({ BatchSize: 3 });
    expect(consumers[0]!.mapping).toEqual({ StartingPosition: 'TRIM_HORIZON' });
    const again = applyEdits(naive, [edits[0]!]);
    expect(mapping(again)).toEqual({ StartingPosition: 'TRIM_HORIZON' });
  });
});
