/**
 * A narration step's "place your bets" question: choices, then the answer revealed (ncase/trust's
 * predict-before-the-run). The answer is kept per step, so Back and Next do not carry it over.
 *
 * May import: React. May not import: worker, sim.
 */
import { useEffect, useRef, useState } from 'react';

export function Predict({ question, choices, answer, stepKey }: { question: string; choices: readonly string[]; answer: number; stepKey: string }) {
  const [chosen, setChosen] = useState<{ key: string; choice: number } | null>(null);
  const picked = chosen?.key === stepKey ? chosen.choice : null;
  const answerRef = useRef<HTMLParagraphElement>(null);
  // The answer comes below the choices: in a callout that scrolls, it is brought into view.
  useEffect(() => {
    if (picked !== null) answerRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [picked]);
  return (
    <div className="predict">
      <p className="predict__question">
        <strong>Predict:</strong> {question}
      </p>
      {/* One row with the choices where there is room (the stage's callout): the reveal needs no line of its own. */}
      <div className="predict__row">
      <ol className="predict__choices" aria-label="Choices">
        {choices.map((c, i) => {
          const state = picked === null ? '' : i === answer ? ' predict__choice--right' : i === picked ? ' predict__choice--wrong' : '';
          return (
            <li key={i}>
              <button type="button" className={`predict__choice${state}`} aria-pressed={picked === i} disabled={picked !== null} onClick={() => setChosen({ key: stepKey, choice: i })}>
                {c}
              </button>
            </li>
          );
        })}
      </ol>
      {picked === null ? (
        <button type="button" className="button button--small" onClick={() => setChosen({ key: stepKey, choice: -1 })}>
          Reveal the answer
        </button>
      ) : (
        <p className="predict__answer" role="status" ref={answerRef}>
          {picked === answer ? 'Right: ' : picked >= 0 ? 'Not quite. ' : ''}
          The answer is “{choices[answer]}”. Play on to see it happen.
        </p>
      )}
      </div>
    </div>
  );
}
