/**
 * A record mark's colour: its item key's, or — when the scenario colours records by an attribute
 * (`view.colourBy`, #20: a vote's candidate) — that value's, read from the frame's colour column.
 *
 * May import: ./palette.ts, worker/client.ts constants, protocol types. May not import: React, DOM.
 */
import { COLOUR_NONE } from '../../worker/client.ts';
import type { Frame } from '../../worker/protocol.ts';
import { keyColour, NO_VALUE_COLOUR, valueColour } from './palette.ts';

/** Colour of record `i` of the frame's columns (one lookup per record, no string building). */
export function recordColours(frame: Pick<Frame, 'records' | 'colourKey'>): (i: number) => string {
  const { key, colour } = frame.records;
  const values = frame.colourKey?.values;
  if (!colour || !values) return (i) => keyColour(key[i]!);
  const table = values.map((v, code) => valueColour(code, v));
  return (i) => {
    const code = colour[i]!;
    return code === COLOUR_NONE ? NO_VALUE_COLOUR : (table[code] ?? NO_VALUE_COLOUR);
  };
}
