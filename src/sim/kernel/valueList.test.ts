import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { valueList } from './valueList.ts';

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
