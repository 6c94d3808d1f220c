/**
 * The instructor's page: every challenge with what it teaches, its goals, the hidden variants it is
 * graded on, and its reference solution and explanation behind a reveal (a <details>), so the page
 * can be shown to a class without giving the answers away.
 *
 * May import: React, challenges' catalogue. May not import: worker, stores.
 */
import { challenges } from '../../challenges/catalogue.ts';
import type { Attempt, Challenge } from '../../challenges/schema.ts';
import './challenges.css';

function settingsInWords(c: Challenge, a: Attempt): string[] {
  return (a.settings ?? []).map((e) => {
    const s = c.allow.settings?.find((x) => x.path === e.p);
    const choice = s?.choices.find((x) => JSON.stringify(x.value) === JSON.stringify(e.v));
    return `${s?.label ?? e.p}: ${choice?.label ?? JSON.stringify(e.v)}`;
  });
}

export default function InstructorPage() {
  return (
    <ol className="instructor" aria-label="Challenges with solutions">
      {challenges.map((c) => (
        <li key={c.id} className="instructor__item">
          <h3>{c.title}</h3>
          <p>
            <strong>Teaches:</strong> {c.teaches}
          </p>
          <p>
            <strong>Goals:</strong> {c.goals.map((g) => g.says).join('; ')}.
          </p>
          <p>
            <strong>Graded on:</strong> {c.variants.map((v) => v.label).join('; ')}.
          </p>
          <details>
            <summary>Reveal the solution</summary>
            {c.solution.code !== undefined && <pre>{c.solution.code}</pre>}
            {settingsInWords(c, c.solution).length > 0 && (
              <ul>
                {settingsInWords(c, c.solution).map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            )}
            <p>{c.explanation}</p>
          </details>
        </li>
      ))}
    </ol>
  );
}
