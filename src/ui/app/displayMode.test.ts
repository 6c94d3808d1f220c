import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED_PANELS, PANEL_IDS, parseDisplayMode } from './displayMode.ts';

describe('parseDisplayMode', () => {
  it('shows every panel outside embed mode', () => {
    const m = parseDisplayMode('');
    expect(m).toMatchObject({ presenter: false, embed: false });
    expect([...m.panels]).toEqual([...PANEL_IDS]);
  });
  it('reads presenter=1 and ignores presenter=0', () => {
    expect(parseDisplayMode('?presenter=1').presenter).toBe(true);
    expect(parseDisplayMode('?presenter=0').presenter).toBe(false);
  });
  it('embeds timeline, controls and narration by default', () => {
    const m = parseDisplayMode('?embed=1');
    expect(m.embed).toBe(true);
    expect([...m.panels].sort()).toEqual([...DEFAULT_EMBED_PANELS].sort());
  });
  it('embeds the listed panels, ignoring unknown names, and falls back when none is known', () => {
    expect([...parseDisplayMode('?embed=1&panels=Stream,inspector,bogus').panels]).toEqual(['stream', 'inspector']);
    expect([...parseDisplayMode('?embed=1&panels=bogus').panels].sort()).toEqual([...DEFAULT_EMBED_PANELS].sort());
  });
});
