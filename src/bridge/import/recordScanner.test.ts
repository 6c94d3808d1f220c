// The record scanner (./recordScanner.ts) is only a faster way to the same result: an import read
// with it equals the import read by JSON.parse and zod alone — records, reads, findings, and the
// error (message, line and column) when a line is not what AWS sends — for random JSON Lines cut
// into random pieces, plain records and every kind of unusual one mixed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importPieces, type TextPiece } from './readStream.ts';
import { utf8Bytes as enc } from './utf8.ts';
import { RecordScanner, ScannedRecord } from './recordScanner.ts';
import { ScannedPage } from './scanned.ts';
import { ItemTexts } from './itemTexts.ts';
import { bodyOf } from './recordColumns.ts';
import type { StreamRecord } from '../../sim/stream/record.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import type { ImportResult } from '../types.ts';

/** Ways a line may differ from the plain record (each either still valid or an error zod or JSON.parse names). */
const QUIRKS = [
  'plain',
  'plain',
  'plain',
  'reordered',
  'spaced',
  'escaped-id',
  'unicode-id',
  'leading-zeros',
  'lambda-arn',
  'identity',
  'identity-getrecords',
  'identity-extra',
  'identity-number',
  'text-time',
  'fraction-time',
  'millis-time',
  'missing-version',
  'extra-field',
  'twice',
  'bad-size',
  'float-size',
  'bad-view',
  'bad-item',
  'null-image',
  'syntax',
  'truncated',
  'getitem',
  'exponent',
  'empty-id',
  'control-char',
  'bad-number',
  'escaped-number',
  'value-escape',
  'bad-escape',
  'value-control',
  'other-skeleton',
  'unicode-value',
  'unicode-key',
] as const;
type Quirk = (typeof QUIRKS)[number];

const line = fc.record({
  id: fc.integer({ min: 0, max: 40 }),
  key: fc.integer({ min: 0, max: 5 }),
  seq: fc.integer({ min: 1, max: 60 }),
  event: fc.constantFrom('INSERT', 'MODIFY', 'REMOVE'),
  oldV: fc.integer({ min: 0, max: 3 }),
  newV: fc.integer({ min: 0, max: 3 }),
  second: fc.integer({ min: 0, max: 9 }),
  view: fc.constantFrom('NEW_AND_OLD_IMAGES', 'NEW_IMAGE', 'KEYS_ONLY'),
  quirk: fc.constantFrom(...QUIRKS),
});
type Line = typeof line extends fc.Arbitrary<infer L> ? L : never;

function text(l: Line): string {
  const q: Quirk = l.quirk;
  const keys = { pk: { S: `k${l.key}` } };
  // Images spelt on the plain records' skeleton but with values to look at (a number that is not
  // one, escapes good and bad, a raw tab), and on another skeleton.
  const image = (v: number) =>
    q === 'bad-item' ? { ...keys, v: { N: v } } : q === 'other-skeleton' ? { ...keys, note: { S: `version ${v}` }, v: { N: String(v) } } : { ...keys, v: { N: q === 'bad-number' ? `${v}x` : String(v) }, note: { S: `version ${v}` } };
  const body: Record<string, unknown> = {
    ApproximateCreationDateTime: q === 'text-time' ? '2024-01-02T03:04:05Z' : q === 'fraction-time' ? 1_700_000_000.75 + l.second : q === 'millis-time' ? 1_700_000_000_000 : q === 'exponent' ? 1.7e9 + l.second : 1_700_000_000 + l.second,
    Keys: keys,
    ...(l.event !== 'REMOVE' && l.view !== 'KEYS_ONLY' ? { NewImage: q === 'null-image' ? null : image(l.newV) } : {}),
    ...(l.event !== 'INSERT' && l.view === 'NEW_AND_OLD_IMAGES' ? { OldImage: image(l.oldV) } : {}),
    SequenceNumber: (q === 'leading-zeros' ? '000' : '') + String(1_000_000 + l.seq * 10),
    SizeBytes: q === 'bad-size' ? 0 : q === 'float-size' ? 10.5 : 40,
    StreamViewType: q === 'bad-view' ? 'NEW' : l.view,
  };
  const record: Record<string, unknown> = {
    eventID: q === 'escaped-id' ? `e"${l.id}\\` : q === 'unicode-id' ? `é${l.id}✓` : q === 'empty-id' ? '' : `event-${l.id}-0123456789abcdef`,
    eventName: l.event,
    ...(q === 'missing-version' ? {} : { eventVersion: '1.1' }),
    eventSource: 'aws:dynamodb',
    awsRegion: l.key % 2 === 0 ? 'us-east-1' : 'eu-west-1',
    dynamodb: body,
    ...(q === 'lambda-arn' ? { eventSourceARN: 'arn:aws:dynamodb:us-east-1:1:table/T/stream/s' } : {}),
    ...(q === 'identity' ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
    ...(q === 'identity-getrecords' ? { userIdentity: { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' } } : {}),
    ...(q === 'identity-extra' ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com', Type: 'x' } } : {}),
    ...(q === 'identity-number' ? { userIdentity: { Type: 'Service', PrincipalId: 7 } } : {}),
    ...(q === 'extra-field' ? { extra: 1 } : {}),
  };
  if (q === 'getitem') return JSON.stringify({ Item: keys });
  if (q === 'reordered') return JSON.stringify(Object.fromEntries(Object.entries({ ...record, dynamodb: Object.fromEntries(Object.entries(body).reverse()) }).reverse()));
  const json = JSON.stringify(record);
  switch (q) {
    case 'spaced':
      return JSON.stringify(record, null, 1).replace(/\n/g, ' ');
    case 'twice':
      return json.replace('"eventName":', '"eventName":"INSERT","eventName":');
    case 'syntax':
      return json.replace('"awsRegion"', '"awsRegion",');
    case 'truncated':
      return json.slice(0, -2);
    case 'control-char':
      return json.replace(`"event-${l.id}`, `"event\t-${l.id}`);
    case 'unicode-id':
      return json.replace('✓', '\\u2713');
    case 'escaped-number':
      return json.replace(/"N":"/g, '"N":"\\u0031');
    case 'value-escape':
      return json.replace(/"version /g, '"version\\n\\u00e9\\/ ');
    case 'bad-escape':
      return json.replace(/"version /g, '"version\\q');
    case 'value-control':
      return json.replace(/"version /g, '"version\t');
    case 'unicode-value':
      return json.replace(/"version /g, '"versión 日😀 ');
    case 'unicode-key':
      return json.replace(/"pk":\{"S":"k/g, '"pk":{"S":"kü');
    default:
      return json;
  }
}

/** The text cut at the given points (in any order), as a file read in slices would give it. */
function piecesOf(all: string, cuts: number[]): AsyncIterable<TextPiece> {
  const at = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const c of [...at, all.length]) {
    pieces.push(all.slice(from, c));
    from = c;
  }
  return (async function* () {
    for (const p of pieces) yield { text: p, size: p.length };
  })();
}

/**
 * The text's UTF-8 bytes cut at the given points (a character may be cut), each piece a view of one
 * buffer filled anew for the next, as a file's slices come: the reader keeps nothing of a piece but
 * copies.
 */
function bytePiecesOf(all: string, cuts: number[]): AsyncIterable<TextPiece> {
  const bytes = enc(all);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const buffer = new Uint8Array(bytes.length);
  return (async function* () {
    let from = 0;
    for (const c of [...at, bytes.length]) {
      buffer.set(bytes.subarray(from, c));
      yield { text: buffer.subarray(0, c - from), size: c - from };
      buffer.fill(0x7b);
      from = c;
    }
  })();
}

/** The result with its records as objects (the importer keeps them as columns: compared record by record). */
function plain(r: ImportResult): unknown {
  return r.ok ? { ...r, stream: { ...r.stream, records: [...r.stream.records] } } : r;
}

/** A scanned record with its images read back, as `JSON.parse` and the importer would make it. */
function withImages(scanned: ScannedRecord, items: ItemTexts): StreamRecord {
  const d = scanned.record.dynamodb;
  const newImage: Item | undefined = scanned.newImage === undefined ? undefined : items.item(items.add(scanned.newImage));
  const oldImage: Item | undefined = scanned.oldImage === undefined ? undefined : items.item(items.add(scanned.oldImage));
  return { ...scanned.record, dynamodb: bodyOf(d.ApproximateCreationDateTime, d.Keys, newImage, oldImage, d.SequenceNumber, d.SizeBytes, d.StreamViewType) };
}

/** What the scanner reads at `from`, which must be one record (or nothing). */
function readOne(scanner: RecordScanner, bytes: Uint8Array, from: number): ScannedRecord | undefined {
  const read = scanner.read(bytes, from);
  if (read !== undefined && !(read instanceof ScannedRecord)) throw new Error('a page where a record was expected');
  return read;
}

const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/Votes/stream/2024-01-01T00:00:00.000';

/** A record's JSON with an `eventSourceARN` first (as a Lambda event's records have one). */
function withArn(json: string, arn = ARN): string {
  return json.startsWith('{') ? `{"eventSourceARN":${JSON.stringify(arn)},${json.slice(1)}` : json;
}

describe('RecordScanner', () => {
  it('an import read with the scanner equals the import read by JSON.parse and zod alone, from text or from bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), async (lines, cuts, crlf) => {
        const all = lines.map(text).join(crlf ? '\r\n' : '\n') + '\n';
        const options = { total: all.length };
        const scanned = plain(await importPieces(piecesOf(all, cuts), options));
        const parsed = plain(await importPieces(piecesOf(all, cuts), { ...options, withoutScanner: true }));
        expect(scanned).toEqual(parsed);
        // Byte for byte too: toEqual ignores the members' order, which an export's JSON keeps.
        expect(JSON.stringify(scanned)).toBe(JSON.stringify(parsed));
        // A file's bytes, cut anywhere (within a character too), read as the text is.
        const fromBytes = plain(await importPieces(bytePiecesOf(all, cuts), options));
        expect(JSON.stringify(fromBytes)).toBe(JSON.stringify(scanned));
      }),
      { numRuns: 300 },
    );
  });

  it('a file of pages ({"Records":[…]}: Lambda events, GetRecords pages) reads as it does through JSON.parse and zod', async () => {
    // Each page's records name their stream (a Lambda event), or none does (a page), or only the
    // first does (refused: zod says why); some pages are empty, some spaced out, some have another member.
    const page = fc.tuple(fc.array(line, { maxLength: 4 }), fc.constantFrom('event', 'page', 'first-only', 'empty-arn', 'spaced', 'next-iterator', 'next-first', 'next-null', 'other-member'));
    await fc.assert(
      fc.asyncProperty(fc.array(page, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), async (pages, cuts) => {
        const docs = pages.map(([lines, form]) => {
          const records = lines.map((l, i) =>
            form === 'event' || form === 'spaced' || (form === 'first-only' && i === 0) ? withArn(text(l)) : form === 'empty-arn' ? withArn(text(l), '') : text(l),
          );
          if (form === 'spaced') return `{ "Records" : [ ${records.join(' ,\n ')} ] }`;
          const iterator = '"arn:aws:dynamodb:us-east-1:1:table/T/stream/s|1|AAA"';
          if (form === 'next-iterator') return `{"Records":[${records.map((r, i) => (i % 2 === 0 ? withArn(r) : r)).join(',')}],"NextShardIterator":${iterator}}`;
          if (form === 'next-first') return `{"NextShardIterator": ${iterator}, "Records": [${records.join(',')}]}`;
          if (form === 'next-null') return `{"Records":[${records.join(',')}],"NextShardIterator":null}`;
          if (form === 'other-member') return `{"Records":[${records.join(',')}],"shardId":"shardId-1"}`;
          return `{"Records":[${records.join(',')}]}`;
        });
        const all = docs.join('\n') + '\n';
        const options = { total: all.length };
        const scanned = plain(await importPieces(piecesOf(all, cuts), options));
        const parsed = plain(await importPieces(piecesOf(all, cuts), { ...options, withoutScanner: true }));
        expect(JSON.stringify(scanned)).toBe(JSON.stringify(parsed));
        const fromBytes = plain(await importPieces(bytePiecesOf(all, cuts), options));
        expect(JSON.stringify(fromBytes)).toBe(JSON.stringify(scanned));
      }),
      { numRuns: 200 },
    );
  });

  it('reads a Lambda event or a GetRecords page of plain records whole, and leaves any other to JSON.parse', () => {
    const scanner = new RecordScanner(new ItemTexts());
    const record = (seq: number) => text({ id: seq, key: seq % 3, seq, event: 'INSERT', oldV: 0, newV: 0, second: 0, view: 'NEW_AND_OLD_IMAGES', quirk: 'plain' });
    const event = `{"Records":[${withArn(record(1))},${withArn(record(2), 'arn:other')}]}`;
    const read = scanner.read(enc(` ${event}`), 1);
    expect(read).toBeInstanceOf(ScannedPage);
    const p = read as ScannedPage;
    expect([p.kind, p.eventSourceARN, p.records.length]).toEqual(['lambda-event', ARN, 2]);
    expect(p.records.map((r) => r.record.eventID)).toEqual(['event-1-0123456789abcdef', 'event-2-0123456789abcdef']);
    expect(scanner.end).toBe(event.length + 1);
    const page = scanner.read(enc(`{"Records":[${record(3)}]}`), 0) as ScannedPage;
    expect([page.kind, page.eventSourceARN, page.nextShardIterator, page.records.length]).toEqual(['get-records', undefined, undefined, 1]);
    // A GetRecords page with its next iterator (before or after the records; null at a closed shard's end).
    for (const [json, next] of [[`{"Records":[${withArn(record(3))},${record(4)}],"NextShardIterator":"it"}`, 'it'], [`{ "NextShardIterator" : null , "Records" : [ ${record(3)} ] }`, null]] as const) {
      const read = scanner.read(enc(json), 0) as ScannedPage;
      expect([read.kind, read.eventSourceARN, read.nextShardIterator]).toEqual(['get-records', undefined, next]);
    }
    for (const other of [
      '{"Records":[]}',
      `{"Records":[${withArn(record(4))},${record(5)}]}`,
      `{"Records":[${withArn(record(4), '')}]}`,
      `{"Records":[${record(4)}],"NextShardIterator":1}`,
      `{"Records":[${record(4)}],"Records":[${record(5)}]}`,
      `{"Records":[],"NextShardIterator":"it"}`,
      `{"NextShardIterator":"it"}`,
      `{"Records":[${record(4)},]}`,
      `{"Records":[${record(4)}]`,
      `{"Records":[${record(4).replace('"SizeBytes":40', '"SizeBytes":0')}]}`,
    ]) {
      expect(scanner.read(enc(other), 0), other.slice(0, 40)).toBeUndefined();
    }
  });

  it('keeps the first record\'s images while it waits for the second document, across pieces', async () => {
    const l = (seq: number, event: Line['event'], oldV: number, newV: number) => text({ id: seq, key: 1, seq, event, oldV, newV, second: 0, view: 'NEW_AND_OLD_IMAGES', quirk: 'plain' });
    // The first piece holds one whole record (the importer holds it until the second document): a
    // MODIFY, whose OldImage is spelt into the stage on the skeleton its NewImage was checked on; the
    // next pieces' images are staged while it waits.
    const lines = [l(1, 'MODIFY', 0, 1), l(2, 'MODIFY', 1, 2), l(3, 'MODIFY', 2, 3), l(4, 'MODIFY', 3, 0)];
    const pieces = [`${lines[0]}\n`, `${lines[1]}\n${lines[2]}\n`, `${lines[3]}\n`];
    const all = pieces.join('');
    const cuts = [pieces[0]!.length, pieces[0]!.length + pieces[1]!.length];
    const scanned = plain(await importPieces(piecesOf(all, cuts), { total: all.length }));
    const parsed = plain(await importPieces(piecesOf(all, cuts), { total: all.length, withoutScanner: true }));
    expect(JSON.stringify(scanned)).toBe(JSON.stringify(parsed));
  });

  it('reads a plain record itself, and leaves an unusual one to JSON.parse', () => {
    const items = new ItemTexts();
    const scanner = new RecordScanner(items);
    const plain = text({ id: 1, key: 2, seq: 3, event: 'MODIFY', oldV: 0, newV: 1, second: 0, view: 'NEW_AND_OLD_IMAGES', quirk: 'plain' });
    const read = readOne(scanner, enc(` ${plain}\n`), 1);
    expect(read && withImages(read, items)).toEqual({ ...(JSON.parse(plain) as object), eventSource: 'aws:dynamodb' });
    expect(scanner.end).toBe(plain.length + 1);
    // Not all of it is here yet: the reader waits for the next piece.
    expect(readOne(scanner, enc(plain.slice(0, -1)), 0)).toBeUndefined();
    // A TTL deletion's userIdentity, as a Lambda event and as GetRecords spell it: kept as GetRecords does.
    for (const quirk of ['identity', 'identity-getrecords'] as const) {
      const json = text({ id: 1, key: 2, seq: 3, event: 'REMOVE', oldV: 0, newV: 1, second: 0, view: 'NEW_AND_OLD_IMAGES', quirk });
      expect(readOne(scanner, enc(json), 0)?.record.userIdentity, quirk).toEqual({ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
    }
    for (const quirk of ['identity-extra', 'identity-number', 'text-time', 'twice', 'extra-field', 'syntax', 'millis-time', 'getitem'] as const) {
      expect(readOne(scanner, enc(text({ id: 1, key: 2, seq: 3, event: 'MODIFY', oldV: 0, newV: 1, second: 0, view: 'NEW_AND_OLD_IMAGES', quirk })), 0), quirk).toBeUndefined();
    }
  });

  it('hands over the images as the file spells them, and one Keys object per spelling', () => {
    const items = new ItemTexts();
    const scanner = new RecordScanner(items);
    const line = (seq: number, event: Line['event'], oldV: number, newV: number) => text({ id: seq, key: 4, seq, event, oldV, newV, second: 0, view: 'NEW_AND_OLD_IMAGES', quirk: 'plain' });
    const imageText = (l: string, name: string) => JSON.stringify((JSON.parse(l) as { dynamodb: Record<string, unknown> }).dynamodb[name]);
    const firstLine = line(1, 'INSERT', 0, 0);
    const first = readOne(scanner, enc(firstLine), 0)!;
    expect(items.spellingOf(first.newImage!)).toBe(items.spell(imageText(firstLine, 'NewImage')));
    expect(first.oldImage).toBeUndefined();
    const secondLine = line(2, 'MODIFY', 0, 1);
    const second = readOne(scanner, enc(secondLine), 0)!;
    // The second image on the first's skeleton is read straight into bytes: the same spelling.
    expect(typeof second.oldImage).toBe('number');
    expect(items.same(second.oldImage!, first.newImage!)).toBe(true);
    expect(items.spellingOf(second.newImage!)).toBe(items.spell(imageText(secondLine, 'NewImage')));
    expect(items.item(items.add(second.newImage!))).toEqual(JSON.parse(imageText(secondLine, 'NewImage')));
    expect(second.record.dynamodb.Keys).toBe(first.record.dynamodb.Keys);
    expect(second.record.dynamodb).not.toHaveProperty('NewImage');
    // An image that is not an item is not the scanner's business, even after a valid one of the same key.
    const bad = secondLine.replace('"NewImage":{', '"NewImage":{"x":{"Q":"1"},');
    expect(readOne(scanner, enc(bad.replace('"SequenceNumber":"', '"SequenceNumber":"9')), 0)).toBeUndefined();
    // Nor is an image on a known skeleton whose number is not one, or whose text has a raw control character.
    expect(readOne(scanner, enc(secondLine.replace('{"N":"1"}', '{"N":"1x"}')), 0)).toBeUndefined();
    expect(readOne(scanner, enc(secondLine.replace('"version 1"', '"version\t1"')), 0)).toBeUndefined();
    expect(readOne(scanner, enc(secondLine.replace('"version 1"', '"version\\x1"')), 0)).toBeUndefined();
    expect(readOne(scanner, enc(secondLine.replace('"version 1"', '"version\\u00e91"')), 0)).toBeDefined();
  });

  it('finds a Keys spelling again by its bytes, an invalid UTF-8 byte in it too', () => {
    const items = new ItemTexts();
    const scanner = new RecordScanner(items);
    // A lone continuation byte (0x80) in the key: decoded as U+FFFD, one character for one byte.
    const bytesOf = (seq: number) => {
      const b = enc(text({ id: seq, key: 7, seq, event: 'MODIFY', oldV: 0, newV: 1, second: 0, view: 'KEYS_ONLY', quirk: 'plain' }).replace(/"k7"/g, '"k7~"'));
      b[b.indexOf(0x7e)] = 0x80;
      return b;
    };
    const first = readOne(scanner, bytesOf(1), 0)!;
    const second = readOne(scanner, bytesOf(2), 0)!;
    expect(first.record.dynamodb.Keys).toEqual({ pk: { S: 'k7\ufffd' } });
    expect(second.key).toBe(first.key);
    expect(second.record.dynamodb.Keys).toBe(first.record.dynamodb.Keys);
  });
});
