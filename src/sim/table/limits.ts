/**
 * DynamoDB's size limits with its messages: 400 KB per item, 2048 bytes per partition key value,
 * 1024 bytes per sort key value, 4 KB per expression (Developer Guide, "Quotas in Amazon DynamoDB":
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). Pure.
 */
import { validationError } from '../api/errors.ts';
import type { AttributeValue, Item } from './attributeValue.ts';
import { attributeValueSize, itemSize } from './itemSize.ts';

export const MAX_ITEM_BYTES = 400 * 1024;
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;
export const MAX_EXPRESSION_BYTES = 4096;
/** Items per BatchWriteItem, keys per BatchGetItem, actions per transaction. */
export const MAX_BATCH_WRITE = 25;
export const MAX_BATCH_GET = 100;
export const MAX_TRANSACTION_ITEMS = 100;

/** The size of a key value: UTF-8 bytes of S, bytes of B, DynamoDB's number size for N. */
export function keySize(v: AttributeValue): number {
  return attributeValueSize(v);
}

export function checkPartitionKeySize(v: AttributeValue): void {
  // AWS's wording, missing space included ("limit of2048 bytes").
  if (keySize(v) > MAX_PARTITION_KEY_BYTES) {
    throw validationError(`One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of${MAX_PARTITION_KEY_BYTES} bytes`);
  }
}

export function checkSortKeySize(v: AttributeValue): void {
  if (keySize(v) > MAX_SORT_KEY_BYTES) {
    throw validationError(`One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of ${MAX_SORT_KEY_BYTES} bytes`);
  }
}

/** PutItem's wording; an update that grows an item past the limit says "Item size to update". */
/** Refuses an item over 400 KB; returns its size (the stream record's SizeBytes needs it too: sized once). */
export function checkItemSize(item: Item, op: 'put' | 'update'): number {
  return checkItemBytes(itemSize(item), op);
}

/** `checkItemSize` for an item already sized (validation sizes a put's item as it walks it). */
export function checkItemBytes(size: number, op: 'put' | 'update'): number {
  if (size > MAX_ITEM_BYTES) {
    throw validationError(op === 'put' ? 'Item size has exceeded the maximum allowed size' : 'Item size to update has exceeded the maximum allowed size');
  }
  return size;
}

/** An expression over 4 KB (its UTF-8 bytes) is refused before it is parsed. */
export function checkExpressionSize(text: string | undefined, label: string): void {
  // Its UTF-8 bytes are at most three per UTF-16 unit (a pair of surrogates is four): most
  // expressions are short enough that no walk over them is needed.
  if (text === undefined || text.length * 3 <= MAX_EXPRESSION_BYTES) return;
  let bytes = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  if (bytes > MAX_EXPRESSION_BYTES) {
    throw validationError(`Invalid ${label}: Expression size has exceeded the maximum allowed size; expression size: ${bytes}`);
  }
}
