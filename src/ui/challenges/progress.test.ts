import { describe, expect, it } from 'vitest';
import { parseProgress, PROGRESS_KEY, readProgress, writeProgress } from './progress.ts';

describe('challenge progress in localStorage', () => {
  it('round-trips what it writes', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const progress = { 'ttl-archiver': { passed: true, hints: 2, attempt: { code: 'x' } }, 'kcl-failover': { passed: false, hints: 0, attempt: { settings: [{ p: 'a/b', v: 1 }] } } };
    writeProgress(progress, storage);
    expect(store.has(PROGRESS_KEY)).toBe(true);
    expect(readProgress(storage)).toEqual(progress);
  });

  it('drops what it cannot read, field by field, and never throws', () => {
    expect(parseProgress('{not json')).toEqual({});
    expect(parseProgress('[1,2]')).toEqual({});
    expect(parseProgress(JSON.stringify({ 'ok-id': { passed: 'yes', hints: -3, attempt: { code: 5 } }, 'Bad Id': { passed: true } }))).toEqual({ 'ok-id': { passed: false, hints: 0 } });
    expect(readProgress({ getItem: () => { throw new Error('blocked'); } })).toEqual({});
    expect(() => writeProgress({}, { setItem: () => { throw new Error('full'); } })).not.toThrow();
  });
});
