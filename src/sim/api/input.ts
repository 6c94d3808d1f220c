/**
 * Reading request bodies: each helper checks one parameter's type and answers AWS's
 * ValidationException wording when it is missing or malformed. Pure; touches nothing else.
 */
import { validationError } from './errors.ts';

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function requireString(input: Record<string, unknown>, name: string): string {
  const v = input[name];
  if (typeof v !== 'string' || v.length === 0) {
    throw validationError(`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return v;
}

export function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validationError(`Invalid type for parameter ${name}: expected a string`);
  return v;
}

export function optionalInteger(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw validationError(`Invalid type for parameter ${name}: expected an integer`);
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
  if (typeof v !== 'object' || Array.isArray(v)) throw validationError(`Invalid type for parameter ${name}: expected an object`);
  return v as Record<string, unknown>;
}

export function optionalBoolean(input: Record<string, unknown>, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw validationError(`Invalid type for parameter ${name}: expected a boolean`);
  return v;
}
