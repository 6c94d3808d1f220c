import { describe, expect, it } from 'vitest';
import { verdictOf } from './verdicts.ts';

const t = (ms: number) => `${ms / 1000} s`;

describe('verdict lines', () => {
  it('a naive counter with a harmful duplicate is not told that exactly-once holds', () => {
    const v = verdictOf('exactly-once', { waiting: false, idempotency: 'none', harmfulDuplicates: 1 }, t);
    expect(v.kind).toBe('not-claimed');
    expect(v.text).not.toMatch(/holds/);
    expect(v.text).toContain('1 redelivered record changed the result again');
  });
  it('a naive handler whose run had no harmful duplicate (at-most-once) keeps the check\'s own verdict', () => {
    expect(verdictOf('exactly-once', { waiting: false, idempotency: 'none', harmfulDuplicates: 0 }, t)).toEqual({ kind: 'holds', mark: '✓', text: 'holds' });
  });
  it('an idempotent handler is judged: holds, or broken with its time', () => {
    expect(verdictOf('exactly-once', { waiting: false, idempotency: 'event-id', harmfulDuplicates: 0 }, t)).toEqual({ kind: 'holds', mark: '✓', text: 'holds' });
    expect(verdictOf('exactly-once', { brokenAtMs: 2000, waiting: false, idempotency: 'event-id', harmfulDuplicates: 1 }, t).text).toBe('broken at 2 s');
  });
  it('other checks hold, break or wait for the end whatever the handler', () => {
    expect(verdictOf('per-item-order', { waiting: false, idempotency: 'none', harmfulDuplicates: 3 }, t).kind).toBe('holds');
    expect(verdictOf('target-matches-source', { waiting: true, idempotency: 'none', harmfulDuplicates: 0 }, t).kind).toBe('waiting');
    expect(verdictOf('target-matches-records', { brokenAtMs: 5000, waiting: false, idempotency: 'none', harmfulDuplicates: 1 }, t).kind).toBe('broken');
  });
});
