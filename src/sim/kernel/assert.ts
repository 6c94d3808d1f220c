/**
 * Assertions for invariants the core relies on. A failed assertion is a bug in the simulation,
 * never a user error: user errors are AwsErrors.
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Streamscope invariant broken: ${message}`);
}

export function unreachable(value: never, what = 'value'): never {
  throw new Error(`Streamscope: unexpected ${what}: ${JSON.stringify(value)}`);
}
