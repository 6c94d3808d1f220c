/**
 * Form fields of the settings panel: a labelled number, checkbox or choice, each with its message
 * in place (AWS's own text when the core refused the value), tied to the input by
 * aria-describedby so a screen reader reads it with the field.
 *
 * May import: React. May not import: worker, sim, stores.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';

interface FieldShell {
  label: string;
  /** A problem with the value, shown under the field (role alert). */
  error?: string | null;
  /** What the setting does, in a few words. */
  hint?: ReactNode;
}

function Message({ id, error, hint }: { id: string; error?: string | null; hint?: ReactNode }) {
  if (error) {
    return (
      <span id={id} className="knob__error" role="alert">
        {error}
      </span>
    );
  }
  return hint ? (
    <span id={id} className="knob__hint">
      {hint}
    </span>
  ) : null;
}

/**
 * A whole number. The text is the learner's own while typing; `onChange` gets a number (or
 * undefined for an empty field, meaning AWS's default) only when it parses, else the field says so.
 */
export function NumberField({ label, value, onChange, error, hint, placeholder, step }: FieldShell & { value: number | undefined; onChange: (v: number | undefined) => void; placeholder?: string; step?: number }) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  const shown = local ?? error;
  return (
    <div className="knob">
      <label className="knob__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        placeholder={placeholder}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-msg`}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (t.trim() === '') {
            setLocal(null);
            onChange(undefined);
            return;
          }
          const n = Number(t);
          if (!Number.isFinite(n) || (step === undefined && !Number.isInteger(n))) {
            setLocal(`${label} must be a ${step === undefined ? 'whole ' : ''}number`);
            return;
          }
          setLocal(null);
          onChange(n);
        }}
      />
      <Message id={`${id}-msg`} error={shown} hint={hint} />
    </div>
  );
}

export function CheckField({ label, checked, onChange, error, hint }: FieldShell & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="knob knob--check">
      <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-msg`} onChange={(e) => onChange(e.target.checked)} />
      <label className="knob__label" htmlFor={id}>
        {label}
      </label>
      <Message id={`${id}-msg`} error={error} hint={hint} />
    </div>
  );
}

export function ChoiceField<T extends string>({ label, value, options, onChange, error, hint }: FieldShell & { value: T; options: ReadonlyArray<readonly [T, string]>; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className="knob">
      <label className="knob__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} value={value} aria-describedby={`${id}-msg`} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <Message id={`${id}-msg`} error={error} hint={hint} />
    </div>
  );
}

export function TextField({ label, value, onChange, error, hint }: FieldShell & { value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="knob">
      <label className="knob__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} type="text" value={value} aria-invalid={error ? true : undefined} aria-describedby={`${id}-msg`} onChange={(e) => onChange(e.target.value)} />
      <Message id={`${id}-msg`} error={error} hint={hint} />
    </div>
  );
}
