import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonDocumentReader, MAX_JSON_DEPTH, readAllDocuments } from './jsonStream.ts';
import { importPieces } from './readStream.ts';
import { utf8Bytes } from './utf8.ts';

/**
 * Reads `text` cut at `cuts` (offsets), as a file read in slices would arrive; with `bytes`, its
 * UTF-8 bytes cut so (within a character too), each piece in one buffer overwritten once pushed.
 */
function inPieces(text: string, cuts: number[], maxChars?: number, bytes = false) {
  const input = bytes ? utf8Bytes(text) : text;
  const buffer = new Uint8Array(input.length);
  const reader = new JsonDocumentReader(maxChars);
  const docs: unknown[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).filter((c) => c > 0 && c < input.length).concat(input.length)) {
    if (typeof input !== 'string') buffer.set(input.subarray(from, cut));
    const r = reader.push(typeof input === 'string' ? input.slice(from, cut) : buffer.subarray(0, cut - from));
    buffer.fill(0x5b);
    from = cut;
    if (!Array.isArray(r)) return r;
    docs.push(...r);
  }
  const r = reader.end();
  if (!Array.isArray(r)) return r;
  if (reader.failure) return reader.failure;
  return { ok: true, docs: [...docs, ...r] };
}

const inBytePieces = (text: string, cuts: number[]) => inPieces(text, cuts, undefined, true);

const SAMPLES = [
  '{"a":"}{"} {"b":[1,2]}\n[3]',
  '{"Records":[{"eventID":"1"}]}\n{"Records":[]}\n',
  'START RequestId: 1 Version: $LATEST\n2024-01-01T00:00:00Z\tabc\tINFO\t{"Records":[{"x":"\\"}"}]}\nEND RequestId: 1\n',
  '{"a":1}\n{"b":2,\n"c":[1,2,}\n',
  '{"a":1}\n\n  {"b": tru}',
  '{"Records": [',
  '{ Records: [ { eventID: \'1\' } ] }',
  '{"a":1}\nhello world\n',
  `{"deep": ${'['.repeat(200)}${']'.repeat(200)}}`,
  '\uFEFF{"é":"ü\\u00e9"},{"n":[1e3,-2.5]}',
  '{"日本":"😀"}\n{"é": 😀}',
  '{"a":"é"}\n  é{"b":1}',
  '2024-01-01T00:00:00Z\tü\tINFO\t{"a":"日"}\n{"x":1,}',
];

describe('JsonDocumentReader: the same documents and errors however the input is cut', () => {
  it('matches reading the whole text at once, for every way of cutting the samples', () => {
    for (const text of SAMPLES) {
      const whole = readAllDocuments(text);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
          expect(inPieces(text, cuts)).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('reads UTF-8 bytes cut anywhere, within a character too, as it reads the text', () => {
    for (const text of SAMPLES) {
      const whole = readAllDocuments(text);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: utf8Bytes(text).length }), { maxLength: 8 }), (cuts) => {
          expect(inBytePieces(text, cuts)).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('names the column of an error in characters, after characters of several bytes', () => {
    // JSON.parse names the comma: the 12th character of its line, its 17th byte.
    const text = '{"a":"é日😀"}\n{"é日😀": 1,}';
    expect(inBytePieces(text, [3, 9, 17, 22])).toMatchObject({ ok: false, line: 2, column: 12 });
    expect(inBytePieces(text, [3, 9, 17, 22])).toEqual(readAllDocuments(text));
    expect(inBytePieces('\t{"a":1}é', [])).toMatchObject({ ok: false, line: 1, column: 9 });
    expect(inBytePieces('\t{"a":1}é', [])).toEqual(readAllDocuments('\t{"a":1}é'));
  });

  it('property: JSON Lines of any values cut anywhere give those values back', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.object(), fc.array(fc.jsonValue())), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), (values, cuts) => {
        const text = values.map((v) => JSON.stringify(v)).join('\n');
        const r = inPieces(text, cuts.map((c) => c % (text.length + 1)));
        expect(r).toEqual({ ok: true, docs: JSON.parse(JSON.stringify(values)) });
      }),
      { numRuns: 100 },
    );
  });

  it('names the line and column of an error in a later piece', () => {
    const text = '{"a":1}\n{"a":2}\n{"a":3,\n "b": nope}\n';
    const r = inPieces(text, [3, 9, 20]);
    expect(r).toMatchObject({ ok: false, line: 4, message: expect.stringMatching(/line 4, column \d+/) });
  });

  it('refuses a 5,000-deep array arriving in small pieces, at the level past the limit', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const r = inPieces(deep, Array.from({ length: 100 }, (_, i) => i * 97));
    expect(r).toMatchObject({ ok: false, line: 1, column: MAX_JSON_DEPTH + 1, message: expect.stringMatching(/nests deeper than 128 levels/) });
  });

  it('refuses one document longer than its limit with a message that says how to split the input', () => {
    const text = JSON.stringify({ Records: Array.from({ length: 200 }, (_, i) => ({ i })) });
    const r = inPieces(text, Array.from({ length: 40 }, (_, i) => i * 50), 1000);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/longer than .*JSON Lines/) });
  });
});

describe('importPieces: stream records read piece by piece', () => {
  async function* pieces(text: string, size: number) {
    for (let i = 0; i < text.length; i += size) yield { text: text.slice(i, i + size), size: Math.min(size, text.length - i) };
  }
  const record = (i: number) =>
    JSON.stringify({ eventID: `e${i}`, eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1', dynamodb: { ApproximateCreationDateTime: 1763978400 + i, Keys: { pk: { S: `k${i}` } }, NewImage: { pk: { S: `k${i}` } }, SequenceNumber: String(1000 + i), SizeBytes: 20, StreamViewType: 'NEW_AND_OLD_IMAGES' } });

  it('JSON Lines of bare records are one read (as an array of them would be), with progress per piece', async () => {
    const text = Array.from({ length: 50 }, (_, i) => record(i)).join('\n');
    const seen: number[] = [];
    const r = await importPieces(pieces(text, 333), { total: text.length, onProgress: (p) => seen.push(p.records) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.stream.records).toHaveLength(50);
    expect(r.stream.reads).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('stops at the first document that is not stream records, naming it, without reading on', async () => {
    const lines = [record(0), record(1), '{"Items":[{"pk":{"S":"a"}}],"Count":1}', record(3)];
    let pulled = 0;
    async function* counted() {
      for (const line of lines) {
        pulled++;
        yield { text: line + '\n', size: line.length + 1 };
      }
    }
    const r = await importPieces(counted(), { total: 0 });
    expect(r).toMatchObject({ ok: false, error: { reason: 'not-stream-records', details: [expect.stringMatching(/^document 3: This looks like a DynamoDB Scan/)] } });
    expect(pulled).toBe(3); // the fourth line is never read
  });

  it('stops past the most records the budget allows', async () => {
    const text = Array.from({ length: 30 }, (_, i) => record(i)).join('\n');
    const r = await importPieces(pieces(text, 100), { total: text.length, maxRecords: 10 });
    expect(r).toMatchObject({ ok: false, error: { reason: 'too-many-records' } });
  });
});
