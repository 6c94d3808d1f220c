/**
 * A sandbox whose code is loaded when a run with the learner's code is first prepared: the browser
 * sandbox (./browserSandbox.ts, with what it reports and lays out) is a chunk of its own, so the
 * worker's own script, which every visit fetches and compiles before its first answer, does not
 * carry it (issue 16, load12). The core awaits `prepare()` before it loads any code (host.ts,
 * grade.ts), so `load` finds the real sandbox there.
 *
 * May import: sim/usercode types.
 */
import { UserCodeError, type UserCodeSandbox } from '../../sim/usercode/types.ts';

export function lazySandbox(loadSandbox: () => Promise<UserCodeSandbox>): UserCodeSandbox {
  let loading: Promise<UserCodeSandbox> | undefined;
  let inner: UserCodeSandbox | undefined;
  return {
    async prepare() {
      // A failed chunk load is tried again by the next run.
      const sandbox = (inner ??= await (loading ??= loadSandbox().catch((e: unknown) => {
        loading = undefined;
        throw e;
      })));
      await sandbox.prepare?.();
    },
    load(code, options) {
      if (!inner) throw new UserCodeError('unavailable', 'the sandbox is not loaded yet (prepare() was not awaited)');
      return inner.load(code, options);
    },
    cancel() {
      inner?.cancel?.();
    },
  };
}
