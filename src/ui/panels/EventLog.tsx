/**
 * The text event log (accessibility): what happened up to the playhead, in words, one line per
 * notable fact, newest last, from the frame's `eventLog` (built by the worker from trace facts).
 *
 * It is a `role="log"` region, so screen readers announce new lines politely. While playing it is
 * refreshed at most every `PLAYING_REFRESH_MS`, so a fast run does not flood the listener; when
 * paused, stepping or seeking it follows the playhead at once. It takes focus (Tab), so a keyboard
 * user can scroll it, and it scales with presenter mode's larger type.
 *
 * May import: React, zustand, @xstate/react, stores, protocol types, format helpers.
 * May not import: worker or sim runtime.
 */
import { useSelector } from '@xstate/react';
import { useEffect, useRef, useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import { useStore } from 'zustand';
import type { EventLogLine } from '../../worker/protocol.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { frameStore } from '../stores/frame.store.ts';
import { eventLogShown } from '../stores/eventLogReaders.store.ts';

export const PLAYING_REFRESH_MS = 2_500;

/** `12.4 s` or `1:05.2`: short, for reading aloud. */
export function formatLogTime(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${m}:${rest < 10 ? '0' : ''}${rest.toFixed(1)}`;
}

const EMPTY: EventLogLine[] = [];

export function EventLog({ playback }: { playback: ActorRefFrom<PlaybackMachine> }) {
  const latest = useStore(frameStore, (s) => s.panelFrame?.eventLog ?? EMPTY);
  const playing = useSelector(playback, (s) => s.matches('playing'));
  const [shown, setShown] = useState(latest);
  const lastShownAt = useRef(0);
  const listRef = useRef<HTMLDivElement>(null);

  // The worker builds the log only for frames that ask for it: they do while this panel is open.
  useEffect(() => eventLogShown(), []);

  // The newest line is at the bottom: keep it in view.
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [shown]);

  useEffect(() => {
    if (latest === shown) return;
    const now = performance.now();
    const wait = playing ? Math.max(0, lastShownAt.current + PLAYING_REFRESH_MS - now) : 0;
    const timer = setTimeout(() => {
      lastShownAt.current = performance.now();
      setShown(latest);
    }, wait);
    return () => clearTimeout(timer);
  }, [latest, shown, playing]);

  return (
    <section className="panel panel--log" aria-labelledby="event-log-heading">
      <header className="panel__header">
        <h2 id="event-log-heading">What happened</h2>
        <span className="panel__meta">up to the playhead, in words{playing ? ' · updates every few seconds while playing' : ''}</span>
      </header>
      <div ref={listRef} className="event-log" role="log" aria-live="polite" aria-relevant="additions" aria-label="Event log" tabIndex={0}>
        <ol className="event-log__lines">
        {shown.length === 0 && <li className="event-log__line event-log__line--none">Nothing has happened yet: press Play or →.</li>}
        {shown.map((l, i) => (
          <li key={`${l.atMs}:${l.text}`} className={`event-log__line event-log__line--${l.kind}${i === shown.length - 1 ? ' event-log__line--last' : ''}`}>
            <span className="event-log__time">{formatLogTime(l.atMs)}</span> · {l.text}
          </li>
        ))}
        </ol>
      </div>
    </section>
  );
}
