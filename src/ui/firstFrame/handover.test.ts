import { describe, expect, it } from 'vitest';
import { isDefaultStart } from './handover.ts';

describe('isDefaultStart', () => {
  it('is the bare page or a link naming only the default scenario', () => {
    expect(isDefaultStart('', '', 'voting-booth')).toBe(true);
    expect(isDefaultStart('?scenario=voting-booth', '#', 'voting-booth')).toBe(true);
  });
  it('is not a share link, another scenario, a mode or a compare view', () => {
    expect(isDefaultStart('', '#s=1.abc', 'voting-booth')).toBe(false);
    expect(isDefaultStart('?scenario=shard-lineage', '', 'voting-booth')).toBe(false);
    expect(isDefaultStart('?presenter=1', '', 'voting-booth')).toBe(false);
    expect(isDefaultStart('?compare=voting', '', 'voting-booth')).toBe(false);
  });
});
