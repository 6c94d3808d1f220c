/**
 * Generated traffic: a compact description (rate, key space with hot keys, operation mix, attribute
 * choices) expanded into scripted calls with a seeded PRNG stream, so a scenario or a link can ask
 * for thousands of writes in a few bytes and every browser expands it to the same calls.
 *
 * Inter-arrival times are uniform around the mean (integer maths only: no Math.log for an
 * exponential), which keeps the rate and the burstiness a learner sees without engine-dependent
 * floating point.
 */
import type { Rng } from './kernel/rng.ts';

export interface GeneratedTraffic {
  /** The table written to; its partition key attribute is `keys.attribute` (a String key). */
  table: string;
  fromMs: number;
  toMs: number;
  /** Mean writes per second. */
  ratePerSecond: number;
  keys: {
    attribute: string;
    /** Keys are `${prefix}${n}` for n in [1, count]. */
    prefix: string;
    count: number;
    /** The first `count` keys take `share` (0..1) of the writes. */
    hot?: { count: number; share: number };
  };
  /** Relative weights of each operation. */
  mix: { put?: number; update?: number; delete?: number };
  /** String attributes and the values they are drawn from, e.g. { candidate: ['Otter', 'Heron'] }. */
  attributes: Record<string, string[]>;
  /** `put-if-absent` makes puts conditional on attribute_not_exists(key) (the voting app's rule). */
  putCondition?: 'none' | 'put-if-absent';
}

export interface GeneratedCall {
  at: number;
  target: string;
  input: Record<string, unknown>;
}

const DDB = 'DynamoDB_20120810.';

/** How many calls the spec asks for, on average (for limits before expanding). */
export function expectedCalls(t: GeneratedTraffic): number {
  return Math.ceil(((t.toMs - t.fromMs) / 1000) * t.ratePerSecond);
}

function pickKey(t: GeneratedTraffic, rng: Rng): string {
  const hot = t.keys.hot;
  const hotCount = hot ? Math.min(hot.count, t.keys.count) : 0;
  const useHot = hot !== undefined && hotCount > 0 && rng.int(0, 9_999) < Math.round(hot.share * 10_000);
  const n = useHot ? rng.int(1, hotCount) : rng.int(1, t.keys.count);
  return `${t.keys.prefix}${n}`;
}

function pickOperation(t: GeneratedTraffic, rng: Rng): 'put' | 'update' | 'delete' {
  const w = { put: t.mix.put ?? 0, update: t.mix.update ?? 0, delete: t.mix.delete ?? 0 };
  const scale = (x: number) => Math.max(0, Math.round(x * 1_000));
  const total = scale(w.put) + scale(w.update) + scale(w.delete);
  if (total === 0) return 'put';
  const r = rng.int(0, total - 1);
  if (r < scale(w.put)) return 'put';
  return r < scale(w.put) + scale(w.update) ? 'update' : 'delete';
}

function attributeValues(t: GeneratedTraffic, rng: Rng): Record<string, { S: string }> {
  const out: Record<string, { S: string }> = {};
  for (const name of Object.keys(t.attributes).sort()) {
    const choices = t.attributes[name]!;
    if (choices.length > 0) out[name] = { S: choices[rng.int(0, choices.length - 1)]! };
  }
  return out;
}

function call(t: GeneratedTraffic, at: number, rng: Rng): GeneratedCall {
  const key = { [t.keys.attribute]: { S: pickKey(t, rng) } };
  const op = pickOperation(t, rng);
  if (op === 'delete') return { at, target: `${DDB}DeleteItem`, input: { TableName: t.table, Key: key } };
  const values = attributeValues(t, rng);
  if (op === 'update' && Object.keys(values).length > 0) {
    const names = Object.keys(values);
    return {
      at,
      target: `${DDB}UpdateItem`,
      input: {
        TableName: t.table,
        Key: key,
        UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
        ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, values[n]!])),
      },
    };
  }
  return {
    at,
    target: `${DDB}PutItem`,
    input: {
      TableName: t.table,
      Item: { ...key, ...values },
      ...(t.putCondition === 'put-if-absent' ? { ConditionExpression: 'attribute_not_exists(#k)', ExpressionAttributeNames: { '#k': t.keys.attribute } } : {}),
    },
  };
}

/** Expands a traffic description into calls in time order, drawing from `rng` (the world's workload stream). */
export function generateTraffic(t: GeneratedTraffic, rng: Rng): GeneratedCall[] {
  const calls: GeneratedCall[] = [];
  const meanMs = Math.max(1, Math.round(1_000 / t.ratePerSecond));
  let at = t.fromMs + rng.int(0, meanMs);
  while (at <= t.toMs) {
    calls.push(call(t, at, rng));
    at += rng.int(Math.max(1, Math.round(meanMs / 2)), Math.round((meanMs * 3) / 2));
  }
  return calls;
}
