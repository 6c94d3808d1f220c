/**
 * The README's list of what the learner's `dynamodb` offers, one test per entry: a handler, run in
 * the node:vm sandbox on the voting scenario, calls every method and notes what each answered in
 * the ledger table; each test reads one note (or the effect of one write) back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRun } from '../../src/worker/runScenario.ts';
import { findScenario } from '../../src/scenarios/catalogue.ts';
import { parseScenario } from '../../src/scenarios/schema.ts';
import { withUserConsumer } from '../../src/scenarios/userCode.ts';
import type { Item, Simulation } from '../../src/sim/index.ts';
import { createVmSandbox } from './vmSandbox.ts';

const HANDLER = `export async function handler(event) {
  const L = process.env.LEDGER_TABLE;
  const S = (v) => ({ S: v });
  const note = (name, value) => dynamodb.putItem({ TableName: L, Item: { pk: S('note:' + name), v: S(JSON.stringify(value)) } });
  await dynamodb.send('PutItem', { TableName: L, Item: { pk: S('p1'), n: { N: '1' } } });
  await dynamodb.putItem({ TableName: L, Item: { pk: S('p2'), n: { N: '2' } } });
  await dynamodb.updateItem({ TableName: L, Key: { pk: S('p1') }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '5' } } });
  await note('getItem', (await dynamodb.getItem({ TableName: L, Key: { pk: S('p1') } })).Item.n.N);
  await dynamodb.batchWriteItem({ RequestItems: { [L]: [{ PutRequest: { Item: { pk: S('b1') } } }, { PutRequest: { Item: { pk: S('b2') } } }] } });
  await dynamodb.deleteItem({ TableName: L, Key: { pk: S('b2') } });
  await dynamodb.transactWriteItems({ TransactItems: [{ Put: { TableName: L, Item: { pk: S('t1'), n: { N: '7' } } } }] });
  const q = await dynamodb.query({ TableName: L, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p2') } });
  await note('query', q.Items.map((i) => i.n.N));
  const sc = await dynamodb.scan({ TableName: L, FilterExpression: 'begins_with(pk, :b)', ExpressionAttributeValues: { ':b': S('b') } });
  await note('scan', sc.Items.map((i) => i.pk.S));
  const bg = await dynamodb.batchGetItem({ RequestItems: { [L]: { Keys: [{ pk: S('p1') }, { pk: S('t1') }], ProjectionExpression: 'n' } } });
  await note('batchGetItem', bg.Responses[L].map((i) => i.n.N).sort());
  const tg = await dynamodb.transactGetItems({ TransactItems: [{ Get: { TableName: L, Key: { pk: S('p2') } } }] });
  await note('transactGetItems', tg.Responses.map((r) => r.Item.n.N));
}`;

let sim: Simulation;
let ledger: Map<string, Item>;

const item = (pk: string): Item | undefined => [...ledger.values()].find((i) => 'S' in i.pk! && i.pk.S === pk);
const noted = (name: string): unknown => {
  const v = item(`note:${name}`)?.v;
  return v && 'S' in v ? JSON.parse(v.S) : undefined;
};

beforeAll(async () => {
  const scenario = withUserConsumer(findScenario('voting-naive-crash')!, HANDLER)!;
  const checked = parseScenario(scenario);
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('\n'));
  sim = await buildRun(checked.scenario, { sandbox: createVmSandbox(), untilMs: 10_000 });
  const failures = sim.trace.filter((e) => e.type === 'invocation-finished' && e.outcome !== 'success');
  if (failures.length > 0) throw new Error(`the handler failed: ${JSON.stringify(failures[0])}`);
  const name = [...sim.world.tables.keys()].find((t) => [...sim.world.tables.get(t)!.items.values()].some((i) => i.pk !== undefined && 'S' in i.pk && i.pk.S === 'p1'));
  ledger = sim.world.tables.get(name!)!.items;
});

describe("the learner's dynamodb, entry by entry (README, Write your own consumer)", () => {
  it('send(operation, input)', () => expect(item('p1')).toBeDefined());
  it('putItem', () => expect(item('p2')).toEqual({ pk: { S: 'p2' }, n: { N: '2' } }));
  it('updateItem', () => expect(item('p1')!.n).toEqual({ N: '5' }));
  it('getItem', () => expect(noted('getItem')).toBe('5'));
  it('batchWriteItem', () => expect(item('b1')).toEqual({ pk: { S: 'b1' } }));
  it('deleteItem', () => expect(item('b2')).toBeUndefined());
  it('transactWriteItems', () => expect(item('t1')).toEqual({ pk: { S: 't1' }, n: { N: '7' } }));
  it('query', () => expect(noted('query')).toEqual(['2']));
  it('scan', () => expect(noted('scan')).toEqual(['b1']));
  it('batchGetItem', () => expect(noted('batchGetItem')).toEqual(['5', '7']));
  it('transactGetItems', () => expect(noted('transactGetItems')).toEqual(['2']));
});
