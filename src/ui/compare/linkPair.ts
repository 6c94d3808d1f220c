/**
 * Any two runs side by side (`?compare=links&left=<link>&right=<link>&leftLabel=…&rightLabel=…&at=<ms>`):
 * each side is a share link's fragment (`s=1.…`), so a side is any scenario, edits, seed and
 * interventions a link can hold. "What if" in the settings panel makes such a pair: the run as it is,
 * and the same run with one setting changed at the playhead. Generalises the fixed pairs of
 * `scenarios/comparisons.ts`.
 *
 * May import: share (types; the codec through lazyCodec), protocol types, scenarios' comparison types.
 * May not import: worker runtime, sim runtime, React.
 */
import type { ComparisonSide } from '../../scenarios/comparisons.ts';
import type { LinkPayload } from '../../share/schema.ts';
import type { Intervention, ScenarioSource } from '../../worker/protocol.ts';
import type { Codec } from '../share/lazyCodec.ts';

export const LINK_PAIR = 'links';

/** A side that loads from a link rather than from a built-in scenario id. */
export interface LinkedSide extends ComparisonSide {
  load?: { source: string | ScenarioSource; seed?: number; interventions?: Intervention[] };
}

export interface LinkedComparison {
  id: string;
  title: string;
  question: string;
  left: LinkedSide;
  right: LinkedSide;
}

/** The compare view's address for two link payloads, opened at `atMs`. */
export function pairUrl(codec: Pick<Codec, 'encodeLink'>, left: { label: string; payload: LinkPayload }, right: { label: string; payload: LinkPayload }, atMs: number, base = ''): string {
  const q = new URLSearchParams({
    compare: LINK_PAIR,
    left: codec.encodeLink(left.payload),
    right: codec.encodeLink(right.payload),
    leftLabel: left.label.slice(0, 120),
    rightLabel: right.label.slice(0, 120),
    at: String(Math.round(atMs)),
  });
  return `${base}?${q.toString()}`;
}

function sideOf(codec: Pick<Codec, 'decodeLink'>, fragment: string | null, label: string | null, fallback: string): LinkedSide | string {
  if (!fragment) return `The ${fallback} side is missing from the address.`;
  const r = codec.decodeLink(fragment);
  if (!r.ok) return `The ${fallback} side cannot be opened: ${r.message}`;
  const p = r.payload;
  const source: string | ScenarioSource = 'id' in p.scenario ? (p.edits?.length ? { id: p.scenario.id, edits: p.edits } : p.scenario.id) : { inline: p.scenario.inline };
  const id = 'id' in p.scenario ? p.scenario.id : p.scenario.inline.id;
  return {
    label: label?.trim() || fallback,
    scenarioId: id,
    load: { source, ...(p.seed !== undefined ? { seed: p.seed } : {}), ...(p.interventions?.length ? { interventions: p.interventions as Intervention[] } : {}) },
  };
}

/** The pair a `?compare=links…` address describes, or a message saying what is wrong with it. */
export function readPair(codec: Pick<Codec, 'decodeLink'>, search: string): LinkedComparison | string {
  const q = new URLSearchParams(search);
  const left = sideOf(codec, q.get('left'), q.get('leftLabel'), 'left');
  const right = sideOf(codec, q.get('right'), q.get('rightLabel'), 'right');
  if (typeof left === 'string') return left;
  if (typeof right === 'string') return right;
  return {
    id: LINK_PAIR,
    title: `${left.label} vs ${right.label}`,
    question: 'The same run, forked at the playhead: one side as it was, the other with a setting changed. Same writes, same seed.',
    left,
    right,
  };
}
