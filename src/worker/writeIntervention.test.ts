// A user's write from the Table form: accepted by the scenario schema (bounded), made by the core at
// its time through the host, undone like any intervention, and refused by its condition as on AWS.
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../scenarios/catalogue.ts';
import { InterventionSchema } from '../scenarios/schema.ts';
import type { Intervention } from './protocol.ts';
import { createInspectHost } from './testing/inspectHost.ts';

const put = (at: number, voterId: string, condition?: string): Intervention => ({
  at,
  kind: 'write',
  target: 'Votes',
  params: {
    operation: 'PutItem',
    input: { TableName: 'Votes', Item: { voterId: { S: voterId }, candidate: { S: 'Heron' } }, ...(condition ? { ConditionExpression: condition } : {}) },
  },
});

describe('write interventions', () => {
  it('are bounded and checked by the schema', () => {
    expect(InterventionSchema.safeParse(put(1, 'a')).success).toBe(true);
    expect(InterventionSchema.safeParse(put(1, 'x'.repeat(5_000))).success).toBe(false);
    expect(InterventionSchema.safeParse({ ...put(1, 'a'), target: 'Other' }).success).toBe(false);
    expect(InterventionSchema.safeParse({ ...put(1, 'a'), params: { operation: 'Scan', input: { TableName: 'Votes' } } }).success).toBe(false);
    // Faults keep their flat params.
    expect(InterventionSchema.safeParse({ at: 1, kind: 'crash', target: 'counter', params: { when: 'now' } }).success).toBe(true);
  });

  it('appear in the run at their time, and undo removes them', async () => {
    const host = createInspectHost({ yieldSlice: async () => {} });
    const original = await host.load(defaultScenarioId);
    const after = await host.intervene(put(6_000, 'zed'));
    expect(after.traceHash).not.toBe(original.traceHash);
    const view = await host.view(6_000);
    expect(view.writes[0]).toMatchObject({ atMs: 6_000, op: 'PutItem', outcome: 'INSERT' });
    expect(view.tables.find((t) => t.name === 'Votes')!.items.some((i) => i.keySummary === 'zed')).toBe(true);
    const undone = await host.undo();
    expect(undone.traceHash).toBe(original.traceHash);
  });

  it('a failed condition is a refused write and no stream record', async () => {
    const host = createInspectHost({ yieldSlice: async () => {} });
    await host.load(defaultScenarioId);
    await host.intervene(put(6_000, 'zed'));
    await host.intervene(put(7_000, 'zed', 'attribute_not_exists(voterId)'));
    const before = await host.view(6_500);
    const view = await host.view(7_000);
    expect(view.writes[0]).toMatchObject({ atMs: 7_000, outcome: 'rejected' });
    expect(view.counts.records).toBe(before.counts.records);
  });

  it('checkWrite answers with the core’s message before anything is scheduled', async () => {
    const host = createInspectHost({ yieldSlice: async () => {} });
    expect(await host.checkWrite('PutItem', put(0, 'a').params!.input)).toBeNull();
    expect(await host.checkWrite('PutItem', { TableName: 'Votes', Item: { voterId: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(' })).toMatch(/syntax|ConditionExpression/i);
  });
});
