/**
 * The Table form's Query: DynamoDB's Query request built from plain JSON fields, run against the
 * table as it stands at the playhead (a read: nothing is added to the run), and its answer shown as
 * AWS sends it: Items, Count, ScannedCount, LastEvaluatedKey.
 *
 * May import: React, protocol types, the form's JSON helpers. May not import: worker or sim runtime.
 */
import type { QueryAnswer } from '../../worker/protocol.ts';
import { toItem } from './formJson.ts';

export interface QueryFields {
  keyCondition: string;
  filter: string;
  index: string;
  /** ScanIndexForward false: highest sort key first. */
  descending: boolean;
  names: string;
  values: string;
}

/** Only the placeholders an expression of this request uses are sent (the fields are shared with writes). */
export function usedPlaceholders<T>(entries: Record<string, T> | undefined, expressions: readonly string[]): Record<string, T> | undefined {
  if (!entries) return undefined;
  const used = new Set(expressions.flatMap((e) => e.match(/[#:][A-Za-z0-9_]+/g) ?? []));
  const kept = Object.fromEntries(Object.entries(entries).filter(([k]) => used.has(k)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

export function buildQueryRequest(
  table: string,
  f: QueryFields,
  parsed: { names: Record<string, unknown> | undefined; values: Record<string, unknown> | undefined },
): { ok: true; input: Record<string, unknown> } | { ok: false; message: string } {
  const keyCondition = f.keyCondition.trim();
  if (keyCondition === '') return { ok: false, message: 'Key condition: required, e.g. pk = :pk' };
  const filter = f.filter.trim();
  const expressions = filter ? [keyCondition, filter] : [keyCondition];
  const input: Record<string, unknown> = { TableName: table, KeyConditionExpression: keyCondition };
  if (filter) input.FilterExpression = filter;
  if (f.index.trim()) input.IndexName = f.index.trim();
  if (f.descending) input.ScanIndexForward = false;
  const names = usedPlaceholders(parsed.names, expressions);
  const values = usedPlaceholders(parsed.values, expressions);
  if (names) input.ExpressionAttributeNames = names;
  if (values) input.ExpressionAttributeValues = toItem(values);
  return { ok: true, input };
}

interface QueryFieldsProps {
  f: QueryFields;
  set: (patch: Partial<QueryFields>) => void;
  keyAttributes: readonly string[];
}

export function QueryFieldInputs({ f, set, keyAttributes }: QueryFieldsProps) {
  const pk = keyAttributes[0] ?? 'pk';
  return (
    <>
      <label className="write-form__field">
        Key condition
        <input type="text" value={f.keyCondition} placeholder={`${pk} = :${pk}`} spellCheck={false} onChange={(e) => set({ keyCondition: e.target.value })} />
      </label>
      <label className="write-form__field">
        Filter expression (optional)
        <input type="text" value={f.filter} placeholder="attribute_exists(candidate)" spellCheck={false} onChange={(e) => set({ filter: e.target.value })} />
      </label>
      <div className="write-form__pair">
        <label className="write-form__field">
          Index (optional)
          <input type="text" value={f.index} placeholder="a GSI or LSI name" spellCheck={false} onChange={(e) => set({ index: e.target.value })} />
        </label>
        <label className="write-form__check">
          <input type="checkbox" checked={f.descending} onChange={(e) => set({ descending: e.target.checked })} /> Descending sort key
        </label>
      </div>
      {f.index.trim() !== '' && (
        <p className="panel__hint">
          Simplified: here a global secondary index sees every write at once. On AWS it is updated asynchronously (usually within a
          second), so a GSI query can miss a write the table already has.
        </p>
      )}
    </>
  );
}

const MAX_SHOWN = 50;

/** The Query's answer as AWS sends it; items as DynamoDB JSON, one per line. */
export function QueryResult({ answer, atLabel }: { answer: QueryAnswer; atLabel: string }) {
  if (!answer.ok) {
    return (
      <p className="write-form__problem" role="alert">
        {answer.message}
      </p>
    );
  }
  const out = answer.output as { Items?: unknown[]; Count?: number; ScannedCount?: number; LastEvaluatedKey?: unknown };
  const items = out.Items ?? [];
  return (
    <section className="query-result" aria-label="Query result">
      <p className="panel__hint" role="status">
        Count {out.Count ?? 0}, ScannedCount {out.ScannedCount ?? 0} at {atLabel}
        {out.LastEvaluatedKey !== undefined && <> · LastEvaluatedKey {JSON.stringify(out.LastEvaluatedKey)} (more items follow)</>}
      </p>
      {items.length > 0 && (
        <ol className="query-result__items">
          {items.slice(0, MAX_SHOWN).map((item, i) => (
            <li key={i}>
              <code>{JSON.stringify(item)}</code>
            </li>
          ))}
        </ol>
      )}
      {items.length > MAX_SHOWN && <p className="panel__hint">… and {items.length - MAX_SHOWN} more</p>}
    </section>
  );
}
