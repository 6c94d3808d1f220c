import { describe, expect, it } from 'vitest';
import { createRngStreams } from './kernel/rng.ts';
import { expectedCalls, generateTraffic, type GeneratedTraffic } from './workload.ts';

const traffic: GeneratedTraffic = {
  table: 'Votes',
  fromMs: 0,
  toMs: 600_000,
  ratePerSecond: 20,
  keys: { attribute: 'voterId', prefix: 'voter-', count: 1_000, hot: { count: 10, share: 0.5 } },
  mix: { put: 6, update: 3, delete: 1 },
  attributes: { candidate: ['Otter', 'Heron', 'Badger'] },
  putCondition: 'put-if-absent',
};

describe('generated traffic', () => {
  it('expands the same way for the same seed, and differently for another', () => {
    const a = generateTraffic(traffic, createRngStreams(1).workload);
    const b = generateTraffic(traffic, createRngStreams(1).workload);
    const c = generateTraffic(traffic, createRngStreams(2).workload);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('keeps the rate, the time bounds and time order', () => {
    const calls = generateTraffic(traffic, createRngStreams(3).workload);
    const expected = expectedCalls(traffic);
    expect(calls.length).toBeGreaterThan(expected * 0.9);
    expect(calls.length).toBeLessThan(expected * 1.1);
    expect(calls.every((c, i) => c.at >= traffic.fromMs && c.at <= traffic.toMs && (i === 0 || c.at > calls[i - 1]!.at))).toBe(true);
  });

  it('sends the hot share of writes to the hot keys and follows the operation mix', () => {
    const calls = generateTraffic(traffic, createRngStreams(4).workload);
    const keyOf = (c: (typeof calls)[number]) => ((c.input.Item ?? c.input.Key) as Record<string, { S: string }>).voterId!.S;
    const hot = calls.filter((c) => Number(keyOf(c).slice('voter-'.length)) <= 10).length / calls.length;
    // Half the writes go to the hot keys, plus the hot keys' share of the uniform half (1%).
    expect(hot).toBeGreaterThan(0.45);
    expect(hot).toBeLessThan(0.56);
    const share = (t: string) => calls.filter((c) => c.target.endsWith(t)).length / calls.length;
    expect(share('PutItem')).toBeCloseTo(0.6, 1);
    expect(share('UpdateItem')).toBeCloseTo(0.3, 1);
    expect(share('DeleteItem')).toBeCloseTo(0.1, 1);
    const put = calls.find((c) => c.target.endsWith('PutItem'))!;
    expect(put.input).toMatchObject({ ConditionExpression: 'attribute_not_exists(#k)', ExpressionAttributeNames: { '#k': 'voterId' } });
  });
});
