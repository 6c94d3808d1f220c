// The gate (public/first-frame-gate.js) keeps the pre-rendered picture only for a plain visit to
// the scenario the picture is of; it learns that scenario from the meta the plugin writes from the
// catalogue, so changing the default scenario cannot leave the gate naming the old one.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../../src/scenarios/galleryIndex.ts';
import { firstFrameGateTags } from './plugin.ts';

const GATE = readFileSync(new URL('../../public/first-frame-gate.js', import.meta.url), 'utf8');

/** Runs the gate on a page at `search` + `hash` whose head has `meta` (or none); true when the picture stays. */
function pictureKept(search: string, hash: string, meta: string | undefined): boolean {
  const classes = new Set<string>();
  const document = {
    querySelector: (sel: string) => (sel === 'meta[name="streamscope-first-frame"]' && meta !== undefined ? { getAttribute: (a: string) => (a === 'content' ? meta : null) } : null),
    documentElement: { classList: { add: (c: string) => classes.add(c) } },
  };
  runInNewContext(GATE, { document, location: { search, hash }, encodeURIComponent });
  return !classes.has('first-frame-off');
}

describe('the first frame gate', () => {
  const tags = firstFrameGateTags(defaultScenarioId);
  const meta = tags.find((t) => t.tag === 'meta')!.attrs!.content as string;

  it('is told the catalogue default by a meta placed before the gate script', () => {
    expect(meta).toBe(defaultScenarioId);
    expect(tags.map((t) => t.tag)).toEqual(['meta', 'script']);
  });

  it('keeps the picture for a plain visit and for ?scenario= of the pictured scenario', () => {
    expect(pictureKept('', '', meta)).toBe(true);
    expect(pictureKept('?', '#', meta)).toBe(true);
    expect(pictureKept(`?scenario=${meta}`, '', meta)).toBe(true);
  });

  it('turns it off for links, other scenarios, modes, and a page without the meta', () => {
    expect(pictureKept('', '#s=1.abc', meta)).toBe(false);
    expect(pictureKept('?scenario=poison-record', '', meta)).toBe(false);
    expect(pictureKept('?presenter=1', '', meta)).toBe(false);
    expect(pictureKept('?compare=pairs', '', meta)).toBe(false);
    expect(pictureKept('', '', undefined)).toBe(false);
    // Another default (the catalogue changed): the gate follows the meta, not a name of its own.
    expect(pictureKept('?scenario=poison-record', '', 'poison-record')).toBe(true);
    expect(pictureKept(`?scenario=${meta}`, '', 'poison-record')).toBe(false);
  });
});
