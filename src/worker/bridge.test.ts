// The bridge against the real thing: the exported SDK script runs through the official
// DynamoDBClient against a fresh simulation (simRequestHandler) and reproduces the scenario's table;
// a run's records exported as GetRecords pages and as Lambda events import back unchanged with no
// findings; damaged exports give the expected findings; the host loads an imported stream as a run.
// Here, not in src/bridge, because it needs the sim and the worker at runtime.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createSimulation, type Simulation, type StreamRecord } from '../sim/index.ts';
import { simRequestHandler } from '../sim/sdk.ts';
import { decodeIterator, encodeIterator } from '../sim/stream/iterators.ts';
import { toLambdaRecord } from '../sim/consumers/esm/lambdaEvent.ts';
import { findScenario } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/types.ts';
import { parseStreamInput } from '../bridge/import/parse.ts';
import { analyseStream } from '../bridge/import/analyse.ts';
import { importLanes } from '../bridge/import/lanes.ts';
import { streamsFromTrace } from '../bridge/export/records.ts';
import { getRecordsExport, lambdaEvents, lambdaRecord } from '../bridge/export/pages.ts';
import { workloadScript } from '../bridge/export/script.ts';
import { iteratorShard, streamscopeIterator } from '../bridge/iterator.ts';
import { buildRun } from './runScenario.ts';
import { scheduledCalls } from './scheduledCalls.ts';
import { createInspectHost } from './testing/inspectHost.ts';

const tmpRoot = join(process.cwd(), 'test-results');
mkdirSync(tmpRoot, { recursive: true });
const tmp = mkdtempSync(join(tmpRoot, 'bridge-script-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface ScriptModule {
  run(client: DynamoDBClient, tableName: string, options: { delay?: boolean; log?: (s: string) => void }): Promise<{ sent: number; refused: number }>;
  parseArgs(argv: string[]): { endpoint?: string; table: string; region: string; delay: boolean; speed: number };
  SOURCE_TABLE: string;
}

let files = 0;
/** Writes the script where Node resolves @aws-sdk/client-dynamodb (under the repository) and imports it. */
async function loadScript(text: string): Promise<ScriptModule> {
  const file = join(tmp, `script-${++files}.mjs`);
  writeFileSync(file, text);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ScriptModule;
}

function sdkClient(sim: Simulation): DynamoDBClient {
  return new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }, requestHandler: simRequestHandler(sim), maxAttempts: 1 });
}

/** The table's items at the end, from the trace's write facts (the core has no Scan), in key order. */
function tableItems(sim: Simulation, table: string): string[] {
  const items = new Map<string, unknown>();
  for (const e of sim.trace) {
    if (e.type !== 'write' || e.table !== table) continue;
    if (e.outcome === 'REMOVE') items.delete(e.keyString);
    else if (e.newItem) items.set(e.keyString, e.newItem);
  }
  return [...items.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => JSON.stringify(v, Object.keys(v as object).sort()));
}

describe('exported SDK script', () => {
  it('reproduces the voting booth\'s table through the official DynamoDBClient, condition failures included', async () => {
    const scenario = findScenario('voting-booth')!;
    const expected = await buildRun(scenario);
    const script = await loadScript(workloadScript(scenario, { calls: scheduledCalls(scenario), seed: scenario.seed }));
    const sim = createSimulation({ seed: 1 });
    const log: string[] = [];
    const results = await script.run(sdkClient(sim), 'Votes', { delay: false, log: (s) => log.push(s) });
    expect(results).toEqual({ sent: 12, refused: 1 });
    expect(log.some((l) => /PutItem refused by its condition \(ConditionalCheckFailedException\)/.test(l))).toBe(true);
    expect(tableItems(sim, 'Votes')).toEqual(tableItems(expected, 'Votes'));
    // The table was created with the scenario's stream.
    const described = sim.call('DynamoDB_20120810.DescribeTable', { TableName: 'Votes' }) as { Table: { StreamSpecification?: unknown } };
    expect(described.Table.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('writes to the table named by --table, and reads its arguments', async () => {
    const scenario = findScenario('voting-booth')!;
    const expected = await buildRun(scenario);
    const script = await loadScript(workloadScript(scenario));
    expect(script.parseArgs(['--endpoint', 'http://localhost:8000', '--table', 'Ballots', '--region=eu-west-1', '--no-delay'])).toMatchObject({ endpoint: 'http://localhost:8000', table: 'Ballots', region: 'eu-west-1', delay: false });
    expect(() => script.parseArgs(['--table'])).toThrow(/--table needs a value/);
    const sim = createSimulation({ seed: 2 });
    await script.run(sdkClient(sim), 'Ballots', { delay: false, log: () => {} });
    expect(tableItems(sim, 'Ballots')).toEqual(tableItems(expected, 'Votes'));
  });

  it('makes the setup\'s own writes first, renames the table inside BatchWriteItem and TransactWriteItems, keeps their conditions', async () => {
    const put = (id: string, c: string) => ({ PutRequest: { Item: { voterId: { S: id }, candidate: { S: c } } } });
    const scenario: Scenario = {
      id: 'batch-export',
      title: 'Batches and transactions',
      summary: '',
      seed: 5,
      durationMs: 10_000,
      setup: [findScenario('voting-booth')!.setup[0]!, { target: 'DynamoDB_20120810.PutItem', input: { TableName: 'Votes', Item: { voterId: { S: 'dee' }, candidate: { S: 'Otter' } } } }],
      writes: [
        { at: 1_000, target: 'DynamoDB_20120810.BatchWriteItem', input: { RequestItems: { Votes: [put('ada', 'Otter'), put('bob', 'Heron'), put('cy', 'Badger')] } } },
        {
          at: 2_000,
          target: 'DynamoDB_20120810.TransactWriteItems',
          input: {
            TransactItems: [
              { Update: { TableName: 'Votes', Key: { voterId: { S: 'ada' } }, UpdateExpression: 'SET candidate = :c', ExpressionAttributeValues: { ':c': { S: 'Heron' } } } },
              { Delete: { TableName: 'Votes', Key: { voterId: { S: 'bob' } } } },
            ],
          },
        },
        // Refused: cy exists, so the whole transaction is cancelled.
        { at: 3_000, target: 'DynamoDB_20120810.TransactWriteItems', input: { TransactItems: [{ Put: { TableName: 'Votes', Item: { voterId: { S: 'cy' }, candidate: { S: 'Otter' } }, ConditionExpression: 'attribute_not_exists(voterId)' } }] } },
      ],
    };
    const expected = await buildRun(scenario);
    const script = await loadScript(workloadScript(scenario));
    const sim = createSimulation({ seed: 4 });
    expect(await script.run(sdkClient(sim), 'Ballots', { delay: false, log: () => {} })).toEqual({ sent: 3, refused: 1 });
    expect(tableItems(sim, 'Ballots')).toEqual(tableItems(expected, 'Votes'));
    expect(tableItems(sim, 'Ballots')).toHaveLength(3);
  });

  it('replays generated traffic exactly as the run expanded it (same seed, same writes)', async () => {
    const scenario: Scenario = {
      id: 'traffic-export',
      title: 'Traffic',
      summary: '',
      seed: 9,
      durationMs: 20_000,
      setup: [findScenario('voting-booth')!.setup[0]!],
      writes: [],
      traffic: [{ table: 'Votes', fromMs: 0, toMs: 20_000, ratePerSecond: 20, keys: { attribute: 'voterId', prefix: 'v', count: 40, hot: { count: 3, share: 0.5 } }, mix: { put: 3, update: 2, delete: 1 }, attributes: { candidate: ['Otter', 'Heron'] }, putCondition: 'put-if-absent' }],
    };
    for (const seed of [9, 10]) {
      const expected = await buildRun(scenario, { seed });
      const script = await loadScript(workloadScript(scenario, { calls: scheduledCalls(scenario, seed), seed }));
      const sim = createSimulation({ seed: 3 });
      const results = await script.run(sdkClient(sim), 'Votes', { delay: false, log: () => {} });
      expect(results.refused).toBeGreaterThan(0);
      expect(tableItems(sim, 'Votes')).toEqual(tableItems(expected, 'Votes'));
    }
  });
});

function recordsOf(sim: Simulation): StreamRecord[] {
  return streamsFromTrace(sim.trace).flatMap((s) => s.shards.flatMap((sh) => sh.records));
}

function importOk(value: unknown) {
  const r = parseStreamInput(JSON.stringify(value));
  if (!r.ok) throw new Error(`${r.error.message}\n${r.error.details.join('\n')}`);
  return r.stream;
}

describe('export → import round trip', () => {
  it('GetRecords pages import back to the same records on the same shards, with lineage and no findings', async () => {
    const sim = await buildRun(findScenario('shard-lineage') ?? findScenario('voting-booth')!);
    const [stream] = streamsFromTrace(sim.trace);
    const imported = importOk(getRecordsExport(stream!, 3));
    expect(imported.records.map((r) => r.record)).toEqual(stream!.shards.flatMap((s) => s.records));
    const lanes = importLanes(imported);
    expect(lanes.map((l) => [l.id, l.parentShardId, l.closed])).toEqual(stream!.shards.map((s) => [s.shardId, s.parentShardId, s.closed]));
    expect(lanes.every((l) => l.known)).toBe(true);
    expect(analyseStream(imported)).toEqual([]);
  });

  it('Lambda events import back to the same records with no findings (their shards unknown, as on AWS)', async () => {
    const sim = await buildRun(findScenario('voting-booth')!);
    const [stream] = streamsFromTrace(sim.trace);
    const imported = importOk(lambdaEvents(stream!, 2));
    expect(imported.records.map((r) => r.record)).toEqual(recordsOf(sim));
    expect(analyseStream(imported)).toEqual([]);
    expect(importLanes(imported).every((l) => !l.known)).toBe(true);
  });

  it('damaged exports give the expected findings: a duplicate, a reorder, a missing change', async () => {
    const sim = await buildRun(findScenario('voting-booth')!);
    const [stream] = streamsFromTrace(sim.trace);
    const pages = getRecordsExport(stream!, 100) as Array<{ Records?: StreamRecord[] }>;
    const withRecords = pages.filter((p) => (p.Records?.length ?? 0) >= 2);
    const page = withRecords[0]!;
    const [a, b] = page.Records!;

    page.Records!.push(a!);
    expect(analyseStream(importOk(pages)).map((f) => [f.kind, f.eventIDs])).toEqual([['duplicate', [a!.eventID, a!.eventID]]]);
    page.Records!.pop();

    page.Records![0] = b!;
    page.Records![1] = a!;
    expect(analyseStream(importOk(pages)).map((f) => [f.kind, f.eventIDs])).toEqual([['out-of-order', [b!.eventID, a!.eventID]]]);
    page.Records![0] = a!;
    page.Records![1] = b!;

    // A missing record: Grace votes (INSERT), then changes her vote (MODIFY).
    const all = stream!.shards.flatMap((s) => s.records);
    const grace = all.filter((r) => JSON.stringify(r.dynamodb.Keys).includes('grace'));
    expect(grace.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
    const without = getRecordsExport({ ...stream!, shards: stream!.shards.map((s) => ({ ...s, records: s.records.filter((r) => r !== grace[0]) })) });
    // Without its INSERT, Grace's MODIFY is the first record of her item: nothing is provably missing.
    expect(analyseStream(importOk(without))).toEqual([]);
    const insertTwice = getRecordsExport({ ...stream!, shards: stream!.shards.map((s) => ({ ...s, records: s.records.map((r) => (r === grace[1] ? { ...r, eventName: 'INSERT' as const } : r)) })) });
    expect(analyseStream(importOk(insertTwice)).map((f) => f.kind)).toEqual(['gap']);
  });

  it('property: any run of random writes exports and imports back unchanged with no findings', async () => {
    const op = fc.record({
      at: fc.integer({ min: 0, max: 50_000 }),
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      kind: fc.constantFrom('put', 'update', 'delete'),
      value: fc.constantFrom('Otter', 'Heron', 'Badger'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 7 }), async (ops, seed, limit) => {
        const scenario: Scenario = {
          id: 'random-export',
          title: 'Random',
          summary: '',
          seed,
          durationMs: 60_000,
          simulation: { shardLifetimeMs: 60_000, partitions: { Votes: 2 } },
          setup: [findScenario('voting-booth')!.setup[0]!],
          writes: ops.map((o) => ({
            at: o.at,
            target: o.kind === 'put' ? 'DynamoDB_20120810.PutItem' : o.kind === 'update' ? 'DynamoDB_20120810.UpdateItem' : 'DynamoDB_20120810.DeleteItem',
            input:
              o.kind === 'put'
                ? { TableName: 'Votes', Item: { voterId: { S: o.key }, candidate: { S: o.value } } }
                : o.kind === 'update'
                  ? { TableName: 'Votes', Key: { voterId: { S: o.key } }, UpdateExpression: 'SET candidate = :c', ExpressionAttributeValues: { ':c': { S: o.value } } }
                  : { TableName: 'Votes', Key: { voterId: { S: o.key } } },
          })),
        };
        const sim = await buildRun(scenario);
        const [stream] = streamsFromTrace(sim.trace);
        const records = stream!.shards.flatMap((s) => s.records);
        if (records.length === 0) return;
        const fromPages = importOk(getRecordsExport(stream!, limit));
        expect(fromPages.records.map((r) => r.record)).toEqual(records);
        expect(analyseStream(fromPages)).toEqual([]);
        const fromEvents = importOk(lambdaEvents(stream!, limit));
        expect(fromEvents.records.map((r) => r.record)).toEqual(records);
        expect(analyseStream(fromEvents)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the bridge agrees with the core', () => {
  it('reads and writes the simulation\'s shard iterators', () => {
    const token = encodeIterator({ streamArn: 'arn:aws:dynamodb:us-east-1:1:table/T/stream/x', shardId: 'shardId-00000001700000000000-0000abcd', position: 7, issuedAtMs: 1234 });
    expect(iteratorShard(token)).toBe('shardId-00000001700000000000-0000abcd');
    const ours = streamscopeIterator('arn:aws:dynamodb:us-east-1:1:table/T/stream/x', 'shardId-1', 3, 0);
    expect(decodeIterator(ours)).toEqual({ streamArn: 'arn:aws:dynamodb:us-east-1:1:table/T/stream/x', shardId: 'shardId-1', position: 3, issuedAtMs: 0 });
    expect(iteratorShard('arn:aws:dynamodb:us-east-1:1:table/T/stream/x|1|AAAAAAAAAAEvJp6D+zaQ')).toBeUndefined();
  });

  it('builds Lambda records as the event source mapping does', async () => {
    const sim = await buildRun(findScenario('ttl-archive') ?? findScenario('voting-booth')!);
    const [stream] = streamsFromTrace(sim.trace);
    for (const r of stream!.shards.flatMap((s) => s.records)) expect(lambdaRecord(r, stream!.streamArn)).toEqual(toLambdaRecord(r, stream!.streamArn));
  });
});

describe('the host with an imported stream', () => {
  it('loads it as a run: lanes, records, the table, findings as broken marks; refuses interventions', async () => {
    const sim = await buildRun(findScenario('voting-booth')!);
    const [stream] = streamsFromTrace(sim.trace);
    const pages = getRecordsExport(stream!) as Array<{ Records?: StreamRecord[] }>;
    const page = pages.find((p) => (p.Records?.length ?? 0) > 0)!;
    page.Records!.push(page.Records![0]!);
    const imported = importOk(pages);
    const host = createInspectHost();
    const result = await host.load({ imported });
    expect(result.imported).toMatchObject({ records: 13, table: 'Votes', unknownLanes: 0, findingsSummary: '1 duplicate' });
    expect(result.imported!.lanes).toBe(stream!.shards.length);
    expect(result.consumers).toEqual(['findings']);
    const view = await host.view(result.durationMs);
    expect(view.tables[0]!.items.map((r) => r.keySummary)).toEqual(['ada', 'alan', 'barbara', 'dennis', 'edsger', 'grace', 'hedy', 'margaret']);
    expect(view.streams[0]!.shards.flatMap((s) => s.records)).toHaveLength(13);
    const frame = await host.frame({ atMs: result.durationMs });
    expect(frame.consumers[0]!.broken.map((b) => b.check)).toEqual(['duplicate']);
    expect(await host.stepTarget(0, 1, 'broken')).not.toBeNull();
    await expect(host.intervene({ at: 0, kind: 'crash', target: 'x' })).rejects.toThrow(/nothing to intervene/);
    // Exporting it again gives the same pages (with the duplicate).
    const again = await host.exportRun('get-records');
    expect(importOk(JSON.parse(again.text)).records).toHaveLength(13);
    await expect(host.exportRun('sdk-script')).rejects.toThrow(/no workload/);
  });

  it('exports a scenario run in all three formats', async () => {
    const host = createInspectHost();
    await host.load('voting-booth');
    const pages = await host.exportRun('get-records');
    expect(pages.filename).toBe('voting-booth.get-records.json');
    expect(importOk(JSON.parse(pages.text)).records).toHaveLength(12);
    const events = await host.exportRun('lambda-events');
    expect(JSON.parse(events.text)[0].Records[0].eventSourceARN).toMatch(/table\/Votes\/stream\//);
    const script = await host.exportRun('sdk-script');
    expect(script).toMatchObject({ filename: 'voting-booth.mjs', mimeType: 'text/javascript' });
    expect(script.text).toMatch(/--table/);
  });
});
