import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { holeyNumbers, valueList } from './valueList.ts';

// V8's own answer to "do these two lists share a hidden class?" (`%HaveSameMap`), for this test only.
setFlagsFromString('--allow-natives-syntax');
const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean;

describe('valueList', () => {
  it('has, empty, the hidden class a [] has once it holds an object (what optimized code expects)', () => {
    const filled: object[] = [];
    filled.push({});
    expect(sameHiddenClass(valueList<object>(), filled)).toBe(true);
    expect(sameHiddenClass([], filled)).toBe(false);
  });

  it('is an empty, ordinary list each time, never shared', () => {
    const a = valueList<object>();
    const b = valueList<object>();
    expect(a).toEqual([]);
    expect(a).not.toBe(b);
    a.push({});
    expect(b).toHaveLength(0);
  });
});

describe('holeyNumbers', () => {
  it('has the hidden class of a list of integers written past its end', () => {
    const written: number[] = [];
    written[3] = 1;
    expect(sameHiddenClass(holeyNumbers(), written)).toBe(true);
    const n = holeyNumbers();
    n[3] = 7;
    expect(n).toHaveLength(4);
    expect(n[1]).toBeUndefined();
  });
});
