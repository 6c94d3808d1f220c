import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasOwn } from './own.ts';

describe('hasOwn', () => {
  it('answers as Object.hasOwn for own, inherited, absent and odd names', () => {
    const names = fc.constantFrom('S', 'N', 'M', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a', '');
    fc.assert(
      fc.property(fc.dictionary(names, fc.integer()), fc.dictionary(names, fc.integer()), names, fc.boolean(), (own, inherited, name, nullProto) => {
        const proto = nullProto ? Object.assign(Object.create(null) as object, inherited) : Object.assign({}, inherited);
        const o = Object.create(proto) as Record<string, number>;
        for (const [k, v] of Object.entries(own)) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        expect(hasOwn(o, name)).toBe(Object.hasOwn(o, name));
      }),
    );
  });

  it('sees an own property even when it shadows nothing or is not enumerable', () => {
    const o = {};
    Object.defineProperty(o, 'S', { value: 'x', enumerable: false });
    expect(hasOwn(o, 'S')).toBe(true);
    expect(hasOwn({}, 'toString')).toBe(false);
    expect(hasOwn(JSON.parse('{"__proto__": {"S": "x"}}') as object, '__proto__')).toBe(true);
  });
});
