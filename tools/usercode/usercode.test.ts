/**
 * The user-code consumer end to end in Node, with the node:vm sandbox: the templates against the
 * built-in handlers on the voting scenario with a crash, thrown errors driving retries, timeouts,
 * syntax errors with their place, and determinism.
 */
import { describe, expect, it } from 'vitest';
import { buildRun } from '../../src/worker/runScenario.ts';
import { findScenario } from '../../src/scenarios/catalogue.ts';
import { parseScenario } from '../../src/scenarios/schema.ts';
import { CODE_TEMPLATES, withUserConsumer } from '../../src/scenarios/userCode.ts';
import type { Scenario } from '../../src/scenarios/types.ts';
import type { Simulation, TraceEvent, UserCodeSandbox } from '../../src/sim/index.ts';
import { consumerCounters } from '../../src/sim/consumers/counters.ts';
import { createVmSandbox } from './vmSandbox.ts';

const code = (id: string) => CODE_TEMPLATES.find((t) => t.id === id)!.code;

function userVariant(id: string, source: string): Scenario {
  const s = withUserConsumer(findScenario(id)!, source)!;
  const checked = parseScenario(s);
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return checked.scenario;
}

function counts(sim: Simulation, table = 'VoteCounts'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of sim.world.tables.get(table)?.items.values() ?? []) {
    const c = item.candidate, v = item.votes;
    if (c && 'S' in c && v && 'N' in v) out[c.S] = Number(v.N);
  }
  return out;
}

const broken = (trace: readonly TraceEvent[], check: string) => trace.some((e) => e.type === 'invariant-broken' && e.consumer === 'counter' && e.check === check);

describe('a Lambda consumer running the learner\'s code', () => {
  it('the naive template over-counts after the crash exactly as the built-in naive counter', async () => {
    const builtin = await buildRun(findScenario('voting-naive-crash')!);
    const mine = await buildRun(userVariant('voting-naive-crash', code('naive-counter')), { sandbox: createVmSandbox() });
    expect(counts(mine)).toEqual(counts(builtin));
    expect(broken(mine.trace, 'target-matches-source')).toBe(true);
    expect(consumerCounters(mine.trace, 'counter').harmfulDuplicates).toBe(consumerCounters(builtin.trace, 'counter').harmfulDuplicates);
  });

  it('the idempotent template equals the truth after the same crash', async () => {
    const builtin = await buildRun(findScenario('voting-idempotent')!);
    const mine = await buildRun(userVariant('voting-naive-crash', code('idempotent-counter')), { sandbox: createVmSandbox() });
    expect(counts(mine)).toEqual(counts(builtin));
    expect(broken(mine.trace, 'target-matches-source')).toBe(false);
    expect(broken(mine.trace, 'target-matches-records')).toBe(false);
    const c = consumerCounters(mine.trace, 'counter');
    expect(c.harmfulDuplicates).toBe(0);
    expect(c.effects['skipped-duplicate']).toBe(3);
  });

  it('the GSI template recounts from the ByCandidate index and equals the truth after the same crash (issue #18.5)', async () => {
    const builtin = await buildRun(findScenario('voting-idempotent')!);
    const mine = await buildRun(userVariant('voting-naive-crash', code('gsi-recount')), { sandbox: createVmSandbox() });
    expect(counts(mine)).toEqual(counts(builtin));
    expect(broken(mine.trace, 'target-matches-source')).toBe(false);
    expect(consumerCounters(mine.trace, 'counter').harmfulDuplicates).toBe(0);
    // The counts come from the index: naming one the table does not have fails every invocation.
    const noIndex = await buildRun(userVariant('voting-naive-crash', code('gsi-recount').replace("IndexName: 'ByCandidate'", "IndexName: 'ByVoter'")), { sandbox: createVmSandbox(), untilMs: 20_000 });
    const finished = noIndex.trace.filter((e) => e.type === 'invocation-finished' && e.consumer === 'counter');
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.every((e) => e.type === 'invocation-finished' && e.outcome === 'error' && /ByVoter|index/i.test(e.error ?? ''))).toBe(true);
  });

  it('the idempotent template skips a record only when the ledger condition cancelled it (issue #17.6)', async () => {
    // A count update that also carries a condition: its failure cancels the transaction with the
    // reasons [None, ConditionalCheckFailed]. That vote was never counted, so the template must
    // fail the batch rather than treat it as a duplicate.
    const guarded = code('idempotent-counter').replace("UpdateExpression: 'ADD votes :n',", "UpdateExpression: 'ADD votes :n',\n      ConditionExpression: 'attribute_not_exists(candidate)',");
    expect(guarded).not.toBe(code('idempotent-counter'));
    const sim = await buildRun(userVariant('voting-naive-crash', guarded), { sandbox: createVmSandbox(), untilMs: 30_000 });
    const failed = sim.trace.filter((e) => e.type === 'invocation-finished' && e.consumer === 'counter' && e.outcome === 'error');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e) => e.type === 'invocation-finished' && /TransactionCanceledException|Transaction cancelled/.test(e.error ?? ''))).toBe(true);
  });

  it('a thrown error fails the invocation and the batch is retried', async () => {
    const throwing = `export async function handler(event) { throw new Error('boom'); }`;
    const sim = await buildRun(userVariant('voting-naive-crash', throwing), { sandbox: createVmSandbox() });
    const finished = sim.trace.filter((e) => e.type === 'invocation-finished' && e.consumer === 'counter');
    expect(finished.length).toBeGreaterThan(2);
    expect(finished.every((e) => e.type === 'invocation-finished' && e.outcome === 'error' && e.error === 'Error: boom (line 1, column 46)')).toBe(true);
    const retries = sim.trace.filter((e) => e.type === 'batch-delivered' && e.consumer === 'counter' && e.trigger === 'retry');
    expect(retries.length).toBeGreaterThan(0);
    // Nothing was worked on: every delivery failed, none counts as processed.
    const processed = sim.trace.filter((e) => e.type === 'record-processed');
    expect(processed.length).toBeGreaterThan(0);
    expect(processed.every((e) => e.type === 'record-processed' && e.effect === 'failed')).toBe(true);
    expect(broken(sim.trace, 'target-matches-records')).toBe(false);
    expect(broken(sim.trace, 'target-matches-source')).toBe(true);
  });

  it('an endless loop is stopped and recorded as a timeout', async () => {
    const loop = `export async function handler(event) {\n  await null;\n  while (true) {}\n}`;
    const sim = await buildRun(userVariant('voting-naive-crash', loop), { sandbox: createVmSandbox(100), untilMs: 10_000 });
    const first = sim.trace.find((e) => e.type === 'invocation-finished' && e.consumer === 'counter');
    expect(first).toMatchObject({ outcome: 'timeout', error: 'Task timed out: Your handler ran for more than 1 s and was stopped — an endless loop?' });
  });

  it('a syntax error names its line and column', async () => {
    await expect(buildRun(userVariant('voting-naive-crash', 'export async function handler(event) {\n  for (const r of event.Records {\n}'), { sandbox: createVmSandbox() })).rejects.toThrow(/Unexpected token \(line 2, column 33\)/);
  });

  it('the code sees the simulated clock and seeded randomness, so runs replay', async () => {
    const src = `export async function handler(event) {
  await dynamodb.putItem({ TableName: process.env.TARGET_TABLE, Item: { candidate: { S: 'r' + Math.floor(Math.random() * 1e9) + '@' + Date.now() } } });
}`;
    const a = await buildRun(userVariant('voting-naive-crash', src), { sandbox: createVmSandbox() });
    const b = await buildRun(userVariant('voting-naive-crash', src), { sandbox: createVmSandbox() });
    expect(a.traceHash()).toBe(b.traceHash());
    const keys = [...(a.world.tables.get('VoteCounts')?.items.keys() ?? [])];
    expect(keys.some((k) => k.includes('@17'))).toBe(true);
  });

  it('a refused condition reaches the code as AWS\'s error', async () => {
    const src = `export async function handler(event) {
  try {
    await dynamodb.putItem({ TableName: process.env.TARGET_TABLE, Item: { candidate: { S: 'x' } }, ConditionExpression: 'attribute_exists(candidate)' });
  } catch (err) {
    if (err.name !== 'ConditionalCheckFailedException') throw err;
    await dynamodb.putItem({ TableName: process.env.TARGET_TABLE, Item: { candidate: { S: 'caught' } } });
  }
}`;
    const sim = await buildRun(userVariant('voting-naive-crash', src), { sandbox: createVmSandbox(), untilMs: 10_000 });
    expect(sim.world.tables.get('VoteCounts')?.items.size).toBe(1);
    expect([...sim.world.tables.get('VoteCounts')!.items.keys()][0]).toContain('caught');
  });
});

describe('an endless loop in a retried batch', () => {
  it('runs the code at most three times in a row, then times out at once', async () => {
    const loop = `export async function handler() { for (;;) {} }`;
    // Counts the invocations that reach the sandbox: those are the ones that burn the time limit.
    // How long the whole run takes is the benchmark's business, not this test's.
    const vm = createVmSandbox(50);
    let invoked = 0;
    const counting: UserCodeSandbox = {
      load(code, options) {
        const runner = vm.load(code, options);
        return { invoke: (invocation, db) => (invoked++, runner.invoke(invocation, db)), dispose: () => runner.dispose() };
      },
    };
    const sim = await buildRun(userVariant('voting-naive-crash', loop), { sandbox: counting });
    const timeouts = sim.trace.filter((e) => e.type === 'invocation-finished' && e.consumer === 'counter' && e.outcome === 'timeout');
    expect(timeouts.length).toBeGreaterThan(3);
    expect(timeouts.slice(3).every((e) => e.type === 'invocation-finished' && /this run does not start it again/.test(e.error ?? ''))).toBe(true);
    // Only the first three timeouts ran the loop; every later one was refused without starting it.
    expect(invoked).toBe(3);
  });
});

describe('the worker host with user code', () => {
  it('runs it with a sandbox, lists its errors, and refuses it without one', async () => {
    const { createHost } = await import('../../src/worker/host.ts');
    const naive = userVariant('voting-naive-crash', code('naive-counter'));
    const host = createHost({ sandbox: createVmSandbox(), yieldSlice: async () => undefined });
    const loaded = await host.load({ inline: naive });
    expect(loaded.userCodeErrors?.filter((e) => e.cause === 'code')).toEqual([]);
    expect(loaded.userCodeErrors?.some((e) => e.cause === 'fault' && /crash fault\)$/.test(e.message))).toBe(true);
    const throwing = await host.load({ inline: userVariant('voting-naive-crash', `export async function handler() { throw new TypeError('nope'); }`) });
    expect(throwing.userCodeErrors?.[0]).toMatchObject({ cause: 'code', outcome: 'error', message: 'TypeError: nope (line 1, column 41)' });
    expect(await host.checkCode('export async function handler( {}')).toMatchObject({ ok: false, line: 1, column: 34 });
    await expect(createHost({ yieldSlice: async () => undefined }).load({ inline: naive })).rejects.toThrow(/no sandbox for user code/);
  });
});

describe('faults around user code', () => {
  it('a poison record drives stuck retries, bisect and partial batch responses as for the built-in idempotent counter', async () => {
    const base = findScenario('poison-record')!;
    const idempotent = code('idempotent-counter');
    const mine = parseScenario({
      ...base,
      narration: undefined,
      lesson: undefined,
      consumers: base.consumers!.map((c) => ({ ...c, handler: { ...c.handler, idempotency: 'user', code: idempotent } })),
    });
    if (!mine.ok) throw new Error(mine.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    const builtin = await buildRun(base);
    const run = await buildRun(mine.scenario, { sandbox: createVmSandbox() });
    for (const id of ['stuck', 'bisect', 'partial']) {
      expect(counts(run, `VoteCounts-${id}`), id).toEqual(counts(builtin, `VoteCounts-${id}`));
      const discarded = (sim: Simulation) => sim.trace.filter((e) => e.type === 'batch-discarded' && e.consumer === id).length;
      expect(discarded(run), id).toBe(discarded(builtin));
    }
    expect(run.trace.some((e) => e.type === 'batch-bisected' && e.consumer === 'bisect')).toBe(true);
    expect(run.trace.some((e) => e.type === 'record-processed' && e.consumer === 'partial' && e.effect === 'failed')).toBe(true);
  });
});
