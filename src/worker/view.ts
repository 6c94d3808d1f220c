/**
 * How the views name things: key values as people write them, a key's summary, a global table's
 * replica. Shared by the fold, the run index, the frames and the event log.
 *
 * May import: sim types. May not import: sim runtime, ui, Worker or DOM names.
 */
import type { AttributeValue, Item } from '../sim/index.ts';

/** A key value as people write it: `ada`, `42`, `true`; binary and documents stay short. */
export function attributeText(v: AttributeValue): string {
  if ('S' in v) return v.S;
  if ('N' in v) return v.N;
  if ('BOOL' in v) return String(v.BOOL);
  if ('NULL' in v) return 'null';
  if ('B' in v) return `b64:${v.B.length > 12 ? `${v.B.slice(0, 12)}…` : v.B}`;
  return JSON.stringify(v);
}

/** `ada` for a simple key, `ada / 2024` for partition + sort key, in key-schema order. */
export function keySummary(key: Item, keyAttributes: readonly string[]): string {
  const names = keyAttributes.length > 0 ? keyAttributes : Object.keys(key).sort();
  return names
    .map((n) => key[n])
    .filter((v): v is AttributeValue => v !== undefined)
    .map(attributeText)
    .join(' / ');
}

/**
 * The name the views give one replica of a table: the table's own name in its home Region (and for
 * every table without replicas), `Votes (eu-west-1)` for a global table's replica elsewhere.
 * `homeRegions` maps a global table's name to its home Region (from `replica-created` facts).
 */
export function replicaViewName(homeRegions: ReadonlyMap<string, string>, table: string, region: string | undefined): string {
  const home = homeRegions.get(table);
  return region === undefined || home === undefined || region === home ? table : `${table} (${region})`;
}

/** The Region in an ARN (`arn:aws:dynamodb:<region>:…`). */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}
