// Fuzzing the two doors scenarios come in by: share links (`decodeLink`) and scenario files
// (`parseScenario` on parsed JSON), with the inputs of `fuzzInputs.ts`. Each input must give a valid
// payload/scenario or a named failure with a message, and never throw; every kind of input must be
// tried and both outcomes seen. How long each input takes is measured by the benchmark
// (`tools/bench/decode.ts`), not here: the caps that bound the work (link length, inflated size) are
// asserted in codec.test.ts. Fixed seed; STREAMSCOPE_FUZZ_RUNS=100000 (and STREAMSCOPE_FUZZ_SEED)
// for a soak run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario } from '../scenarios/schema.ts';
import { decodeLink, encodeLink } from './codec.ts';
import { fileInputArb, linkInputArb } from './fuzzInputs.ts';
import { LinkPayloadSchema } from './schema.ts';

const RUNS = Number(process.env.STREAMSCOPE_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.STREAMSCOPE_FUZZ_SEED ?? 424_242);
const REASONS = new Set(['not-a-link', 'too-long', 'too-new', 'unknown-version', 'corrupt', 'invalid']);

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

describe('fuzz: links and scenario files', () => {
  it(`decodeLink: ${RUNS} random and mutated links each give a payload or a named failure`, { timeout: 120_000 }, () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(linkInputArb, ([how, input]) => {
        const r = decodeLink(input);
        bump(outcomes, `${how}→${r.ok ? 'ok' : r.reason}`);
        if (r.ok) {
          // A payload that decodes is valid, scenario and all, and re-encodes.
          expect(LinkPayloadSchema.safeParse(r.payload).success).toBe(true);
          if ('inline' in r.payload.scenario) expect(parseScenario(r.payload.scenario.inline).ok).toBe(true);
          expect(() => encodeLink(r.payload)).not.toThrow();
        } else {
          expect(REASONS.has(r.reason), r.reason).toBe(true);
          expect(r.message.length).toBeGreaterThan(20);
          if (r.reason === 'invalid') {
            expect(r.details?.length).toBeGreaterThan(0);
            for (const d of r.details ?? []) expect(d).toMatch(/^.+: .+/);
          }
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Every kind of input was tried, and both doors of the result were exercised.
    const kinds = new Set([...outcomes.keys()].map((k) => k.split('→')[0]));
    expect(kinds.size, [...kinds].join(', ')).toBeGreaterThan(3);
    expect([...outcomes.keys()].some((k) => k.endsWith('→ok'))).toBe(true);
    expect([...outcomes.keys()].some((k) => !k.endsWith('→ok'))).toBe(true);
    expect([...outcomes.keys()].filter((k) => k.startsWith('json→')).length).toBeGreaterThan(1);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it(`parseScenario: ${Math.ceil(RUNS / 4)} mutated scenario files each give a scenario or issues naming a path`, { timeout: 120_000 }, () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(fileInputArb, (data) => {
        const r = parseScenario(data);
        bump(outcomes, r.ok ? 'ok' : 'issues');
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) {
            expect(i.path.length).toBeGreaterThan(0);
            expect(i.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: SEED + 1, endOnFailure: true },
    );
    expect(outcomes.get('ok')).toBeGreaterThan(0);
    expect(outcomes.get('issues')).toBeGreaterThan(0);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
