/**
 * The Table panel's form: put, update or delete an item, optionally with a condition, at the
 * playhead. It builds the AWS request (PutItem / UpdateItem / DeleteItem input, attribute values in
 * DynamoDB JSON) and adds it as a `write` intervention, so it travels in links, replays identically
 * and undoes like any other intervention; a refused condition is then a refused write on the
 * timeline, with no stream record, as on AWS.
 *
 * Mistakes show in place before anything is sent: JSON that does not parse (here), and requests the
 * core would refuse, such as a condition that does not parse or an unused placeholder (the worker's
 * `checkWrite`, with the core's messages).
 *
 * May import: React, @xstate/react, the playback machine's type, protocol types, format helpers.
 * May not import: worker or sim runtime.
 */
import { useSelector } from '@xstate/react';
import { useEffect, useId, useState } from 'react';
import { create } from 'zustand';
import type { ActorRefFrom } from 'xstate';
import type { Intervention, QueryAnswer, TableView } from '../../worker/protocol.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { formatSimTime } from './format.ts';
import { playheadStore, usePlayhead } from '../stores/playhead.store.ts';
import { parseObject, toItem } from './formJson.ts';
import { buildQueryRequest, QueryFieldInputs, QueryResult, usedPlaceholders, type QueryFields } from './QueryForm.tsx';

export type WriteOperation = 'PutItem' | 'UpdateItem' | 'DeleteItem';
/** What the form can do: the three writes (interventions) and a Query (a read at the playhead). */
export type FormOperation = WriteOperation | 'Query';

export { toAttributeValue, toItem } from './formJson.ts';

/** What the user typed, as text. */
export interface WriteFields extends Partial<Omit<QueryFields, 'names' | 'values'>> {
  operation: FormOperation;
  /** The item (PutItem) or the key (UpdateItem, DeleteItem), as plain JSON. */
  item: string;
  update: string;
  condition: string;
  /** Shared by every operation; each sends only the placeholders its own expressions use. */
  names: string;
  values: string;
}

function placeholderFields(f: WriteFields) {
  const names = parseObject(f.names, 'Names');
  if (!names.ok) return names;
  const values = parseObject(f.values, 'Values');
  if (!values.ok) return values;
  for (const [k, v] of Object.entries(names.value ?? {})) if (typeof v !== 'string') return { ok: false as const, message: `Names: ${k} must name an attribute (a string)` };
  return { ok: true as const, names: names.value, values: values.value };
}

/** The Query request the fields describe, or why they do not describe one. */
export function buildFormQuery(table: string, f: WriteFields): { ok: true; input: Record<string, unknown> } | { ok: false; message: string } {
  const p = placeholderFields(f);
  if (!p.ok) return p;
  const q: QueryFields = { keyCondition: f.keyCondition ?? '', filter: f.filter ?? '', index: f.index ?? '', descending: f.descending ?? false, names: f.names, values: f.values };
  return buildQueryRequest(table, q, p);
}

/** The AWS request the fields describe, or why they do not describe one. */
export function buildWriteRequest(table: string, f: WriteFields): { ok: true; input: Record<string, unknown> } | { ok: false; message: string } {
  if (f.operation === 'Query') return buildFormQuery(table, f);
  const itemField = f.operation === 'PutItem' ? 'Item' : 'Key';
  const item = parseObject(f.item, itemField);
  if (!item.ok) return item;
  if (!item.value) return { ok: false, message: `${itemField}: required` };
  const p = placeholderFields(f);
  if (!p.ok) return p;
  const input: Record<string, unknown> = { TableName: table, [itemField]: toItem(item.value) };
  const expressions: string[] = [];
  if (f.operation === 'UpdateItem') expressions.push((input.UpdateExpression = f.update.trim()));
  if (f.condition.trim()) expressions.push((input.ConditionExpression = f.condition.trim()));
  // Names and values typed for another operation (say an update's, before switching to Delete)
  // stay in their fields but are not sent: DynamoDB refuses unused ones.
  const names = usedPlaceholders(p.names, expressions);
  const values = usedPlaceholders(p.values, expressions);
  if (names) input.ExpressionAttributeNames = names;
  if (values) input.ExpressionAttributeValues = toItem(values);
  return { ok: true, input };
}

const LABELS: Record<FormOperation, string> = { PutItem: 'Put', UpdateItem: 'Update', DeleteItem: 'Delete', Query: 'Query' };

export interface WriteFormProps {
  table: TableView;
  atMs: number;
  /** False while the run is being computed or the machine cannot take an intervention. */
  enabled: boolean;
  check: (operation: string, input: unknown) => Promise<string | null>;
  onWrite: (intervention: Intervention) => void;
  /** Runs a Query against the table at `atMs`; absent, the form offers writes only. */
  query?: (atMs: number, input: unknown) => Promise<QueryAnswer>;
}

/**
 * What each table's form holds, kept outside the component: the panel remounts while a write is
 * recomputed, and the user's fields (and the form being open) must survive that, so the next write
 * is one edit away. View state at human speed, so a small zustand store.
 */
const useFormDrafts = create<{ drafts: Record<string, { fields: WriteFields; open: boolean }> }>(() => ({ drafts: {} }));

function draftChanged(table: string, patch: Partial<{ fields: WriteFields; open: boolean }>, initial: WriteFields): void {
  useFormDrafts.setState((s) => {
    const old = s.drafts[table] ?? { fields: initial, open: false };
    return { drafts: { ...s.drafts, [table]: { ...old, ...patch } } };
  });
}

export function WriteForm({ table, atMs, enabled, check, onWrite, query }: WriteFormProps) {
  const id = useId();
  const keyExample = JSON.stringify(Object.fromEntries(table.keyAttributes.map((k) => [k, ''])));
  const initial: WriteFields = { operation: 'PutItem', item: keyExample, update: '', condition: '', names: '', values: '' };
  const draft = useFormDrafts((s) => s.drafts[table.name]);
  const f = draft?.fields ?? initial;
  const open = draft?.open ?? false;
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<{ answer: QueryAnswer; atMs: number } | null>(null);
  const touched = draft !== undefined && JSON.stringify(draft.fields) !== JSON.stringify(initial);
  const set = (patch: Partial<WriteFields>) => draftChanged(table.name, { fields: { ...f, ...patch } }, initial);

  // Check as the user types (debounced): JSON here, the rest by the core in the worker.
  useEffect(() => {
    if (!touched) return;
    let live = true;
    const timer = setTimeout(() => {
      const built = buildWriteRequest(table.name, f);
      if (!built.ok) return setProblem(built.message);
      // A Query is checked by running it: its answer carries the core's message.
      if (f.operation === 'Query') return setProblem(null);
      check(f.operation, built.input).then(
        (message) => live && setProblem(message),
        () => live && setProblem(null),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [f, touched, table.name, check]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const built = buildWriteRequest(table.name, f);
    if (!built.ok) return setProblem(built.message);
    if (f.operation === 'Query') {
      if (!query) return;
      setProblem(null);
      const at = Math.round(atMs);
      const result = await query(at, built.input).catch((err: unknown) => ({ ok: false as const, message: err instanceof Error ? err.message : String(err) }));
      return setAnswer({ answer: result, atMs: at });
    }
    const message = await check(f.operation, built.input).catch(() => null);
    if (message) return setProblem(message);
    setProblem(null);
    onWrite({ at: Math.round(atMs), kind: 'write', target: table.name, params: { operation: f.operation, input: built.input } });
  };

  const operations = (Object.keys(LABELS) as FormOperation[]).filter((op) => op !== 'Query' || query !== undefined);
  const isQuery = f.operation === 'Query';
  const itemLabel = f.operation === 'PutItem' ? `Item (JSON, with the key ${table.keyAttributes.join(', ')})` : `Key (JSON: ${table.keyAttributes.join(', ')})`;
  return (
    <details className="write-form" open={open} onToggle={(e) => draftChanged(table.name, { open: e.currentTarget.open }, initial)}>
      <summary>Write to {table.name} at the playhead… (or query it)</summary>
      <form onSubmit={submit} aria-label={`Write to ${table.name}`} aria-describedby={`${id}-hint`}>
        <p id={`${id}-hint`} className="panel__hint write-form__hint">
          {isQuery
            ? `Plain JSON values: strings become S, numbers N. The Query reads the table as it is at ${formatSimTime(atMs)}; it changes nothing.`
            : `Plain JSON: strings become S, numbers N, true/false BOOL. The write is added to your interventions at ${formatSimTime(atMs)}; undo removes it.`}
        </p>
        <fieldset className="write-form__ops">
          <legend>Operation</legend>
          {operations.map((op) => (
            <label key={op}>
              <input type="radio" name={`${id}-op`} value={op} checked={f.operation === op} onChange={() => set({ operation: op })} /> {LABELS[op]}
            </label>
          ))}
        </fieldset>
        {isQuery ? (
          <QueryFieldInputs f={{ keyCondition: f.keyCondition ?? '', filter: f.filter ?? '', index: f.index ?? '', descending: f.descending ?? false, names: f.names, values: f.values }} set={set} keyAttributes={table.keyAttributes} />
        ) : (
          <label className="write-form__field">
            {itemLabel}
            <textarea rows={2} value={f.item} spellCheck={false} onChange={(e) => set({ item: e.target.value })} />
          </label>
        )}
        {f.operation === 'UpdateItem' && (
          <label className="write-form__field">
            Update expression
            <input type="text" value={f.update} placeholder="SET #c = :c" spellCheck={false} onChange={(e) => set({ update: e.target.value })} />
          </label>
        )}
        {!isQuery && (
          <label className="write-form__field">
            Condition expression (optional)
            <input type="text" value={f.condition} placeholder={`attribute_not_exists(${table.keyAttributes[0] ?? 'pk'})`} spellCheck={false} onChange={(e) => set({ condition: e.target.value })} />
          </label>
        )}
        <div className="write-form__pair">
          <label className="write-form__field">
            Names (optional)
            <input type="text" value={f.names} placeholder='{"#c": "choice"}' spellCheck={false} onChange={(e) => set({ names: e.target.value })} />
          </label>
          <label className="write-form__field">
            Values (optional)
            <input type="text" value={f.values} placeholder='{":c": "Otter"}' spellCheck={false} onChange={(e) => set({ values: e.target.value })} />
          </label>
        </div>
        {problem && (
          <p className="write-form__problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button button--small" disabled={(!enabled && !isQuery) || problem !== null}>
          {LABELS[f.operation]} at {formatSimTime(atMs)}
        </button>
        {isQuery && answer && <QueryResult answer={answer.answer} atLabel={formatSimTime(answer.atMs)} />}
      </form>
    </details>
  );
}

/** The form wired to the playback machine: the playhead is the write's time; submitting intervenes. */
export function PlaybackWriteForm({ table, playback, check, query }: { table: TableView; playback: ActorRefFrom<PlaybackMachine>; check: WriteFormProps['check']; query?: WriteFormProps['query'] }) {
  // The label refreshes at most 4 times a second while playing; the write lands at the exact playhead.
  const atMs = usePlayhead((s) => s.textAtMs);
  const enabled = useSelector(playback, (s) => s.can({ type: 'playback.intervene', intervention: { at: 0, kind: 'write', target: table.name } }));
  const exact = () => Math.round(playheadStore.getState().atMs);
  return (
    <WriteForm
      table={table}
      atMs={atMs}
      enabled={enabled}
      check={check}
      onWrite={(intervention) => playback.send({ type: 'playback.intervene', intervention: { ...intervention, at: exact() } })}
      {...(query ? { query: (_at: number, input: unknown) => query(exact(), input) } : {})}
    />
  );
}
