// An imported run placed from the import's columns (./importPlacing.ts) must be the run its facts
// make (`Builder.add` and `ImportHasher.update` of each fact, as placing was before): the same import
// hash and the same index (its records' lanes, keys, sequence numbers and their lookups, marks,
// times), for random imports: JSON Lines of bare records and Lambda events naming their shard,
// AWS-like 32-hex-digit eventIDs or short ones, sequence numbers of AWS's length (21 to 40 digits)
// growing, repeated or falling on a lane, duplicates, removals by TTL, records of one second.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importPieces } from '../bridge/import/readStream.ts';
import { importedTrace } from '../bridge/import/trace.ts';
import { parseStreamInput } from '../bridge/import/parse.ts';
import { analyseStream } from '../bridge/import/analyse.ts';
import type { ImportedStream, ImportedStreamView } from '../bridge/types.ts';
import { piecesOf } from './importFile.ts';
import { ImportHasher } from './importHash.ts';
import { Builder } from './indexBuilder.ts';
import { ImportPlacing } from './importPlacing.ts';
import { indexTrace } from './runIndex.ts';
import { comparableIndex } from './testing/comparableIndex.ts';
import { importedRun } from './bridgeRuns.ts';
import * as bridge from './bridgeImport.ts';

const hex = (n: number) => fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: n, maxLength: n }).map((d) => d.join(''));

const record = fc.record({
  k: fc.integer({ min: 0, max: 6 }),
  name: fc.constantFrom('INSERT', 'MODIFY', 'REMOVE'),
  second: fc.integer({ min: 0, max: 5 }),
  // Mostly growing on its lane; sometimes the same again or lower (out of order).
  step: fc.oneof({ weight: 8, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 6n }) }, { weight: 1, arbitrary: fc.bigInt({ min: -50n, max: 0n }) }, { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 25n }) }),
  id: fc.oneof(hex(32), hex(9).map((h) => `e${h}`), fc.constantFrom('Upper-CASE-1', 'x')),
  dup: fc.boolean(),
  ttl: fc.boolean(),
});

const pages = fc.array(
  fc.record({
    shard: fc.constantFrom('', 'shardId-00000001700000000000-aaaaaaaa', 'shardId-00000001700000000000-bbbbbbbb'),
    records: fc.array(record, { minLength: 1, maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 5 },
);

type Pages = typeof pages extends fc.Arbitrary<infer T> ? T : never;

/** A shard's sequence numbers start from a number of AWS's length (21 to 40 digits). */
const starts = fc.array(fc.integer({ min: 21, max: 40 }), { minLength: 3, maxLength: 3 }).map((lengths) => lengths.map((n) => 10n ** BigInt(n - 1) + 7n));

function text(docs: Pages, seqStarts: bigint[]): string {
  const at = new Map<string, bigint>();
  let n = 0;
  return docs
    .map(({ shard, records }) => {
      const out = records.flatMap((w) => {
        const lane = shard || 'bare';
        const seq = (at.get(lane) ?? seqStarts[['bare', 'shardId-00000001700000000000-aaaaaaaa'].indexOf(lane) + 1]!) + w.step;
        at.set(lane, seq < 1n ? 1n : seq);
        const keys = { pk: { S: `item-${w.k}` } };
        const image = (v: number) => ({ ...keys, v: { N: String(v) } });
        const ttl = w.ttl && w.name === 'REMOVE';
        const r = {
          eventID: `${w.id}${n++}`,
          eventName: w.name,
          eventVersion: '1.1',
          eventSource: 'aws:dynamodb',
          awsRegion: 'eu-west-1',
          eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/T/stream/2026-01-01T00:00:00.000',
          dynamodb: {
            ApproximateCreationDateTime: 1_700_000_000 + w.second,
            Keys: keys,
            ...(w.name !== 'REMOVE' ? { NewImage: image(n) } : {}),
            ...(w.name !== 'INSERT' ? { OldImage: image(n - 1) } : {}),
            SequenceNumber: String(at.get(lane)),
            SizeBytes: 40,
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
          ...(ttl ? { userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' } } : {}),
        };
        return w.dup ? [r, r] : [r];
      });
      // Bare records one a line (the scanner reads them), or a Lambda event naming its shard (JSON.parse and zod).
      return shard ? JSON.stringify({ Records: out, shardId: shard }) : out.map((r) => JSON.stringify(r)).join('\n');
    })
    .join('\n');
}

/** The hash and the index placed from the columns, and fact by fact (the oracle). */
function bothWays(stream: ImportedStream | ImportedStreamView, findings: Parameters<typeof importedTrace>[1]) {
  const { trace } = importedTrace(stream, findings);
  const columns = { hasher: new ImportHasher(), builder: new Builder() };
  const placing = new ImportPlacing(trace, columns.hasher, columns.builder);
  for (let f = 0; f < trace.length; f++) placing.place(f);
  const facts = { hasher: new ImportHasher(), builder: new Builder() };
  for (let f = 0; f < trace.length; f++) {
    const fact = trace.at(f)!;
    facts.hasher.update(fact);
    facts.builder.add(fact, f);
  }
  return {
    trace,
    columns: { hash: columns.hasher.digest(), index: indexTrace(trace, columns.builder, trace.length).index },
    facts: { hash: facts.hasher.digest(), index: indexTrace(trace, facts.builder, trace.length).index },
  };
}

describe('placing an import from its columns', () => {
  it('gives the hash and the index its facts give', async () => {
    await fc.assert(
      fc.asyncProperty(pages, starts, async (docs, seqStarts) => {
        const input = text(docs, seqStarts);
        const read = await importPieces(piecesOf(input, 512), { total: input.length });
        if (!read.ok) throw new Error(read.error.message);
        const { trace, columns, facts } = bothWays(read.stream, read.findings!);
        expect(columns.hash).toBe(facts.hash);
        expect(comparableIndex(columns.index)).toEqual(comparableIndex(facts.index));
        expect(columns.index.rec.n).toBe(read.stream.records.length);
        // The run the worker makes of it carries that hash.
        const run = importedRun(read.stream, 1, bridge, read.findings);
        expect(run.traceHash).toBe(facts.hash);
        expect(run.trace.length).toBe(trace.length);
        // Records kept as objects (pasted text) are placed through their facts: the same hash.
        const parsed = parseStreamInput(input);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const objects = bothWays(parsed.stream, analyseStream(parsed.stream));
        expect(objects.columns.hash).toBe(facts.hash);
        expect(comparableIndex(objects.columns.index)).toEqual(comparableIndex(facts.index));
      }),
      { numRuns: 120 },
    );
  });
});
