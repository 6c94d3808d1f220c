/**
 * Conformance: the shape of a stream record (reference §2, §10 checks 14–20): envelope fields,
 * which images each view type carries (§2.3), SizeBytes (the AWS examples 41 / 26 / 59 / 38) and
 * whole-second ApproximateCreationDateTime.
 */
import { describe, expect, it } from 'vitest';
import { DDB, createTable, del, newSim, put, records, s, n, update, type ViewType } from '../testing/harness.ts';
import type { Simulation } from '../simulation.ts';

const VIEW_TYPES: ViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];

/** Images expected per view type and event, reference §2.3 (N = NewImage, O = OldImage). */
const EXPECTED: Record<ViewType, Record<'INSERT' | 'MODIFY' | 'REMOVE', string>> = {
  KEYS_ONLY: { INSERT: '', MODIFY: '', REMOVE: '' },
  NEW_IMAGE: { INSERT: 'N', MODIFY: 'N', REMOVE: '' },
  OLD_IMAGE: { INSERT: '', MODIFY: 'O', REMOVE: 'O' },
  NEW_AND_OLD_IMAGES: { INSERT: 'N', MODIFY: 'NO', REMOVE: 'O' },
};

/** The Developer Guide's Id=101 table: numeric hash key `Id`. */
function idTable(sim: Simulation, view: ViewType): string {
  return sim.call<{ TableDescription: { LatestStreamArn: string } }>(`${DDB}CreateTable`, {
    TableName: 'BarkTable',
    KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'N' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: view },
  }).TableDescription.LatestStreamArn;
}

function lifecycle(view: ViewType) {
  const sim = newSim({ partitions: { BarkTable: 1 } });
  const arn = idTable(sim, view);
  sim.call(`${DDB}PutItem`, { TableName: 'BarkTable', Item: { Id: n(101), Message: s('New item!') } });
  sim.call(`${DDB}UpdateItem`, {
    TableName: 'BarkTable',
    Key: { Id: n(101) },
    UpdateExpression: 'SET Message = :m',
    ExpressionAttributeValues: { ':m': s('This item has changed') },
  });
  sim.call(`${DDB}DeleteItem`, { TableName: 'BarkTable', Key: { Id: n(101) } });
  return records(sim, arn);
}

describe('stream record shape', () => {
  for (const view of VIEW_TYPES) {
    it(`§2.3 / §10.16 / §10.17 ${view}: images per event follow the table; missing images are absent keys, never {}`, () => {
      const recs = lifecycle(view);
      expect(recs.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
      for (const r of recs) {
        const want = EXPECTED[view][r.eventName];
        expect(Object.hasOwn(r.dynamodb, 'NewImage'), `${r.eventName} NewImage`).toBe(want.includes('N'));
        expect(Object.hasOwn(r.dynamodb, 'OldImage'), `${r.eventName} OldImage`).toBe(want.includes('O'));
        expect(r.dynamodb.Keys).toEqual({ Id: n(101) });
        expect(r.dynamodb.StreamViewType).toBe(view);
      }
    });
  }

  it('§2.3 SizeBytes matches the AWS examples: INSERT 26, MODIFY 59, REMOVE 38 (NEW_AND_OLD_IMAGES, Id=101)', () => {
    const recs = lifecycle('NEW_AND_OLD_IMAGES');
    expect(recs.map((r) => r.dynamodb.SizeBytes)).toEqual([26, 59, 38]);
    // §10.20 images hold the whole item, not only the changed attribute.
    expect(recs[1]!.dynamodb.OldImage).toEqual({ Id: n(101), Message: s('New item!') });
    expect(recs[1]!.dynamodb.NewImage).toEqual({ Id: n(101), Message: s('This item has changed') });
  });

  it('§2.3 SizeBytes of a KEYS_ONLY record with a two-attribute string key is 41 (ForumName / Subject)', () => {
    const sim = newSim({ partitions: { Forum: 1 } });
    const arn = sim.call<{ TableDescription: { LatestStreamArn: string } }>(`${DDB}CreateTable`, {
      TableName: 'Forum',
      KeySchema: [
        { AttributeName: 'ForumName', KeyType: 'HASH' },
        { AttributeName: 'Subject', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'ForumName', AttributeType: 'S' },
        { AttributeName: 'Subject', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    }).TableDescription.LatestStreamArn;
    sim.call(`${DDB}PutItem`, { TableName: 'Forum', Item: { ForumName: s('DynamoDB'), Subject: s('DynamoDB Thread 3'), Views: n(0) } });
    const [rec] = records(sim, arn);
    expect(rec!.dynamodb.SizeBytes).toBe(41);
    expect(rec!.dynamodb.Keys).toEqual({ ForumName: s('DynamoDB'), Subject: s('DynamoDB Thread 3') });
  });

  it('§2.3 SizeBytes recorded on AWS: KEYS_ONLY Fred 12 / Alice 13 (recording 01); 46 and 80 for recording 03', () => {
    const sim = newSim();
    const arn = createTable(sim, 'tbl', 'KEYS_ONLY')!;
    put(sim, { pk: s('Fred') });
    put(sim, { pk: s('Alice') });
    expect(records(sim, arn).map((r) => r.dynamodb.SizeBytes)).toEqual([6, 7]); // `pk` is 2 bytes, `Username` 8: 12 − 6 = 6
    const sim2 = newSim();
    const arn2 = createTable(sim2, 'tbl', 'NEW_AND_OLD_IMAGES')!;
    // recording 03 used `id` (2 bytes) as the key, like `pk` here.
    update(sim2, { pk: s('my-item-id') }, 'SET attr1 = :v1, attr2 = :v2', { ':v1': s('value1'), ':v2': s('value2') });
    update(sim2, { pk: s('my-item-id') }, 'SET attr1 = :v1, attr2 = :v2', { ':v1': s('value2'), ':v2': s('value3') });
    expect(records(sim2, arn2).map((r) => r.dynamodb.SizeBytes)).toEqual([46, 80]);
  });

  it('§10.14 / §10.19 every record has the GetRecords envelope: eventID, eventName, eventVersion 1.1, aws:dynamodb, awsRegion; no eventSourceARN', () => {
    const sim = newSim({ region: 'eu-west-1' });
    const arn = createTable(sim)!;
    put(sim, { pk: s('a') });
    put(sim, { pk: s('b') });
    const recs = records(sim, arn);
    for (const r of recs) {
      expect(Object.keys(r).sort()).toEqual(['awsRegion', 'dynamodb', 'eventID', 'eventName', 'eventSource', 'eventVersion']);
      expect(r.eventID).toMatch(/^[0-9a-f]{32}$/);
      expect(r.eventVersion).toBe('1.1');
      expect(r.eventSource).toBe('aws:dynamodb');
      expect(r.awsRegion).toBe('eu-west-1');
      expect(Object.keys(r.dynamodb).sort()).toEqual(['ApproximateCreationDateTime', 'Keys', 'NewImage', 'SequenceNumber', 'SizeBytes', 'StreamViewType']);
      expect(r.dynamodb.SequenceNumber).toMatch(/^\d{21,40}$/);
    }
    expect(recs[0]!.eventID).not.toBe(recs[1]!.eventID);
  });

  it('§10.15 ApproximateCreationDateTime is epoch seconds rounded down to a whole second', () => {
    const sim = newSim({ epochMs: 1_700_000_000_750 });
    const arn = createTable(sim)!;
    put(sim, { pk: s('a') });
    sim.advanceBy(200); // 1_700_000_000_950
    put(sim, { pk: s('b') });
    sim.advanceBy(100); // 1_700_000_001_050
    put(sim, { pk: s('c') });
    const times = records(sim, arn).map((r) => r.dynamodb.ApproximateCreationDateTime);
    expect(times).toEqual([1_700_000_000, 1_700_000_000, 1_700_000_001]);
    for (const t of times) expect(Number.isInteger(t)).toBe(true);
  });

  it('§10.18 attribute values are typed JSON: numbers are strings, binary is base64 (recording 06)', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('id1'), version: n(1), data: { B: 'kA==' }, tags: { NS: ['1', '2.5'] }, m: { M: { x: { BOOL: true }, y: { NULL: true } } } });
    const [rec] = records(sim, arn);
    expect(rec!.dynamodb.NewImage).toEqual({
      pk: s('id1'),
      version: { N: '1' },
      data: { B: 'kA==' },
      tags: { NS: ['1', '2.5'] },
      m: { M: { x: { BOOL: true }, y: { NULL: true } } },
    });
  });

  it('§10.11 user writes carry no userIdentity', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('a') });
    update(sim, { pk: s('a') }, 'SET v = :v', { ':v': n(1) });
    del(sim, { pk: s('a') });
    for (const r of records(sim, arn)) expect('userIdentity' in r).toBe(false);
  });

  it('§2.1 records never change once written: mutating a returned record, item or error changes nothing in the world', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('a'), v: n(1) });
    const before = JSON.stringify(records(sim, arn)[0]);
    // A consumer editing its records in place (common in handlers) must not reach the stream…
    const rec = records(sim, arn)[0]!;
    rec.eventName = 'REMOVE';
    (rec.dynamodb.NewImage!.v as { N: string }).N = '999';
    // …nor may a caller editing a GetItem result reach the table.
    const item = sim.call<{ Item: Record<string, { N?: string }> }>(`${DDB}GetItem`, { TableName: 'tbl', Key: { pk: s('a') } }).Item;
    item.v!.N = '42';
    try {
      put(sim, { pk: s('a') }, { ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    } catch (e) {
      ((e as { extra: { Item: Record<string, { N?: string }> } }).extra.Item.v!).N = '7';
    }
    expect(JSON.stringify(records(sim, arn)[0])).toBe(before);
    expect(sim.call(`${DDB}GetItem`, { TableName: 'tbl', Key: { pk: s('a') } })).toEqual({ Item: { pk: s('a'), v: n(1) } });
    // The trace still holds the record as written, so a replay gives the same facts.
    const replay = newSim();
    createTable(replay);
    put(replay, { pk: s('a'), v: n(1) });
    expect(JSON.stringify(records(replay, arn)[0])).toBe(before);
    const appended = sim.trace.find((e) => e.type === 'record-appended');
    expect(JSON.stringify(appended && 'record' in appended ? appended.record : undefined)).toBe(before);
    update(sim, { pk: s('a') }, 'SET v = :v', { ':v': n(2) });
    expect(JSON.stringify(records(sim, arn)[0])).toBe(before);
  });
});
