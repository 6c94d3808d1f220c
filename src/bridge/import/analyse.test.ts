import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseStreamInput } from './parse.ts';
import { analyseStream, findingsSummary } from './analyse.ts';
import { importedTrace } from './trace.ts';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');
type Page = { Records: Array<{ eventID: string; eventName: string; dynamodb: Record<string, unknown> }>; NextShardIterator?: string | null };
const page = (): Page => JSON.parse(fixture('get-records-new-and-old.json')) as Page;

function analyse(input: unknown) {
  const r = parseStreamInput(typeof input === 'string' ? input : JSON.stringify(input));
  if (!r.ok) throw new Error(r.error.message);
  return analyseStream(r.stream);
}

describe('analyseStream', () => {
  it('finds nothing wrong in a clean page, a clean Lambda log, or DescribeStream with its pages', () => {
    expect(analyse(fixture('get-records-new-and-old.json'))).toEqual([]);
    expect(analyse(fixture('lambda-cloudwatch.txt'))).toEqual([]);
    expect(analyse(fixture('lambda-event.json'))).toEqual([]);
    expect(analyse(`${fixture('describe-stream.json')}${fixture('get-records-new-and-old.json')}`)).toEqual([]);
    expect(findingsSummary([])).toMatch(/no duplicates/);
  });

  it('finds a record read twice, naming it', () => {
    const f = analyse(fixture('get-records-with-duplicate.json'));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'duplicate', eventIDs: ['c91a5e3b7d2f4a6c8e0b1d3f5a7c9e12', 'c91a5e3b7d2f4a6c8e0b1d3f5a7c9e12'], records: [2, 3] });
    expect(f[0]!.message).toMatch(/appears twice: #3 and #4/);
    expect(findingsSummary(f)).toBe('1 duplicate');
  });

  it('finds a shared sequence number on different eventIDs', () => {
    const p = page();
    p.Records[1]!.dynamodb.SequenceNumber = p.Records[0]!.dynamodb.SequenceNumber;
    expect(analyse(p).map((x) => x.kind)).toEqual(['duplicate']);
  });

  it('finds reordered pairs within a read, each pair reported once though it breaks both rules', () => {
    const p = page();
    [p.Records[0], p.Records[2]] = [p.Records[2]!, p.Records[0]!]; // the MODIFY of acct-1 before both INSERTs
    const f = analyse(p);
    expect(f.map((x) => x.kind)).toEqual(['out-of-order', 'out-of-order']);
    expect(f[1]!.eventIDs).toEqual(['c91a5e3b7d2f4a6c8e0b1d3f5a7c9e12', '7f3c2a9e51d04b6f8a2e6c1d9b0f4e21']);
    expect(findingsSummary(f)).toBe('2 out-of-order pairs');
  });

  it('finds an item reordered across two reads of unknown shard (only the per-item rule applies there)', () => {
    const p = page();
    const second: Page = { Records: [p.Records[0]!], NextShardIterator: null };
    const first: Page = { Records: p.Records.slice(1), NextShardIterator: p.NextShardIterator };
    const f = analyse([first, second]);
    expect(f.map((x) => x.kind)).toEqual(['out-of-order']);
    expect(f[0]!.message).toMatch(/^For item acct-1/);
  });

  it('does not call a numeric distance between sequence numbers a gap', () => {
    const p = page();
    p.Records[3]!.dynamodb.SequenceNumber = '900000000000000000590';
    expect(analyse(p)).toEqual([]);
  });

  it('finds a missing change: the OldImage differs from the NewImage before it', () => {
    const p = page();
    (p.Records[2]!.dynamodb.OldImage as Record<string, unknown>).balance = { N: '15' };
    const f = analyse(p);
    expect(f.map((x) => x.kind)).toEqual(['gap']);
    expect(f[0]!.message).toMatch(/acct-1.*OldImage.*differs/);
  });

  it('compares images as DynamoDB does: attribute order and number spelling do not matter', () => {
    const p = page();
    p.Records[2]!.dynamodb.OldImage = { balance: { N: '10.0' }, account: { S: 'acct-1' } };
    expect(analyse(p)).toEqual([]);
  });

  it('finds a missing REMOVE (an INSERT of a key that exists) and a missing INSERT (a change after a REMOVE)', () => {
    const p = page();
    p.Records[2]!.eventName = 'INSERT';
    delete p.Records[2]!.dynamodb.OldImage;
    expect(analyse(p).map((x) => [x.kind, /REMOVE between/.test(x.message)])).toEqual([['gap', true]]);
    const q = page();
    q.Records.push({ ...q.Records[3]!, eventID: 'ffffffffffffffffffffffffffffffff', eventName: 'MODIFY', dynamodb: { ...q.Records[3]!.dynamodb, SequenceNumber: '100000000000000000700', NewImage: { account: { S: 'acct-2' } } } });
    expect(analyse(q).map((x) => [x.kind, /INSERT between/.test(x.message)])).toEqual([['gap', true]]);
  });

  it('finds a child shard read without its parent', () => {
    const desc = JSON.parse(fixture('describe-stream.json')) as unknown;
    const p = page();
    const child: Page = { Records: p.Records.slice(0, 1).map((r) => ({ ...r, dynamodb: { ...r.dynamodb, SequenceNumber: '2000000000000000000200' } })), NextShardIterator: p.NextShardIterator };
    const f = analyse([desc, child]);
    expect(f.map((x) => x.kind)).toEqual(['missing-parent']);
    expect(f[0]!.message).toMatch(/its parent shardId-00001763978400000-2bac9cd2/);
  });
});

describe('importedTrace', () => {
  it('lays records on lanes at their creation time, spreads one second\'s records, marks findings', () => {
    const r = parseStreamInput(fixture('get-records-with-duplicate.json'));
    if (!r.ok) throw new Error(r.error.message);
    const findings = analyseStream(r.stream);
    const t = importedTrace(r.stream, findings);
    expect(t.recordTimes).toEqual([0, 500, 3000, 3500, 7000]);
    const facts = [...t.trace];
    const types = facts.map((f) => f.type);
    expect(types.slice(0, 3)).toEqual(['table-created', 'stream-enabled', 'shard-opened']);
    expect(types.filter((x) => x === 'record-appended')).toHaveLength(5);
    expect(facts.find((f) => f.type === 'invariant-broken')).toMatchObject({ t: 3500, check: 'duplicate', consumer: 'findings' });
    for (let i = 1; i < facts.length; i++) expect(facts[i]!.t).toBeGreaterThanOrEqual(facts[i - 1]!.t);
    expect(t.durationMs).toBeGreaterThan(7000);
  });
});
