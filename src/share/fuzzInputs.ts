/**
 * The fuzz inputs for the two doors scenarios come in by: share links (`decodeLink`) and scenario
 * files (`parseScenario` on parsed JSON). Random strings and mutations of real links of every
 * built-in scenario (by id and inline, with interventions): character flips, truncations,
 * insertions, re-encoded mutated JSON (wrong types, huge numbers, negative times, deep nesting,
 * unknown consumer kinds, markup, `__proto__` keys, arrays blown up to the inflate limit).
 *
 * Used by `fuzz.test.ts` (what each input gives) and `tools/bench/decode.ts` (how long it takes);
 * never by the app.
 */
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { scenarios } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/types.ts';
import { encodeLink } from './codec.ts';
import type { LinkPayload } from './schema.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function narrationFree(s: Scenario): Scenario {
  const { narration: _narration, ...rest } = s;
  return rest;
}

/** Real payloads: every built-in scenario by id, by id with interventions and a view, and inline. */
const payloads: LinkPayload[] = scenarios.flatMap((s): LinkPayload[] => {
  const target = s.consumers?.[0]?.id ?? 'Votes';
  return [
    { v: 1, scenario: { id: s.id } },
    {
      v: 1,
      scenario: { id: s.id },
      seed: 7,
      interventions: [
        { at: Math.floor(s.durationMs / 3), kind: 'crash', target, params: { when: 'before-checkpoint' } },
        { at: Math.floor(s.durationMs / 2), kind: 'split-shard', target: 'Votes', params: { shardId: 'x' } },
      ],
      at: Math.floor(s.durationMs / 4),
      view: { speed: 5, window: [0, s.durationMs], selected: 'abc' },
    },
    { v: 1, scenario: { inline: narrationFree(s) } },
    { v: 1, scenario: { inline: s }, interventions: [{ at: 1_000, kind: 'restart', target }] },
  ];
});
export const links = payloads.map((p) => encodeLink(p));
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A link written by hand (encodeLink refuses to write invalid payloads), from any JSON text. */
function rawLink(json: string, version = 1): string {
  // Level 1 for the big ones: the blown-up arrays compress anyway, and level 9 would dominate the suite's time.
  return `s=${version}.${Buffer.from(deflateSync(strToU8(json), { level: json.length > 100_000 ? 1 : 9 })).toString('base64url')}`;
}

function deep(depth: number): Json {
  let v: Json = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const MARKUP = [
  '<img src=x onerror="globalThis.__pwned=1">',
  '<script>globalThis.__pwned=1</script>',
  'javascript:globalThis.__pwned=1',
  '\u202Egnp.exe\u202C',
  '"><svg onload=alert(1)>',
  '${globalThis.__pwned=1}',
  '{{constructor.constructor("globalThis.__pwned=1")()}}',
  '\u0000\uFFFF\uD800',
];

/** Hostile values to put anywhere in a payload. */
const hostileArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, -0.5, 1e308, -1e308, 2 ** 53 + 1, 4_294_967_296, 1e21, '', [], {}),
  fc.constantFrom<Json>(...MARKUP),
  fc.integer({ min: -1e9, max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 1, max: 10_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 10, max: 3_000 }).map(deep),
  fc.constantFrom<Json>({ id: 'c', kind: 'quantum' }, { kind: 'lambda' }, { kind: 'kcl', id: 'UPPER', workers: [] }, { __proto__: { polluted: 'yes' } } as Json, { constructor: { prototype: { polluted: 'yes' } } }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 20 }),
);

/** Bytes of JSON a blown-up array may reach: a little past what a link may inflate to, so both sides of the limit are tried. */
const BLOW_UP_BYTES = 2_200_000;

type JsonEdit = 'replace' | 'delete' | 'add-key' | 'proto-key' | 'blow-up';

/**
 * Applies one edit to a copy of `root`, at a node chosen by a random walk: `walk[d]` picks the
 * child at depth d, and the walk stops at `walk.length` or a leaf. Only the nodes on the walk are
 * copied, so deep and wide inputs stay cheap to make.
 */
function editJson(root: Json, walk: readonly number[], edit: JsonEdit, value: Json, times: number): Json {
  if (edit === 'proto-key') {
    // JSON text with a literal "__proto__" member, as an attacker would write it.
    const text = JSON.stringify(root);
    if (!text.startsWith('{')) return root;
    const rest = text === '{}' ? '}' : `,${text.slice(1)}`;
    return JSON.parse(`{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}${rest}`) as Json;
  }
  // Copy-on-write along the walk only: the shared rest of the tree is never modified.
  const shallow = (v: Json): Json => (Array.isArray(v) ? [...v] : v && typeof v === 'object' ? { ...v } : v);
  const copy = shallow(root);
  let parent: Record<string | number, Json> | undefined;
  let key: string | number | undefined;
  let node: Json = copy;
  for (const step of walk) {
    if (!node || typeof node !== 'object') break;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node as Record<string | number, Json>;
    key = keys[step % keys.length]!;
    node = parent[key] = shallow(parent[key]!);
  }
  if (parent === undefined || key === undefined) return edit === 'replace' ? value : copy;
  switch (edit) {
    case 'replace':
      parent[key] = value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'add-key':
      if (node && typeof node === 'object' && !Array.isArray(node)) node[`unknown${times}`] = value;
      else parent[key] = value;
      break;
    case 'blow-up': {
      // An array repeated towards the inflate limit: the most work a link can ask of the decoder.
      const element = Array.isArray(node) && node.length > 0 ? node[0]! : node;
      const size = JSON.stringify(element).length + 1;
      parent[key] = Array.from({ length: Math.min(times, Math.ceil(BLOW_UP_BYTES / size)) }, () => element);
      break;
    }
  }
  return copy;
}

const editArb = fc.record({
  walk: fc.array(fc.nat(), { maxLength: 8 }),
  edit: fc.oneof(
    { weight: 28, arbitrary: fc.constant<JsonEdit>('replace') },
    { weight: 3, arbitrary: fc.constantFrom<JsonEdit>('delete', 'add-key', 'proto-key') },
    { weight: 1, arbitrary: fc.constant<JsonEdit>('blow-up') },
  ),
  value: hostileArb,
  times: fc.integer({ min: 2, max: 60_000 }),
});

const linkIndexArb = fc.nat(links.length - 1);

/** Inputs for `decodeLink`, tagged by how they were made. */
export const linkInputArb: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s): [string, string] => ['random', s]) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s): [string, string] => ['random-s1', `#s=1.${s}`]) },
  {
    weight: 3,
    arbitrary: fc.tuple(linkIndexArb, fc.nat(), fc.nat(BASE64URL.length + 8)).map(([l, i, c]): [string, string] => {
      const link = links[l]!;
      const at = i % link.length;
      const ch = c < BASE64URL.length ? BASE64URL[c]! : '.=+/%#\u00e9 '[c - BASE64URL.length]!;
      return ['flip', link.slice(0, at) + ch + link.slice(at + 1)];
    }),
  },
  { weight: 2, arbitrary: fc.tuple(linkIndexArb, fc.nat()).map(([l, n]): [string, string] => ['truncate', links[l]!.slice(0, n % (links[l]!.length + 1))]) },
  {
    weight: 2,
    arbitrary: fc.tuple(linkIndexArb, fc.nat(), fc.string({ minLength: 1, maxLength: 8 })).map(([l, i, s]): [string, string] => {
      const link = links[l]!;
      const at = i % (link.length + 1);
      return ['insert', link.slice(0, at) + s + link.slice(at)];
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(linkIndexArb, fc.constantFrom('s=0.', 's=2.', 's=9999.', 's=01.', 's=1..', 'S=1.', '#s=1.', 's=-1.', 's=1e0.')).map(([l, prefix]): [string, string] => ['prefix', prefix + links[l]!.slice(4)]),
  },
  {
    weight: 6,
    arbitrary: fc.tuple(fc.nat(payloads.length - 1), fc.array(editArb, { minLength: 1, maxLength: 3 })).map(([p, edits]): [string, string] => {
      let json = payloads[p] as unknown as Json;
      for (const e of edits) json = editJson(json, e.walk, e.edit, e.value, e.times);
      return ['json', rawLink(JSON.stringify(json))];
    }),
  },
);

/** Inputs for `parseScenario`: mutated built-in scenarios, as a file's JSON.parse would give them. */
export const fileInputArb: fc.Arbitrary<unknown> = fc
  .tuple(fc.nat(scenarios.length - 1), fc.array(editArb, { minLength: 1, maxLength: 4 }))
  .map(([s, edits]) => {
    let json = scenarios[s] as unknown as Json;
    for (const e of edits) json = editJson(json, e.walk, e.edit, e.value, e.times);
    return JSON.parse(JSON.stringify(json)) as unknown;
  });
