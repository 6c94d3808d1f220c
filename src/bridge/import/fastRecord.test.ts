import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPlainValidRecord } from './fastRecord.ts';
import { LambdaEventSchema, StreamRecordSchema } from './schema.ts';

const valid = () => ({
  eventID: 'e1',
  eventName: 'MODIFY',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-1',
  dynamodb: {
    ApproximateCreationDateTime: 1763978400,
    Keys: { pk: { S: 'a' } },
    NewImage: { pk: { S: 'a' }, n: { N: '2' }, l: { L: [{ BOOL: true }, { NULL: true }] } },
    OldImage: { pk: { S: 'a' }, n: { N: '1' } },
    SequenceNumber: '100000000000000000101',
    SizeBytes: 40,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  } as Record<string, unknown>,
} as Record<string, unknown>);

const PATHS = ['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'eventSourceARN', 'userIdentity', 'dynamodb', 'dynamodb.ApproximateCreationDateTime', 'dynamodb.Keys', 'dynamodb.NewImage', 'dynamodb.OldImage', 'dynamodb.SequenceNumber', 'dynamodb.SizeBytes', 'dynamodb.StreamViewType', 'dynamodb.Keys.pk', 'dynamodb.NewImage.n'];
const VALUES = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, '', 'INSERT', 'REMOVE', 'aws:dynamodb', 'KEYS_ONLY', '1234', '0x12', 1e12, 1.5, -1, 0, Number.NaN, { S: 'x' }, { N: 'abc' }, { N: '12' }, { pk: { S: 'b' } }, { pk: { X: 'b' } }, '2025-11-24T10:00:00Z', { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' }),
);

function mutate(record: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const parts = path.split('.');
  let o = record;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) return record;
    o = o[p] as Record<string, unknown>;
  }
  if (value === undefined) delete o[parts.at(-1)!];
  else o[parts.at(-1)!] = value;
  return record;
}

describe('isPlainValidRecord: never accepts what the schema refuses', () => {
  it('a valid record passes both', () => {
    expect(isPlainValidRecord(valid(), false)).toBe(true);
    expect(StreamRecordSchema.safeParse(valid()).success).toBe(true);
  });

  it('property: for records with up to three fields changed to anything, passing implies the schema accepts (GetRecords and Lambda forms)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), VALUES), { minLength: 1, maxLength: 3 }), fc.boolean(), (changes, lambda) => {
        const r = valid();
        if (lambda) r.eventSourceARN = 'arn:aws:dynamodb:us-east-1:1:table/T/stream/x';
        for (const [path, value] of changes) mutate(r, path, value);
        if (!isPlainValidRecord(r, lambda)) return;
        const zod = lambda ? LambdaEventSchema.safeParse({ Records: [r] }) : StreamRecordSchema.safeParse(r);
        expect(zod.success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
