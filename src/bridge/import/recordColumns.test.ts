// Imported records as columns (./recordColumns.ts) give back the records they were given: equal
// field for field and in JSON, key for key, for random records — images shared or not, spelt alike
// or not, identities, eventIDs of any characters and length, sequence numbers of any length — and
// compare sequence numbers as `compareSequence` does. The chunked columns beneath read back what
// was pushed across chunk edges.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StreamRecord } from '../../sim/stream/record.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import { compareSequence } from '../attributes.ts';
import { IntColumn, NumberColumn, RunColumn, TextColumn } from './columnChunks.ts';
import { bodyOf, ObjectRecords, RecordColumns, streamView } from './recordColumns.ts';

const item = (key: number, v: number, order: 'plain' | 'swapped'): Item =>
  order === 'plain' ? { pk: { S: `k${key}` }, v: { N: String(v) }, note: { S: `version ${v}` } } : { v: { N: String(v) }, pk: { S: `k${key}` }, note: { S: `version ${v}` } };

const row = fc.record({
  key: fc.integer({ min: 0, max: 4 }),
  keyOrder: fc.constantFrom('plain', 'swapped'),
  event: fc.constantFrom('INSERT', 'MODIFY', 'REMOVE'),
  view: fc.constantFrom('NEW_AND_OLD_IMAGES', 'NEW_IMAGE', 'OLD_IMAGE', 'KEYS_ONLY'),
  newV: fc.integer({ min: 0, max: 3 }),
  oldV: fc.integer({ min: 0, max: 3 }),
  /** How the OldImage is given: the item's last NewImage object, a copy spelt alike, spelt otherwise, or a new version. */
  old: fc.constantFrom('last', 'copy', 'swapped', 'other'),
  sameNewAsOld: fc.boolean(),
  id: fc.oneof(fc.stringMatching(/^[0-9a-f]{1,40}$/), fc.string({ minLength: 1, maxLength: 300 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })),
  seq: fc.stringMatching(/^[1-9]\d{0,39}$/),
  second: fc.integer({ min: 0, max: 100_000_000_000 }),
  size: fc.oneof(fc.integer({ min: 1, max: 400_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
  region: fc.constantFrom('us-east-1', 'eu-west-1'),
  version: fc.constantFrom('1.1', '1.0'),
  identity: fc.boolean(),
  read: fc.integer({ min: 0, max: 5 }),
});
type Row = typeof row extends fc.Arbitrary<infer R> ? R : never;

/** Records as the importer hands them over, with the object sharing a reader may have made. */
function recordsOf(rows: Row[]): StreamRecord[] {
  const keys = new Map<string, Item>();
  const latest = new Map<number, Item>();
  return rows.map((r) => {
    const spelling = `${r.key}|${r.keyOrder}`;
    let k = keys.get(spelling);
    if (!k) keys.set(spelling, (k = r.keyOrder === 'plain' ? { pk: { S: `k${r.key}` } } : { pk: { S: `k${r.key}` } }));
    const last = latest.get(r.key);
    const old = r.view === 'NEW_AND_OLD_IMAGES' || r.view === 'OLD_IMAGE' ? (r.event === 'INSERT' ? undefined : r.old === 'last' && last ? last : r.old === 'copy' && last ? (JSON.parse(JSON.stringify(last)) as Item) : item(r.key, r.oldV, r.old === 'swapped' ? 'swapped' : 'plain')) : undefined;
    const next = r.view === 'NEW_AND_OLD_IMAGES' || r.view === 'NEW_IMAGE' ? (r.event === 'REMOVE' ? undefined : r.sameNewAsOld && old ? old : item(r.key, r.newV, 'plain')) : undefined;
    if (next) latest.set(r.key, next);
    const record: StreamRecord = {
      eventID: r.id,
      eventName: r.event,
      eventVersion: r.version,
      eventSource: 'aws:dynamodb',
      awsRegion: r.region,
      dynamodb: bodyOf(r.second, k, next, old, r.seq, r.size, r.view),
    };
    if (r.identity) record.userIdentity = { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' };
    return record;
  });
}

describe('RecordColumns', () => {
  it('builds each record equal to the one pushed, in JSON key for key', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const records = recordsOf(rows);
        const columns = new RecordColumns();
        records.forEach((r, i) => columns.push(r, rows[i]!.read));
        expect(columns.length).toBe(records.length);
        records.forEach((r, i) => {
          const built = columns.record(i);
          expect(JSON.stringify(built)).toBe(JSON.stringify(r));
          expect(built).toEqual(r);
          expect(columns.at(i)).toEqual({ index: i, read: rows[i]!.read, record: r });
          expect(columns.eventID(i)).toBe(r.eventID);
          expect(columns.sequenceNumber(i)).toBe(r.dynamodb.SequenceNumber);
          expect(columns.seconds(i)).toBe(r.dynamodb.ApproximateCreationDateTime);
          expect(columns.keys(i)).toEqual(r.dynamodb.Keys);
          expect(columns.eventName(i)).toBe(r.eventName);
          expect(columns.viewType(i)).toBe(r.dynamodb.StreamViewType);
        });
        expect(columns.at(records.length)).toBeUndefined();
        expect(columns.toArray().map((x) => x.record)).toEqual(records);
      }),
      { numRuns: 200 },
    );
  });

  it('compares sequence numbers as compareSequence does', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^(0|[1-9]\d{0,39})$/), { minLength: 1, maxLength: 30 }), (seqs) => {
        const columns = new RecordColumns();
        for (const s of seqs) columns.push({ eventID: 'e', eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'r', dynamodb: bodyOf(1, { pk: { S: 'a' } }, undefined, undefined, s, 1, 'KEYS_ONLY') }, 0);
        for (let i = 0; i < seqs.length; i++) for (let j = 0; j < seqs.length; j++) expect(columns.compareSequences(i, j)).toBe(compareSequence(seqs[i]!, seqs[j]!));
      }),
    );
  });

  it('keeps one image per item version: an OldImage spelt as the previous NewImage is that image', () => {
    const columns = new RecordColumns();
    const keys = { pk: { S: 'a' } };
    const v1 = item(1, 1, 'plain');
    const push = (eventName: StreamRecord['eventName'], next: Item | undefined, old: Item | undefined) =>
      columns.push({ eventID: `e${columns.length}`, eventName, eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'r', dynamodb: bodyOf(1, { ...keys }, next, old, String(columns.length + 1), 1, 'NEW_AND_OLD_IMAGES') }, 0);
    push('INSERT', v1, undefined);
    push('MODIFY', item(1, 2, 'plain'), JSON.parse(JSON.stringify(v1)) as Item);
    push('MODIFY', item(1, 3, 'plain'), item(1, 2, 'swapped'));
    expect(columns.oldImageId(1)).toBe(columns.newImageId(0));
    expect(columns.record(1).dynamodb.OldImage).toBe(columns.record(0).dynamodb.NewImage);
    // Spelt otherwise (the same item, attributes in another order): kept as spelt.
    expect(columns.oldImageId(2)).not.toBe(columns.newImageId(1));
    expect(JSON.stringify(columns.record(2).dynamodb.OldImage)).toBe(JSON.stringify(item(1, 2, 'swapped')));
    // One Keys object for the spelling.
    expect(columns.keys(2)).toBe(columns.keys(0));
  });
});

describe('ObjectRecords and streamView', () => {
  it('read objects through the same list', () => {
    const records = recordsOf([{ key: 1, keyOrder: 'plain', event: 'INSERT', view: 'NEW_IMAGE', newV: 1, oldV: 0, old: 'last', sameNewAsOld: false, id: 'e1', seq: '42', second: 7, size: 9, region: 'us-east-1', version: '1.1', identity: false, read: 0 }]);
    const plain = { kinds: [], keyAttributes: [], shards: [], reads: [], notes: [], records: records.map((record, index) => ({ index, read: 0, record })) };
    const view = streamView(plain);
    expect(view.records).toBeInstanceOf(ObjectRecords);
    expect(view.records.record(0)).toBe(records[0]);
    expect([view.records.sequenceNumber(0), view.records.seconds(0), view.records.keys(0)]).toEqual(['42', 7, { pk: { S: 'k1' } }]);
    expect(streamView(view)).toBe(view);
  });
});

describe('chunked columns', () => {
  it('read back what was pushed, across chunk edges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer(), (n, seed) => {
        const ints = new NumberColumn(Int32Array);
        const texts = new TextColumn();
        const value = (i: number) => Math.imul(i + seed, 2654435761) | 0;
        for (let i = 0; i < n; i++) ints.push(value(i));
        for (let i = 0; i < Math.min(n, 3_000); i++) texts.push(i % 97 === 0 ? `é✓${i}` : `${i}`.repeat((i % 7) + 1));
        expect(ints.length).toBe(n);
        for (let i = 0; i < n; i += 97) expect(ints.get(i)).toBe(value(i));
        if (n > 0) expect(ints.get(n - 1)).toBe(value(n - 1));
        for (let i = 0; i < texts.length; i++) expect(texts.get(i)).toBe(i % 97 === 0 ? `é✓${i}` : `${i}`.repeat((i % 7) + 1));
      }),
      { numRuns: 15 },
    );
  });

  it('keep any number exactly, and runs of one value as runs', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0x80000000, -0, 2 ** 31, 1e11, 0.5)), { maxLength: 200 }), fc.array(fc.nat(5), { maxLength: 300 }), (numbers, reads) => {
        const ints = new IntColumn();
        for (const n of numbers) ints.push(n);
        numbers.forEach((n, i) => expect(Object.is(ints.get(i), n)).toBe(true));
        const runs = new RunColumn();
        for (const r of reads) runs.push(r);
        expect(runs.length).toBe(reads.length);
        reads.forEach((r, i) => expect(runs.get(i)).toBe(r));
      }),
    );
  });

  it('starts a new text chunk rather than split a string across two', () => {
    const texts = new TextColumn();
    const s = 'x'.repeat(200);
    for (let i = 0; i < 6_000; i++) texts.push(`${s}${i % 10}`.slice(0, 200 + (i % 5)));
    for (let i = 0; i < 6_000; i++) expect(texts.get(i)).toBe(`${s}${i % 10}`.slice(0, 200 + (i % 5)));
  });

  it('keep hex digits two a byte, and any other text as it is', () => {
    const hexDigits = fc.array(fc.constantFrom(...'0123456789abcdef'), { maxLength: 140 }).map((d) => d.join(''));
    const other = fc.oneof(fc.string({ maxLength: 140 }), fc.constantFrom('ABCDEF', 'e0000abcd', '7de3041dd709b024af6f29e4fa13d34c', 'g1', ''));
    fc.assert(
      fc.property(fc.array(fc.oneof(hexDigits, other), { maxLength: 300 }), (strings) => {
        const texts = new TextColumn(0xff, true);
        for (const s of strings) texts.push(s);
        strings.forEach((s, i) => expect(texts.get(i)).toBe(s));
      }),
    );
    // AWS's eventIDs, 32 hex digits: 16 B each in the chunks.
    const ids = new TextColumn(0xff, true);
    for (let i = 0; i < 40_000; i++) ids.push(Math.imul(i, 2654435761).toString(16).padStart(8, '0').repeat(4));
    expect(ids.get(39_999)).toBe(Math.imul(39_999, 2654435761).toString(16).padStart(8, '0').repeat(4));
    expect(ids.bytes).toBeLessThan(40_000 * (16 + 4 + 1) + (1 << 20));
  });
});

