import { describe, expect, it } from 'vitest';
import { defaultScenarioId, findScenario } from '../../scenarios/catalogue.ts';
import { parseScenarioText } from './scenarioFile.ts';

describe('parseScenarioText', () => {
  it('accepts a built-in scenario written as a file', () => {
    expect(parseScenarioText(JSON.stringify(findScenario(defaultScenarioId)))).toMatchObject({ ok: true });
  });

  it('names what is not JSON, and lists every invalid field with its path', () => {
    expect(parseScenarioText('{"id": ')).toMatchObject({ ok: false, reason: 'not-json' });
    const absurd = { ...findScenario(defaultScenarioId), durationMs: -1, writes: Array.from({ length: 6_000 }, () => ({ at: 0, target: 'DynamoDB_20120810.PutItem', input: {} })), consumers: [{ id: 'c', kind: 'quantum' }] };
    const r = parseScenarioText(JSON.stringify(absurd));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.details.join('\n')).toMatch(/durationMs: must not be negative/);
      expect(r.details.join('\n')).toMatch(/writes: at most 5000 scripted calls/);
      expect(r.details.join('\n')).toMatch(/consumers\.0/);
    }
  });
});
