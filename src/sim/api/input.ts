/**
 * Reading request bodies: each helper checks one parameter's type and answers AWS's
 * ValidationException wording when it is missing or malformed. Pure; touches nothing else.
 */
import { AwsError, validationError } from './errors.ts';

/**
 * A JSON member of the wrong type is refused by the service's deserialiser before any validation,
 * as a SerializationException worded as AWS's (Coral's) JSON reader words it.
 */
export function serializationError(value: unknown, expected: 'String' | 'Integer' | 'Boolean' | 'structure'): AwsError {
  const found =
    Array.isArray(value) ? 'Start of list found where not expected'
    : typeof value === 'object' && value !== null ? 'Start of structure or map found where not expected.'
    : typeof value === 'boolean' ? `${String(value).toUpperCase()}_VALUE can not be converted to ${expected === 'Integer' ? 'an' : 'a'} ${expected}`
    : typeof value === 'number' ? `NUMBER_VALUE can not be converted to ${expected === 'Integer' ? 'an' : 'a'} ${expected}`
    : `STRING_VALUE can not be converted to ${expected === 'Integer' ? 'an' : 'a'} ${expected}`;
  return new AwsError('SerializationException', found);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function requireString(input: Record<string, unknown>, name: string): string {
  const v = input[name];
  if (v !== undefined && v !== null && typeof v !== 'string') throw serializationError(v, 'String');
  if (typeof v !== 'string' || v.length === 0) {
    throw validationError(`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return v;
}

export function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw serializationError(v, 'String');
  return v;
}

export function optionalInteger(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw serializationError(v, 'Integer');
  if (v < min) {
    throw validationError(`1 validation error detected: Value '${v}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  }
  if (v > max) {
    throw validationError(`1 validation error detected: Value '${v}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  }
  return v;
}

export function optionalObject(input: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw serializationError(v, 'structure');
  return v as Record<string, unknown>;
}

export function optionalBoolean(input: Record<string, unknown>, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw serializationError(v, 'Boolean');
  return v;
}
