import { parse, type Comment, type Node } from 'acorn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/types.ts';
import { workloadScript } from './script.ts';

/** A scenario whose every string the learner (or a link) chose. */
function scenario(text: { id: string; title: string; table: string; other: string; attribute: string; value: string }): Scenario {
  return {
    id: text.id,
    title: text.title,
    summary: '',
    seed: 1,
    durationMs: 1_000,
    setup: [
      { target: 'DynamoDB_20120810.CreateTable', input: { TableName: text.table, KeySchema: [{ AttributeName: text.attribute, KeyType: 'HASH' }] } },
      { target: 'DynamoDB_20120810.CreateTable', input: { TableName: text.other } },
    ],
    writes: [{ at: 10, target: 'DynamoDB_20120810.PutItem', input: { TableName: text.table, Item: { [text.attribute]: { S: text.value } } } }],
  } as Scenario;
}

/** The script's shape: its node types in order and how many comments it has (not their text or values). */
function shape(script: string): { nodes: string[]; comments: number } {
  const comments: Comment[] = [];
  // The shebang line is for Node; acorn reads it as a hashbang comment with allowHashBang.
  const program = parse(script, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true, onComment: comments });
  const nodes: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (typeof (n as Node).type === 'string') nodes.push((n as Node).type);
      for (const [k, v] of Object.entries(n)) if (k !== 'loc' && typeof v === 'object') walk(v);
    }
  };
  walk(program);
  return { nodes, comments: comments.length };
}

const PLAIN = { id: 'plain', title: 'Plain', table: 'Votes', other: 'Ledger', attribute: 'pk', value: 'v' };

describe('the exported SDK script (issue 21.2)', () => {
  it('keeps a title with a line separator inside its comment', () => {
    const attack = { ...PLAIN, title: "x\u2028import('node:child_process').then((c) => c.execSync('touch pwned'))\u2028//" };
    const script = workloadScript(scenario(attack));
    expect(script).not.toMatch(/[\u2028\u2029]/);
    expect(shape(script)).toEqual(shape(workloadScript(scenario(PLAIN))));
  });

  it('sends only its own commands (an operation named "constructor" is no command)', () => {
    const s = scenario(PLAIN);
    const script = workloadScript({ ...s, writes: [...s.writes, { at: 20, target: 'DynamoDB_20120810.constructor', input: {} }] });
    expect(script).toContain('1 scripted call(s) that are not writes were left out');
    expect(shape(script).nodes).toEqual(shape(workloadScript(s)).nodes);
  });

  it('parses to the same shape whatever Unicode the titles, names and values hold', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    // Table and attribute names must differ from each other for the shape to be the same.
    fc.assert(
      fc.property(fc.record({ id: text, title: text, table: text, other: text, attribute: text, value: text }), (t) => {
        fc.pre(t.table !== t.other);
        expect(shape(workloadScript(scenario(t)))).toEqual(shape(workloadScript(scenario(PLAIN))));
      }),
      { numRuns: 120 },
    );
  });
});
