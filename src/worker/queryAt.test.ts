// The Table panel's Query through the host, as the worker runs it: a Query reads the table as it
// stood at the asked instant, and a refused one comes back as AWS's error text.
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../scenarios/catalogue.ts';
import { createInspectHost } from './testing/inspectHost.ts';

describe('host.queryTable', () => {
  it('answers a Query with the table as it is at the playhead, and refusals as AWS words them', async () => {
    const host = createInspectHost();
    const { durationMs } = await host.load(defaultScenarioId);
    const end = await host.view(durationMs);
    const row = end.tables[0]!.items[0]!;
    const key = row.item.voterId!;
    const input = { TableName: 'Votes', KeyConditionExpression: 'voterId = :v', ExpressionAttributeValues: { ':v': key } };
    expect(await host.queryTable(durationMs, input)).toEqual({ ok: true, output: { Items: [row.item], Count: 1, ScannedCount: 1 } });
    expect(await host.queryTable(0, input)).toEqual({ ok: true, output: { Items: [], Count: 0, ScannedCount: 0 } });
    expect(await host.queryTable(durationMs, { ...input, KeyConditionExpression: 'voterId < :v' })).toEqual({ ok: false, message: 'ValidationException: Query key condition not supported' });
    expect(await host.queryTable(durationMs, { ...input, TableName: 'Nope' })).toMatchObject({ ok: false, message: expect.stringMatching(/^ResourceNotFoundException/) });
  });
});
