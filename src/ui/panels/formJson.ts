/**
 * The Table form's plain JSON: parsing a field into an object, with a message naming the field,
 * and turning plain values into DynamoDB attribute values. Pure.
 */
import type { AttributeValue } from '../../sim/index.ts';

/** Plain JSON → a DynamoDB attribute value: strings S, numbers N, booleans BOOL, null NULL, lists L, objects M. */
export function toAttributeValue(v: unknown): AttributeValue {
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (v === null) return { NULL: true };
  if (Array.isArray(v)) return { L: v.map(toAttributeValue) };
  if (typeof v === 'object') return { M: toItem(v as Record<string, unknown>) };
  throw new Error(`cannot store ${typeof v} in DynamoDB`);
}

export function toItem(o: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toAttributeValue(v)]));
}

export function parseObject(text: string, field: string): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, message: `${field}: must be a JSON object like {"name": "value"}` };
    return { ok: true, value: v as Record<string, unknown> };
  } catch (e) {
    return { ok: false, message: `${field}: not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
}
