/**
 * The gallery's Challenges section: each challenge's title, what it teaches and whether this
 * browser has passed it (local progress), plus the instructor's page (solutions behind a reveal).
 *
 * May import: React, zustand, challenges' light list, ./challenge.store.ts. May not import: worker, the challenges' catalogue (a chunk of its own).
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { CHALLENGE_LIST } from '../../challenges/list.ts';
import { challengeStore } from './challenge.store.ts';

const InstructorPage = lazy(() => import('./InstructorPage.tsx'));

export function ChallengeList({ onChoose }: { onChoose: (id: string) => void }) {
  const progress = useStore(challengeStore, (s) => s.progress);
  const instructor = useRef<HTMLDialogElement>(null);
  const [instructorOpen, setInstructorOpen] = useState(false);
  return (
    <>
      <h3 className="gallery__subheading">Challenges</h3>
      <p className="gallery__hint">
        Exercises the simulation grades: change the code or the settings, then grade them on this run and on hidden variants. Progress stays in this browser.{' '}
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setInstructorOpen(true);
            instructor.current?.showModal();
          }}
        >
          Instructor&apos;s page
        </button>
      </p>
      <ul className="gallery__list" aria-label="Challenges to open">
        {CHALLENGE_LIST.map((c) => (
          <li key={c.id}>
            <button type="button" className="gallery__item" onClick={() => onChoose(c.id)}>
              <span className="gallery__title">Challenge: {c.title}</span>
              <span className="gallery__lesson">{c.teaches}</span>
              <span className="gallery__meta">
                {c.mode === 'code' ? 'Write the handler' : 'Change the settings'}
                {progress[c.id]?.passed ? <span className="challenge-list__done"> · passed</span> : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <dialog ref={instructor} className="gallery" aria-labelledby="instructor-heading" onClose={() => setInstructorOpen(false)}>
        <header className="gallery__header">
          <h2 id="instructor-heading">Instructor&apos;s page: challenges and solutions</h2>
          <button type="button" className="button button--small" onClick={() => instructor.current?.close()}>
            Close
          </button>
        </header>
        {instructorOpen && (
          <Suspense fallback={<p className="panel__hint">Loading…</p>}>
            <InstructorPage />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
