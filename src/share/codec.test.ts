import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'fflate';
import { decodeLink, encodeLink, inflateLimited, MAX_INFLATED_BYTES, MAX_LINK_CHARS } from './codec.ts';
import type { LinkPayload } from './schema.ts';

const sample: LinkPayload = {
  v: 1,
  scenario: { id: 'voting-booth' },
  seed: 7,
  interventions: [
    { at: 30_000, kind: 'crash', target: 'counter/worker-1', params: { when: 'before-checkpoint' } },
    { at: 45_000, kind: 'restart', target: 'counter/worker-1' },
  ],
  at: 41_250,
  view: { speed: 5 },
};

const interventionArb = fc.record(
  {
    at: fc.integer({ min: 0, max: 100_000_000 }),
    kind: fc.constantFrom('crash', 'restart', 'redeliver-batch', 'poison-record', 'split-shard', 'lose-lease' as const),
    target: fc.string({ minLength: 1, maxLength: 40 }),
    // `__proto__` is dropped on decode on purpose (its own test below), so it cannot round-trip.
    params: fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => k !== '__proto__'), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()), { maxKeys: 3 }),
  },
  { requiredKeys: ['at', 'kind', 'target'] },
);

const payloadArb: fc.Arbitrary<LinkPayload> = fc.record(
  {
    v: fc.constant(1 as const),
    scenario: fc.record({ id: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    interventions: fc.array(interventionArb, { maxLength: 8 }),
    at: fc.integer({ min: 0, max: 1e9 }),
    view: fc.record({ speed: fc.constantFrom(0.25, 1, 5, 100, 10_000) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['v', 'scenario'] },
);

describe('share links', () => {
  it('round-trips a payload through the fragment', () => {
    const link = encodeLink(sample);
    expect(link).toMatch(/^s=1\.[A-Za-z0-9_-]+$/);
    expect(decodeLink('#' + link)).toEqual({ ok: true, payload: sample });
  });

  it('decode(encode(p)) equals p for random valid payloads', () => {
    fc.assert(
      fc.property(payloadArb, (p) => {
        const r = decodeLink(encodeLink(p));
        expect(r).toEqual({ ok: true, payload: p });
      }),
    );
  });

  it('drops a `__proto__` parameter instead of letting it reach any prototype', () => {
    const params: Record<string, unknown> = { when: 'before-checkpoint' };
    Object.defineProperty(params, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    const payload = { ...sample, interventions: [{ at: 0, kind: 'crash' as const, target: 'counter/worker-1', params }] };
    const r = decodeLink(encodeLink(payload as LinkPayload));
    expect(r.ok).toBe(true);
    const decoded = r.ok ? r.payload.interventions?.[0]?.params : undefined;
    expect(decoded).toEqual({ when: 'before-checkpoint' });
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on random or mutated input, and names the failure', () => {
    const good = encodeLink(sample);
    const mutated = fc.tuple(fc.nat(good.length - 1), fc.constantFrom(...'AZaz09-_=+/.%'.split(''))).map(([i, c]) => good.slice(0, i) + c + good.slice(i + 1));
    const truncated = fc.nat(good.length).map((n) => good.slice(0, n));
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutated, truncated, fc.string().map((s) => 's=1.' + s)), (input) => {
        const r = decodeLink(input);
        if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
      }),
    );
  });

  it('names each kind of bad link', () => {
    expect(decodeLink('#hello')).toMatchObject({ ok: false, reason: 'not-a-link' });
    expect(decodeLink('#s=99.abc')).toMatchObject({ ok: false, reason: 'too-new' });
    expect(decodeLink('#s=1.!!!')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(decodeLink('#' + encodeLink(sample).slice(0, 20))).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(decodeLink('#s=1.' + 'A'.repeat(MAX_LINK_CHARS))).toMatchObject({ ok: false, reason: 'too-long' });
    expect(decodeLink('#s=0.abc')).toMatchObject({ ok: false });
  });

  it('calls a link of any higher version too new, however many digits (issue 21.8)', () => {
    expect(decodeLink('#s=99999.')).toMatchObject({ ok: false, reason: 'too-new' });
    expect(decodeLink('#s=123456789012345678901234567890.abc')).toMatchObject({ ok: false, reason: 'too-new' });
  });

  it('checks the inflate cap while inflating: an 8 MB bomb is refused after little more than the cap (issue 21.8)', () => {
    const bomb = deflateSync(new Uint8Array(8_000_000), { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    let produced = 0;
    let largest = 0;
    expect(inflateLimited(bomb, MAX_INFLATED_BYTES, (n) => ((produced += n), (largest = Math.max(largest, n))))).toBe('too-big');
    expect(produced).toBeLessThan(MAX_INFLATED_BYTES + 300_000);
    expect(largest).toBeLessThan(300_000);
    // Small data inflates whole, in one slice or many.
    expect(inflateLimited(deflateSync(new Uint8Array(0)), 10)).toEqual(new Uint8Array(0));
    expect(inflateLimited(deflateSync(new Uint8Array(5_000).fill(7)), 10_000)).toEqual(new Uint8Array(5_000).fill(7));
  });

  it('refuses a valid-looking but absurd payload with the field named', () => {
    // Written by hand: encodeLink itself refuses to write a negative time.
    const bad = { v: 1, scenario: { id: 'voting-booth' }, interventions: [{ at: -5, kind: 'crash', target: 'x' }] };
    const link = 's=1.' + Buffer.from(deflateSync(Buffer.from(JSON.stringify(bad)))).toString('base64url');
    const decoded = decodeLink(link);
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid' });
    if (!decoded.ok) expect(decoded.details?.join('\n')).toContain('interventions.0.at');
  });

  it('refuses a decompression bomb', () => {
    const big = JSON.stringify({ v: 1, scenario: { id: 'x'.repeat(3_000_000) } });
    const link = 's=1.' + Buffer.from(deflateSync(Buffer.from(big))).toString('base64url');
    expect(link.length).toBeLessThan(MAX_LINK_CHARS);
    expect(decodeLink(link)).toMatchObject({ ok: false, reason: 'too-long' });
  });

  it('opens the fixture link of every released version', () => {
    const lines = readFileSync(new URL('./__fixtures__/links-v1.txt', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(decodeLink(line)).toMatchObject({ ok: true });
  });
});
