import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { streamscopeIterator } from '../iterator.ts';
import { analyseStream } from './analyse.ts';
import { StreamImporter } from './importer.ts';

const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2025-01-01T00:00:00.000';
const SHARDS = ['shardId-1', 'shardId-2', 'shardId-3'];

/** A record from small pools, so duplicates, shared sequence numbers, reordering and gaps all happen. */
const record = fc.record({
  id: fc.integer({ min: 0, max: 30 }),
  seq: fc.integer({ min: 1, max: 40 }),
  key: fc.integer({ min: 0, max: 3 }),
  event: fc.constantFrom('INSERT', 'MODIFY', 'REMOVE'),
  oldV: fc.integer({ min: 0, max: 2 }),
  newV: fc.integer({ min: 0, max: 2 }),
  second: fc.integer({ min: 0, max: 5 }),
});

function awsRecord(r: { id: number; seq: number; key: number; event: string; oldV: number; newV: number; second: number }, lambda: boolean) {
  const keys = { pk: { S: `k${r.key}` } };
  return {
    eventID: `e${r.id}`,
    eventName: r.event,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_700_000_000 + r.second,
      Keys: keys,
      ...(r.event !== 'REMOVE' ? { NewImage: { ...keys, v: { N: String(r.newV) } } } : {}),
      ...(r.event !== 'INSERT' ? { OldImage: { ...keys, v: { N: String(r.oldV) } } } : {}),
      SequenceNumber: String(100 + r.seq * 10),
      SizeBytes: 20,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    ...(lambda ? { eventSourceARN: ARN } : {}),
  };
}

/** One document: a GetRecords page (next iterator: none, opaque, null, or one naming a shard), a Lambda event (maybe with its shardId), bare records, or DescribeStream. */
const documentOf = fc.oneof(
  fc.record({ kind: fc.constant('page'), records: fc.array(record, { maxLength: 6 }), next: fc.constantFrom(undefined, null, 'opaque', ...SHARDS) }),
  fc.record({ kind: fc.constant('lambda'), records: fc.array(record, { minLength: 1, maxLength: 6 }), shard: fc.constantFrom(undefined, ...SHARDS) }),
  fc.record({ kind: fc.constant('bare'), records: fc.array(record, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('describe'), ranges: fc.boolean() }),
);

type Doc = typeof documentOf extends fc.Arbitrary<infer D> ? D : never;

function documents(doc: Doc): unknown[] {
  switch (doc.kind) {
    case 'page': {
      const next = doc.next === undefined || doc.next === null || doc.next === 'opaque' ? doc.next : streamscopeIterator(ARN, doc.next, 0, 0);
      return [{ Records: doc.records.map((r) => awsRecord(r, false)), ...(next !== undefined ? { NextShardIterator: next } : {}) }];
    }
    case 'lambda':
      return [{ Records: doc.records.map((r) => awsRecord(r, true)), ...(doc.shard ? { shardId: doc.shard, eventSourceARN: ARN } : {}) }];
    case 'bare':
      return doc.records.map((r) => awsRecord(r, false));
    default:
      return [
        {
          StreamDescription: {
            StreamArn: ARN,
            StreamViewType: 'NEW_AND_OLD_IMAGES',
            TableName: 'T',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            Shards: SHARDS.map((id, i) => ({
              ShardId: id,
              ...(i > 0 ? { ParentShardId: SHARDS[i - 1] } : {}),
              ...(doc.ranges ? { SequenceNumberRange: { StartingSequenceNumber: String(100 + i * 150), ...(i < 2 ? { EndingSequenceNumber: String(240 + i * 150) } : {}) } } : {}),
            })),
          },
        },
      ];
  }
}

describe('findings judged as records arrive', () => {
  it('equal the batch analysis of the same input, finding for finding and in order', () => {
    fc.assert(
      fc.property(fc.array(documentOf, { minLength: 1, maxLength: 8 }), (docs) => {
        const importer = new StreamImporter(Number.POSITIVE_INFINITY, true);
        for (const doc of docs) for (const value of documents(doc)) if (importer.addDocument(value)) return;
        const r = importer.finish();
        if (!r.ok) return;
        expect(importer.findings!.finish(r.stream)).toEqual(analyseStream(r.stream));
      }),
      { numRuns: 400 },
    );
  });

  it('counts by kind while reading', () => {
    const importer = new StreamImporter(Number.POSITIVE_INFINITY, true);
    const r = { id: 1, seq: 2, key: 0, event: 'INSERT', oldV: 0, newV: 0, second: 0 };
    importer.addDocument(awsRecord(r, false));
    importer.addDocument(awsRecord(r, false));
    importer.addDocument(awsRecord({ ...r, id: 2, seq: 3 }, false));
    expect(importer.findings!.running()).toEqual({ duplicate: 1, gap: 1 });
  });
});
