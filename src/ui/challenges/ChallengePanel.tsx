/**
 * The Challenge dock tab: what the open challenge teaches, the situation, the goals, what the learner
 * may change (their handler code in the editor, or the allowed settings), hints revealed one at a
 * time, Grade (the worker runs the attempt on the visible run and every hidden variant, with
 * progress), the grade, and an attempt link that replays the same grade for whoever opens it.
 * Loaded lazily with the challenges' data and the code editor.
 *
 * May import: React, zustand, @xstate/react, challenges (data, attempt), ./challenge.store.ts,
 * ./challengeRuns.ts, share (lazy codec), stores, protocol types. May not import: worker runtime (grade is passed in).
 */
import { useSelector } from '@xstate/react';
import { useEffect, useRef, useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import { useStore } from 'zustand';
import { findChallenge } from '../../challenges/catalogue.ts';
import { choiceIndex, settingValue } from '../../challenges/attempt.ts';
import type { Attempt, Challenge } from '../../challenges/schema.ts';
import type { GradeFailure, GradeProgress, GradeResult } from '../../worker/protocol.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import type { CodeEditor } from '../code/editor.ts';
import { loadCodec } from '../share/lazyCodec.ts';
import { linkUrl } from '../app/urlSync.ts';
import { dockTabChosen, recordSelected } from '../stores/view.store.ts';
import { attemptSaved, challengeClosed, challengeStore, gradeFailed, gradeFinished, gradeProgressed, gradeStarted, hintRevealed } from './challenge.store.ts';
import { attemptFromEdits, attemptPayload, visibleSource } from './challengeRuns.ts';
import { ChallengeCode } from './ChallengeCode.tsx';
import { ChallengeResult } from './ChallengeResult.tsx';
import '../code/code.css';
import './challenges.css';

type Playback = ActorRefFrom<PlaybackMachine>;
export type GradeCall = (challengeId: string, attempt: unknown, onProgress: (p: GradeProgress) => void) => Promise<GradeResult>;

export interface ChallengePanelProps {
  playback: Playback;
  grade: GradeCall;
}

export default function ChallengePanel({ playback, grade }: ChallengePanelProps) {
  const activeId = useStore(challengeStore, (s) => s.activeId);
  const challenge = activeId ? findChallenge(activeId) : undefined;
  if (!challenge) return <p className="panel__hint">No challenge is open: pick one in the gallery (Scenarios → Challenges).</p>;
  return <ChallengeBody key={challenge.id} challenge={challenge} playback={playback} grade={grade} />;
}

/** Shows a failure's moment: its run at the time it broke, with the record to blame selected. */
function showFailure(playback: Playback, f: GradeFailure): void {
  playback.send({ type: 'playback.load', source: { id: f.run.scenarioId, edits: f.run.edits }, ...(f.run.seed !== undefined ? { seed: f.run.seed } : {}), atMs: f.atMs });
  if (!f.culprit) return;
  recordSelected({ streamArn: f.culprit.streamArn, shardId: f.culprit.shardId, sequenceNumber: f.culprit.sequenceNumber });
  // The selection is made while the run loads, before the dock would follow it: open the inspector here.
  dockTabChosen('inspector');
}

function ChallengeBody({ challenge, playback, grade }: ChallengePanelProps & { challenge: Challenge }) {
  const saved = useStore(challengeStore, (s) => s.progress[challenge.id]);
  const grading = useStore(challengeStore, (s) => s.grading);
  const result = useStore(challengeStore, (s) => (s.result?.challengeId === challenge.id ? s.result : undefined));
  const error = useStore(challengeStore, (s) => s.error);
  const gradeOnLoad = useStore(challengeStore, (s) => s.gradeOnLoad);
  const run = useSelector(playback, (s) => s.context.run);
  const editor = useRef<CodeEditor | null>(null);
  const [editorVersion, setEditorVersion] = useState(0);
  const [link, setLink] = useState<string | undefined>();
  const allowed = challenge.allow.settings ?? [];
  const startFrom: Attempt = saved?.attempt ?? challenge.start;
  const [choices, setChoices] = useState<number[]>(() => allowed.map((s) => Math.max(0, choiceIndex(s, settingValue(challenge, startFrom, s)))));
  const hints = saved?.hints ?? 0;

  const attempt = (): Attempt => ({
    ...(challenge.allow.code ? { code: editor.current?.text() ?? startFrom.code ?? challenge.start.code ?? '' } : {}),
    ...(allowed.length > 0 ? { settings: allowed.map((s, i) => ({ p: s.path, v: s.choices[choices[i] ?? 0]!.value })) } : {}),
  });

  const runGrade = async (a: Attempt) => {
    attemptSaved(challenge.id, a);
    setLink(undefined);
    gradeStarted();
    try {
      const r = await grade(challenge.id, a, gradeProgressed);
      gradeFinished(r);
      if (r.refused) return;
      // A failure in the run the learner sees is shown at once; a hidden one waits for "Show".
      if (r.failure && !r.failure.hidden) showFailure(playback, r.failure);
      else playback.send({ type: 'playback.load', source: visibleSource(challenge, a) });
    } catch (e) {
      gradeFailed(e instanceof Error ? e.message : String(e));
    }
  };

  // An attempt link: the run on screen carries the attempt; grade it as soon as it is loaded.
  useEffect(() => {
    if (!gradeOnLoad || !run || run.scenarioId !== challenge.scenario) return;
    const fromLink = attemptFromEdits(challenge, run.edits ?? []);
    if (!fromLink) {
      gradeFailed('This link does not hold an attempt at this challenge, so there is nothing to grade.');
      return;
    }
    attemptSaved(challenge.id, fromLink);
    setChoices(allowed.map((s) => Math.max(0, choiceIndex(s, settingValue(challenge, fromLink, s)))));
    setEditorVersion((v) => v + 1);
    void runGrade(fromLink);
    // Runs once per link: runGrade clears gradeOnLoad.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gradeOnLoad, run]);

  const copyLink = async () => {
    const { encodeLink } = await loadCodec();
    const url = linkUrl(encodeLink(attemptPayload(challenge, attempt())));
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // The link is shown to copy by hand.
    }
  };

  const consumerKind = challenge.allow.code ? run?.scenario.consumers?.find((c) => c.id === challenge.allow.code!.consumer)?.handler.kind : undefined;
  if (gradeOnLoad && !run) return <p className="panel__hint">Loading the attempt…</p>;
  return (
    <section className="panel challenge" aria-labelledby="challenge-heading">
      <header className="panel__header">
        <h2 id="challenge-heading">Challenge: {challenge.title}</h2>
        <span className="panel__actions">
          {saved?.passed && <span className="pill pill--passed">Passed</span>}
          <button type="button" className="button button--small" onClick={challengeClosed}>
            Close challenge
          </button>
        </span>
      </header>
      <p className="challenge__teaches">
        <strong>Teaches:</strong> {challenge.teaches}
      </p>
      <p>{challenge.brief}</p>
      <h3>Goal</h3>
      <ul className="challenge__goals" aria-label="Goals">
        {challenge.goals.map((g, i) => (
          <li key={i}>{g.says}</li>
        ))}
      </ul>
      <p className="panel__hint">
        Graded on the run you see and {challenge.variants.length - 1} hidden variants (other seeds, faults and workloads): an answer tuned to this run fails.
      </p>
      {challenge.allow.code && (
        <ChallengeCode
          key={editorVersion}
          initial={startFrom.code ?? challenge.start.code ?? ''}
          start={challenge.start.code ?? ''}
          counterTemplates={consumerKind === 'vote-counter'}
          editorRef={editor}
          onLeave={(code) => attemptSaved(challenge.id, { ...attempt(), code })}
        />
      )}
      {allowed.length > 0 && (
        <fieldset className="challenge__settings">
          <legend>Settings you may change</legend>
          {allowed.map((s, i) => (
            <label key={s.path}>
              {s.label}{' '}
              <select value={choices[i] ?? 0} onChange={(e) => setChoices(choices.map((c, j) => (j === i ? Number(e.target.value) : c)))}>
                {s.choices.map((c, k) => (
                  <option key={k} value={k}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      <div className="challenge__actions">
        <button type="button" className="button button--primary" disabled={grading !== undefined} onClick={() => void runGrade(attempt())}>
          Grade my attempt
        </button>
        <button type="button" className="button button--small" disabled={hints >= challenge.hints.length} onClick={() => hintRevealed(challenge.id, hints + 1)}>
          {hints >= challenge.hints.length ? 'No more hints' : `Show a hint (${hints + 1} of ${challenge.hints.length})`}
        </button>
        <button type="button" className="button button--small" onClick={() => void copyLink()}>
          Copy attempt link
        </button>
      </div>
      {hints > 0 && (
        <ol className="challenge__hints" aria-label="Hints">
          {challenge.hints.slice(0, hints).map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ol>
      )}
      {link && (
        <label className="challenge__link">
          Attempt link (your code and settings; the hidden variants are not in it){' '}
          <input type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
        </label>
      )}
      {grading && (
        <p role="status" className="challenge__progress">
          Grading… <progress max={grading.total} value={grading.done} aria-label="Grading" /> run {Math.min(grading.done + 1, grading.total)} of {grading.total}
          {grading.variant ? `: ${grading.variant}` : ''}
        </p>
      )}
      {error && (
        <p role="alert" className="challenge__result challenge__result--refused">
          {error}
        </p>
      )}
      {result && !grading && <ChallengeResult result={result} onShow={(f) => showFailure(playback, f)} />}
    </section>
  );
}
