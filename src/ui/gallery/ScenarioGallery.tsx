/**
 * The scenario gallery: a "Scenarios" button opening a modal dialog that lists the catalogue's
 * gallery entries (title, the whole lesson, simulated length, difficulty). Choosing one loads it
 * through the playback machine (the link writer then puts it in the URL, so links keep working).
 * Below them, the compare pairs (`scenarios/comparisonPairs.ts`) open the compare view (`?compare=`):
 * each names its question and its left and right runs.
 * A native <dialog>: focus moves in, Escape closes, focus returns to the button.
 *
 * Below the scenarios, the Challenges section (`ui/challenges/ChallengeList.tsx`) opens a challenge.
 *
 * The dialog's contents are rendered after the first live frame (or at once when it is opened
 * before): closed, they are not on the first screen, and rendering them (two dozen cards, re-rendered
 * when the first run names the current one) and loading the challenges' chunk took main-thread time
 * from the first frame.
 *
 * May import: React, the gallery index (data), the challenge list, ui/firstFrame/useAfterFirstFrame.ts. May not import: worker/sim runtime.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { formatLength, gallery, type Difficulty } from '../../scenarios/galleryIndex.ts';
import { comparisons } from '../../scenarios/comparisonPairs.ts';
import { useAfterFirstFrame } from '../firstFrame/useAfterFirstFrame.ts';
import './gallery.css';

// The challenges' section (their headings and this browser's progress): a chunk of its own, off the first load.
const ChallengeList = lazy(() => import('../challenges/ChallengeList.tsx').then((m) => ({ default: m.ChallengeList })));

const DIFFICULTY_TEXT: Record<Difficulty, string> = { intro: 'Introduction', core: 'Core', advanced: 'Advanced' };

export function ScenarioGallery({ currentId, onChoose, onChooseChallenge }: { currentId: string | undefined; onChoose: (id: string) => void; onChooseChallenge?: (id: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const filled = useAfterFirstFrame() || opened;
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => {
          setOpened(true);
          dialog.current?.showModal();
        }}
      >
        Scenarios
      </button>
      <dialog ref={dialog} className="gallery" aria-labelledby="gallery-heading" onClick={(e) => e.target === dialog.current && dialog.current?.close()}>
        <header className="gallery__header">
          <h2 id="gallery-heading">Scenarios</h2>
          <button type="button" className="button button--small" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </header>
        {filled && <GalleryContents currentId={currentId} close={() => dialog.current?.close()} onChoose={onChoose} onChooseChallenge={onChooseChallenge} />}
      </dialog>
    </>
  );
}

function GalleryContents({ currentId, close, onChoose, onChooseChallenge }: { currentId: string | undefined; close: () => void; onChoose: (id: string) => void; onChooseChallenge?: (id: string) => void }) {
  return (
    <>
      <ul className="gallery__list" aria-label="Scenarios to open">
        {gallery.map((g) => (
          <li key={g.id}>
            <button
              type="button"
              className={`gallery__item${g.id === currentId ? ' gallery__item--current' : ''}`}
              aria-current={g.id === currentId ? 'true' : undefined}
              onClick={() => {
                close();
                if (g.id !== currentId) onChoose(g.id);
              }}
            >
              <span className="gallery__title">{g.title}</span>
              <span className="gallery__lesson">{g.lesson}</span>
              <span className="gallery__meta">
                <span className={`pill pill--${g.difficulty}`}>{DIFFICULTY_TEXT[g.difficulty]}</span> {formatLength(g.durationMs)} simulated
                {g.id === currentId ? ' · open now' : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {onChooseChallenge && (
        <Suspense fallback={null}>
          <ChallengeList
            onChoose={(id) => {
              close();
              onChooseChallenge(id);
            }}
          />
        </Suspense>
      )}
      <h3 className="gallery__subheading">Compare side by side</h3>
      <p className="gallery__hint">Two runs of the same story on one playhead, each with its own verdict.</p>
      <ul className="gallery__list gallery__list--pairs" aria-label="Comparisons to open">
        {comparisons.map((c) => (
          <li key={c.id}>
            <a className="gallery__item" href={`?compare=${c.id}`}>
              <span className="gallery__title">Compare: {c.title}</span>
              <span className="gallery__lesson">{c.question}</span>
              <dl className="gallery__sides">
                <dt>Left:</dt>
                <dd>{c.left.label}</dd>
                <dt>Right:</dt>
                <dd>{c.right.label}</dd>
              </dl>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
