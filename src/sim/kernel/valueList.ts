/**
 * Empty lists that V8 keeps from the start as what they will hold (issue #16, session 29).
 *
 * `[]` starts as a list of small integers and changes kind (a new hidden class) at the first push of
 * anything else. The core's write path, optimized while one world's lists held objects and
 * strings, met each new world's lists still empty, of the first kind: at each first push or read
 * the optimized function was thrown away (10 to 13 deoptimizations in each new world: a
 * recompute, a fork, each round of the core's bench) and ran unoptimized until compiled again.
 * A list made here has, empty, the hidden class a `[]` has once it holds an object.
 *
 * May import: nothing.
 */

/** An empty list of objects, strings or `undefined` (anything but only small integers). */
export function valueList<T>(): T[] {
  const list: unknown[] = [undefined];
  list.length = 0;
  return list as T[];
}
