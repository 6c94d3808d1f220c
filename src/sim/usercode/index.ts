/**
 * The world's user-code sandbox: the worker host (or a test) injects one per run with
 * `useUserCodeSandbox`, consumers whose handler carries `code` load from it, and `disposeUserCode`
 * frees every runner when the run is computed. State in `moduleState(world, 'usercode')`.
 */
import type { World } from '../world.ts';
import { moduleState } from '../world.ts';
import { UserCodeError, type UserCodeLoadOptions, type UserCodeRunner, type UserCodeSandbox } from './types.ts';

export * from './types.ts';

interface UserCodeState {
  sandbox?: UserCodeSandbox;
  runners: UserCodeRunner[];
}

function state(world: World): UserCodeState {
  return moduleState(world, 'usercode', () => ({ runners: [] }));
}

/** Lets consumers with user code run in this world. */
export function useUserCodeSandbox(world: World, sandbox: UserCodeSandbox): void {
  state(world).sandbox = sandbox;
}

/** Loads one consumer's code; throws a UserCodeError (`syntax`, or `unavailable` without a sandbox). */
export function loadUserCode(world: World, code: string, options: UserCodeLoadOptions): UserCodeRunner {
  const st = state(world);
  if (!st.sandbox) throw new UserCodeError('unavailable', 'this simulation has no sandbox for user code (the browser app and the test helpers provide one)');
  const runner = st.sandbox.load(code, options);
  st.runners.push(runner);
  return runner;
}

/** Frees every runner of this world (their workers); the world must not invoke them afterwards. */
export function disposeUserCode(world: World): void {
  const st = state(world);
  for (const r of st.runners.splice(0)) r.dispose();
}
