/**
 * A grade, in words: passed (and which variants ran), or the goal that broke first, in which
 * variant, when, and a button that shows that moment on the timeline with the culprit record
 * selected. A refused attempt says why.
 *
 * May import: React, protocol types, panel formatting. May not import: worker runtime.
 */
import type { GradeFailure, GradeResult } from '../../worker/protocol.ts';
import { formatSimTime } from '../panels/format.ts';

export function ChallengeResult({ result, onShow }: { result: GradeResult; onShow: (failure: GradeFailure) => void }) {
  if (result.refused) {
    return (
      <div className="challenge__result challenge__result--refused" role="alert">
        <p>
          <strong>Not graded:</strong> {result.refused}
        </p>
      </div>
    );
  }
  const f = result.failure;
  return (
    <section className={`challenge__result challenge__result--${result.passed ? 'passed' : 'failed'}`} aria-labelledby="challenge-grade-heading">
      <h3 id="challenge-grade-heading">{result.passed ? 'Passed: every goal held in every run' : 'Not yet'}</h3>
      {f && (
        <>
          <p>
            <strong>{f.says}</strong> — broke {f.hidden ? `in a hidden variant (${f.variantLabel})` : 'in the run you see'} at {formatSimTime(f.atMs)}.
          </p>
          <p className="challenge__why">{f.message}</p>
          <button type="button" className="button button--small" onClick={() => onShow(f)}>
            Show where it broke{f.culprit ? ' (the record selected)' : ''}
          </button>
        </>
      )}
      <h4>Runs graded</h4>
      <ul className="challenge__variants" aria-label="Runs graded">
        {result.variants.map((v) => (
          <li key={v.id}>
            <span aria-hidden="true">{v.passed ? '✓' : '✗'}</span> {v.passed ? 'held' : 'broke'}: {v.hidden ? 'hidden variant — ' : ''}
            {v.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
