/**
 * Records coloured by what they say, not by item (issue 20: a vote's candidate): when a scenario
 * names an attribute (`view.colourBy`), each record's colour is the index of that attribute's value
 * in its item image (the new image, or the old one for a REMOVE) among the values seen so far, in
 * append order. Computed once per run index (records are append-only, so a run answered early and
 * its complete form agree on every record both hold).
 *
 * May import: sim types, ./columns.ts, ./runIndex.ts types. May not import: sim runtime, ui.
 */
import type { AttributeValue, FactList } from '../sim/index.ts';
import { COLOUR_NONE } from './columns.ts';
import type { RunIndex } from './runIndex.ts';

export interface ColourBy {
  attribute: string;
  /** What the legend calls it ("vote"); the attribute's name when absent. */
  label?: string;
}

export interface ColourKeys {
  attribute: string;
  label: string;
  /** Per record of the index, an index into `values` or COLOUR_NONE. */
  codes: Uint32Array;
  values: string[];
}

/** An attribute value as the legend names it: a string or number as written, anything else as JSON. */
function valueText(v: AttributeValue): string {
  if ('S' in v) return v.S;
  if ('N' in v) return v.N;
  if ('BOOL' in v) return String(v.BOOL);
  return JSON.stringify(v);
}

const cache = new WeakMap<RunIndex, ColourKeys>();

export function colourKeysOf(index: RunIndex, trace: FactList, by: ColourBy): ColourKeys {
  const held = cache.get(index);
  if (held && held.attribute === by.attribute) return held;
  const rec = index.rec;
  const codes = new Uint32Array(rec.n);
  const values: string[] = [];
  const byValue = new Map<string, number>();
  for (let r = 0; r < rec.n; r++) {
    const e = trace.at(rec.fact.get(r));
    const ddb = e?.type === 'record-appended' ? e.record.dynamodb : undefined;
    const v = (ddb?.NewImage ?? ddb?.OldImage)?.[by.attribute];
    if (v === undefined) {
      codes[r] = COLOUR_NONE;
      continue;
    }
    const text = valueText(v);
    let code = byValue.get(text);
    if (code === undefined) byValue.set(text, (code = values.push(text) - 1));
    codes[r] = code;
  }
  const keys = { attribute: by.attribute, label: by.label ?? by.attribute, codes, values };
  cache.set(index, keys);
  return keys;
}
