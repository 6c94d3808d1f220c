import { describe, expect, it } from 'vitest';
import { challenges, findChallenge } from './catalogue.ts';
import { checkAttempt, choiceIndex, runSpec, settingValue } from './attempt.ts';
import { parseScenario } from '../scenarios/schema.ts';
import { applyEdits } from '../scenarios/edits.ts';
import { findScenario } from '../scenarios/catalogue.ts';

describe('attempts', () => {
  it('every challenge starts from a built-in scenario, and every run it grades is a valid scenario', () => {
    for (const c of challenges) {
      const base = findScenario(c.scenario);
      expect(base, c.id).toBeDefined();
      for (const attempt of [c.start, c.solution, c.wrong.attempt]) {
        expect(checkAttempt(c, attempt).ok, c.id).toBe(true);
        for (const v of c.variants) {
          const spec = runSpec(c, v, attempt);
          const edited = applyEdits(base!, spec.edits);
          expect(edited.ok, `${c.id}/${v.id}`).toBe(true);
          const parsed = parseScenario(edited.ok ? edited.scenario : null);
          expect(parsed.ok ? [] : parsed.issues, `${c.id}/${v.id}`).toEqual([]);
        }
      }
    }
  });

  it('code becomes the consumer\'s handler, after the challenge\'s and the variant\'s edits', () => {
    const c = findChallenge('ttl-archiver')!;
    const spec = runSpec(c, c.variants[1]!, { code: 'x' });
    expect(spec.edits.slice(-2)).toEqual([
      { p: 'consumers/archiver/handler/idempotency', v: 'user' },
      { p: 'consumers/archiver/handler/code', v: 'x' },
    ]);
    expect(spec.seed).toBe(c.variants[1]!.seed);
  });

  it('settings are compared by value, whatever the key order', () => {
    const c = findChallenge('kcl-failover')!;
    const setting = c.allow.settings![0]!;
    expect(choiceIndex(setting, { n: 5, kind: 'every-n-records' })).toBe(1);
    expect(settingValue(c, {}, setting)).toEqual(setting.choices[0]!.value);
    expect(settingValue(c, { settings: [{ p: setting.path, v: { kind: 'every-batch' } }] }, setting)).toEqual({ kind: 'every-batch' });
  });

  it('an attempt without code is refused where code is graded; junk is refused with a reason', () => {
    const c = findChallenge('idempotent-vote-counter')!;
    expect(checkAttempt(c, {})).toMatchObject({ ok: false, message: expect.stringMatching(/no code/) });
    expect(checkAttempt(c, { code: 1 })).toMatchObject({ ok: false, message: expect.stringMatching(/not valid/) });
    expect(checkAttempt(c, { code: 'x', extra: true })).toMatchObject({ ok: false });
  });
});
