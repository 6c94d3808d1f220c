/**
 * The AttributeValue types of DynamoDB's typed JSON (reference §2.4).
 *
 * Values are stored exactly as they travel on the wire: numbers as canonical decimal strings, binary
 * as base64 strings. Items are treated as immutable: every write builds a new object, so the trace
 * and the stream may keep references to them safely.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };

/** One-letter (or two) type descriptor of an AttributeValue. */
export type AttributeType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

/** A whole item (or a key): attribute name → value. */
export type Item = Record<string, AttributeValue>;
