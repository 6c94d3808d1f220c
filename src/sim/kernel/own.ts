/**
 * Own-property tests on the write path (issue #16). `Object.hasOwn` is a builtin call that V8
 * (Node 20) does not inline: about 15 ns each, and a PutItem asked it a dozen times (the item's
 * names, each value's type, the key, the old item's names). `Object.prototype.hasOwnProperty.call`
 * gives the same answer for every object (both look at own properties only, by the same key), and
 * V8 inlines it: inside a for…in over the same object with its own key it folds to a map check.
 * Spelled out on each call, not read once into a module constant: TurboFan does not know what a
 * module constant holds, so `hop.call(o, key)` stayed a generic call of the builtin (a third of
 * the instructions of validating a scripted item); `Object.prototype.hasOwnProperty` it knows.
 *
 * May import: nothing.
 */

/** `Object.hasOwn(o, key)` for an object `o`. */
export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
