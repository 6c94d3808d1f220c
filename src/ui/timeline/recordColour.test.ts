// #20: records coloured by a value (a vote) take that value's colour, and the legend names what the colours mean.
import { describe, expect, it } from 'vitest';
import { COLOUR_NONE } from '../../worker/client.ts';
import type { Frame } from '../../worker/protocol.ts';
import { legendEntries } from './Legend.tsx';
import { keyColour, NO_VALUE_COLOUR } from './palette.ts';
import { recordColours } from './recordColour.ts';

const records = (key: number[], colour?: number[]) => ({ key: Uint32Array.from(key), ...(colour ? { colour: Uint32Array.from(colour) } : {}) }) as unknown as Frame['records'];

describe('record colours', () => {
  it('go by item key unless the frame colours by a value', () => {
    const colourOf = recordColours({ records: records([0, 1, 0]) });
    expect([0, 1, 2].map(colourOf)).toEqual([keyColour(0), keyColour(1), keyColour(0)]);
  });

  it('go by the vote: two records of one voter differ, two votes for green match, a value named as a colour is drawn in it', () => {
    const colourOf = recordColours({ records: records([7, 7, 1, COLOUR_NONE], [0, 1, 0, COLOUR_NONE]), colourKey: { attribute: 'candidate', label: 'vote', values: ['green', 'blue'] } });
    expect(colourOf(0)).toBe('#009E73');
    expect(colourOf(1)).toBe('#0072B2');
    expect(colourOf(2)).toBe(colourOf(0));
    expect(colourOf(3)).toBe(NO_VALUE_COLOUR);
  });

  it('are explained by the legend', () => {
    const labels = (key?: { label: string; values: string[] }) => legendEntries([], ['counter'], 1200, new Set(['keys']), key).entries.map((e) => e.label);
    expect(labels()).toEqual(['colour = item key']);
    expect(labels({ label: 'vote', values: ['green', 'blue'] })).toEqual(['colour = vote: green / blue']);
  });
});
