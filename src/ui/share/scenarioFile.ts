/**
 * Scenario files: reading one the user picked (JSON, validated against the scenario format, every
 * problem listed with its path) and saving one (a download).
 *
 * May import: scenarios' schema. May not import: worker, sim runtime, React.
 */
import { parseScenario, type ScenarioV1 } from '../../scenarios/schema.ts';

/** Files larger than this are refused before reading (a scenario is a few hundred KB at most). */
export const MAX_SCENARIO_FILE_BYTES = 2_000_000;

export type FileResult = { ok: true; scenario: ScenarioV1 } | { ok: false; reason: string; message: string; details: string[] };

export function parseScenarioText(text: string): FileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'not-json', message: 'The file is not JSON, so it is not a Streamscope scenario.', details: [e instanceof Error ? e.message : String(e)] };
  }
  const r = parseScenario(data);
  if (!r.ok) return { ok: false, reason: 'invalid', message: 'The file is JSON, but not a valid scenario; nothing from it was loaded.', details: r.issues.map((i) => `${i.path}: ${i.message}`) };
  return { ok: true, scenario: r.scenario };
}

export async function readScenarioFile(file: File): Promise<FileResult> {
  if (file.size > MAX_SCENARIO_FILE_BYTES) {
    return { ok: false, reason: 'too-big', message: `The file is ${file.size.toLocaleString('en-US')} bytes; scenario files may be at most ${MAX_SCENARIO_FILE_BYTES.toLocaleString('en-US')}.`, details: [] };
  }
  return parseScenarioText(await file.text());
}

export { downloadText } from './download.ts';
