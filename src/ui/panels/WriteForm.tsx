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
import type { AttributeValue } from '../../sim/index.ts';
import type { Intervention, TableView } from '../../worker/protocol.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { formatSimTime } from './format.ts';
import { playheadStore, usePlayhead } from '../stores/playhead.store.ts';

export type WriteOperation = 'PutItem' | 'UpdateItem' | 'DeleteItem';

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

/** What the user typed, as text. */
export interface WriteFields {
  operation: WriteOperation;
  /** The item (PutItem) or the key (UpdateItem, DeleteItem), as plain JSON. */
  item: string;
  update: string;
  condition: string;
  names: string;
  values: string;
}

function parseObject(text: string, field: string): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, message: `${field}: must be a JSON object like {"name": "value"}` };
    return { ok: true, value: v as Record<string, unknown> };
  } catch (e) {
    return { ok: false, message: `${field}: not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** The AWS request the fields describe, or why they do not describe one. */
export function buildWriteRequest(table: string, f: WriteFields): { ok: true; input: Record<string, unknown> } | { ok: false; message: string } {
  const itemField = f.operation === 'PutItem' ? 'Item' : 'Key';
  const item = parseObject(f.item, itemField);
  if (!item.ok) return item;
  if (!item.value) return { ok: false, message: `${itemField}: required` };
  const names = parseObject(f.names, 'Names');
  if (!names.ok) return names;
  const values = parseObject(f.values, 'Values');
  if (!values.ok) return values;
  for (const [k, v] of Object.entries(names.value ?? {})) if (typeof v !== 'string') return { ok: false, message: `Names: ${k} must name an attribute (a string)` };
  const input: Record<string, unknown> = { TableName: table, [itemField]: toItem(item.value) };
  if (f.operation === 'UpdateItem') input.UpdateExpression = f.update.trim();
  if (f.condition.trim()) input.ConditionExpression = f.condition.trim();
  if (names.value) input.ExpressionAttributeNames = names.value;
  if (values.value) input.ExpressionAttributeValues = toItem(values.value);
  return { ok: true, input };
}

const LABELS: Record<WriteOperation, string> = { PutItem: 'Put', UpdateItem: 'Update', DeleteItem: 'Delete' };

export interface WriteFormProps {
  table: TableView;
  atMs: number;
  /** False while the run is being computed or the machine cannot take an intervention. */
  enabled: boolean;
  check: (operation: string, input: unknown) => Promise<string | null>;
  onWrite: (intervention: Intervention) => void;
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

export function WriteForm({ table, atMs, enabled, check, onWrite }: WriteFormProps) {
  const id = useId();
  const keyExample = JSON.stringify(Object.fromEntries(table.keyAttributes.map((k) => [k, ''])));
  const initial: WriteFields = { operation: 'PutItem', item: keyExample, update: '', condition: '', names: '', values: '' };
  const draft = useFormDrafts((s) => s.drafts[table.name]);
  const f = draft?.fields ?? initial;
  const open = draft?.open ?? false;
  const [problem, setProblem] = useState<string | null>(null);
  const touched = draft !== undefined && JSON.stringify(draft.fields) !== JSON.stringify(initial);
  const set = (patch: Partial<WriteFields>) => draftChanged(table.name, { fields: { ...f, ...patch } }, initial);

  // Check as the user types (debounced): JSON here, the rest by the core in the worker.
  useEffect(() => {
    if (!touched) return;
    let live = true;
    const timer = setTimeout(() => {
      const built = buildWriteRequest(table.name, f);
      if (!built.ok) return setProblem(built.message);
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
    const message = await check(f.operation, built.input).catch(() => null);
    if (message) return setProblem(message);
    setProblem(null);
    onWrite({ at: Math.round(atMs), kind: 'write', target: table.name, params: { operation: f.operation, input: built.input } });
  };

  const itemLabel = f.operation === 'PutItem' ? `Item (JSON, with the key ${table.keyAttributes.join(', ')})` : `Key (JSON: ${table.keyAttributes.join(', ')})`;
  return (
    <details className="write-form" open={open} onToggle={(e) => draftChanged(table.name, { open: e.currentTarget.open }, initial)}>
      <summary>Write to {table.name} at the playhead…</summary>
      <form onSubmit={submit} aria-label={`Write to ${table.name}`} aria-describedby={`${id}-hint`}>
        <p id={`${id}-hint`} className="panel__hint write-form__hint">
          Plain JSON: strings become S, numbers N, true/false BOOL. The write is added to your interventions at {formatSimTime(atMs)}; undo removes it.
        </p>
        <fieldset className="write-form__ops">
          <legend>Operation</legend>
          {(Object.keys(LABELS) as WriteOperation[]).map((op) => (
            <label key={op}>
              <input type="radio" name={`${id}-op`} value={op} checked={f.operation === op} onChange={() => set({ operation: op })} /> {LABELS[op]}
            </label>
          ))}
        </fieldset>
        <label className="write-form__field">
          {itemLabel}
          <textarea rows={2} value={f.item} spellCheck={false} onChange={(e) => set({ item: e.target.value })} />
        </label>
        {f.operation === 'UpdateItem' && (
          <label className="write-form__field">
            Update expression
            <input type="text" value={f.update} placeholder="SET #c = :c" spellCheck={false} onChange={(e) => set({ update: e.target.value })} />
          </label>
        )}
        <label className="write-form__field">
          Condition expression (optional)
          <input type="text" value={f.condition} placeholder={`attribute_not_exists(${table.keyAttributes[0] ?? 'pk'})`} spellCheck={false} onChange={(e) => set({ condition: e.target.value })} />
        </label>
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
        <button type="submit" className="button button--small" disabled={!enabled || problem !== null}>
          {LABELS[f.operation]} at {formatSimTime(atMs)}
        </button>
      </form>
    </details>
  );
}

/** The form wired to the playback machine: the playhead is the write's time; submitting intervenes. */
export function PlaybackWriteForm({ table, playback, check }: { table: TableView; playback: ActorRefFrom<PlaybackMachine>; check: WriteFormProps['check'] }) {
  // The label refreshes at most 4 times a second while playing; the write lands at the exact playhead.
  const atMs = usePlayhead((s) => s.textAtMs);
  const enabled = useSelector(playback, (s) => s.can({ type: 'playback.intervene', intervention: { at: 0, kind: 'write', target: table.name } }));
  return <WriteForm table={table} atMs={atMs} enabled={enabled} check={check} onWrite={(intervention) => playback.send({ type: 'playback.intervene', intervention: { ...intervention, at: Math.round(playheadStore.getState().atMs) } })} />;
}
