import { describe, expect, it } from 'vitest';
import { createWorld } from '../world.ts';
import { resolveOptions } from '../options.ts';
import { dispatch } from './dispatch.ts';
import { AwsError } from './errors.ts';

describe('dispatch', () => {
  it('refuses unknown targets as AWS does, including names every object inherits', () => {
    const world = createWorld(resolveOptions({ seed: 1 }));
    for (const target of ['DynamoDB_20120810.ExecuteStatement', 'toString', 'constructor', '__proto__']) {
      try {
        dispatch(world, target, {});
        expect.unreachable(`${target} was dispatched`);
      } catch (e) {
        expect(e).toBeInstanceOf(AwsError);
        expect((e as AwsError).code).toBe('UnknownOperationException');
      }
    }
  });
});
