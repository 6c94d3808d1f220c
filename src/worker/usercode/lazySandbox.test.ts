import { describe, expect, it } from 'vitest';
import type { UserCodeLoadOptions, UserCodeRunner, UserCodeSandbox } from '../../sim/usercode/types.ts';
import { lazySandbox } from './lazySandbox.ts';

const options: UserCodeLoadOptions = { consumerId: 'c', seed: 1, env: {} };

function fakeSandbox(log: string[]): UserCodeSandbox {
  const runner: UserCodeRunner = { invoke: () => Promise.resolve('ok'), dispose: () => undefined };
  return {
    prepare: () => (log.push('prepare'), Promise.resolve()),
    load: (code) => (log.push(`load ${code}`), runner),
    cancel: () => void log.push('cancel'),
  };
}

describe('lazySandbox', () => {
  it('loads the sandbox on the first prepare only, and then hands every call to it', async () => {
    const log: string[] = [];
    let loads = 0;
    const sandbox = lazySandbox(() => (loads++, Promise.resolve(fakeSandbox(log))));
    expect(loads).toBe(0);
    sandbox.cancel?.(); // nothing loaded: nothing to stop
    await sandbox.prepare?.();
    await sandbox.prepare?.();
    expect(loads).toBe(1);
    sandbox.load('x', options);
    sandbox.cancel?.();
    expect(log).toEqual(['prepare', 'prepare', 'load x', 'cancel']);
  });

  it('refuses code before it was prepared, as the browser sandbox does', () => {
    const sandbox = lazySandbox(() => Promise.resolve(fakeSandbox([])));
    expect(() => sandbox.load('x', options)).toThrow(expect.objectContaining({ kind: 'unavailable' }));
  });

  it('tries the chunk again after a failed load', async () => {
    let tries = 0;
    const sandbox = lazySandbox(() => (++tries === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(fakeSandbox([]))));
    await expect(sandbox.prepare?.()).rejects.toThrow('offline');
    await sandbox.prepare?.();
    expect(tries).toBe(2);
    expect(() => sandbox.load('x', options)).not.toThrow();
  });
});
