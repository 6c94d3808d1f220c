// An imported record's light facts (./importedFacts.ts) read, and spell as JSON, exactly what the
// object facts made before them did.
import { describe, expect, it } from 'vitest';
import type { StreamRecord } from '../../sim/stream/record.ts';
import { appendClass, writeClass } from './importedFacts.ts';

const keys = { pk: { S: 'a' } };
const record = (eventName: StreamRecord['eventName'], images: Partial<StreamRecord['dynamodb']>, userIdentity?: StreamRecord['userIdentity']): StreamRecord => ({
  eventID: 'e1',
  eventName,
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-1',
  dynamodb: { ApproximateCreationDateTime: 1, Keys: keys, ...images, SequenceNumber: '100', SizeBytes: 10, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  ...(userIdentity ? { userIdentity } : {}),
});

/** The object facts `trace.ts` made before. */
function objectFacts(r: StreamRecord, t: number, keyString: string) {
  const newItem = r.eventName === 'REMOVE' ? undefined : (r.dynamodb.NewImage ?? r.dynamodb.Keys);
  return [
    { t, type: 'write', table: 'T', op: `${r.eventName} (imported record)`, key: r.dynamodb.Keys, keyString, outcome: r.eventName, ...(newItem ? { newItem } : {}), ...(r.userIdentity ? { byService: true } : {}) },
    { t, type: 'record-appended', streamArn: 'arn:s', shardId: 'shard-1', keyString, record: r },
  ];
}

describe('imported facts', () => {
  it('read and spell as JSON what the object facts did, for every kind of record', () => {
    const Write = writeClass('T');
    const Append = appendClass('arn:s', 'shard-1');
    const records = [
      record('INSERT', { NewImage: { ...keys, v: { N: '1' } } }),
      record('MODIFY', { NewImage: { ...keys, v: { N: '2' } }, OldImage: { ...keys, v: { N: '1' } } }),
      record('MODIFY', {}),
      record('REMOVE', { OldImage: { ...keys, v: { N: '2' } } }),
      record('REMOVE', {}, { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' }),
    ];
    for (const [i, r] of records.entries()) {
      const write = new Write(i * 10, '{"pk":{"S":"a"}}', r);
      const light = [write, new Append(i * 10, '{"pk":{"S":"a"}}', r)];
      const plain = objectFacts(r, i * 10, '{"pk":{"S":"a"}}');
      expect(JSON.stringify(light)).toBe(JSON.stringify(plain));
      for (const [k, fact] of light.entries()) {
        for (const [field, value] of Object.entries(plain[k]!)) expect((fact as unknown as Record<string, unknown>)[field], `${i} ${field}`).toBe(value);
      }
      expect(write.newItem === undefined).toBe(!('newItem' in plain[0]!));
      expect(write.byService).toBe((plain[0] as { byService?: true }).byService);
    }
  });
});
