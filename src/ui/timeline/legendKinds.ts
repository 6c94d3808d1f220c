/**
 * Which kinds of marks a frame shows (its window of the run), so the legend lists only those
 * (#13.3): record shapes, redelivered and harmful duplicates, trimmed history, crashes and broken
 * checks, each consumer's checkpoint flag and iterator caret, expired iterators, lease holders and
 * batch outcomes. Keys match the legend's entries (`legendEntries`).
 *
 * May import: zustand (vanilla), protocol types, worker/client.ts constants, ./codes.ts. May not import: React, DOM.
 */
import { createStore } from 'zustand/vanilla';
import { EVENT_NAMES, MARK_KINDS } from '../../worker/client.ts';
import type { MarksFrame } from './drawMarks.ts';
import { BATCH_OUTCOMES, BATCH_TRIGGERS } from './codes.ts';

export type LegendKinds = ReadonlySet<string>;

const CRASH = MARK_KINDS.indexOf('crash');
const BROKEN = MARK_KINDS.indexOf('broken');
const THROTTLED = MARK_KINDS.indexOf('throttled');
const FAILED = BATCH_OUTCOMES.indexOf('failed');
const PENDING = BATCH_OUTCOMES.indexOf('pending');
const ABANDONED = BATCH_OUTCOMES.indexOf('abandoned');
const RETRYING = new Set(['retry', 'partial-retry', 'redelivery'].map((t) => BATCH_TRIGGERS.indexOf(t as (typeof BATCH_TRIGGERS)[number])));
const BISECT = BATCH_TRIGGERS.indexOf('bisect');

export function legendKinds(frame: MarksFrame & { workers?: readonly string[] }, consumers: readonly string[]): Set<string> {
  const k = new Set<string>();
  const r = frame.records;
  for (let i = 0; i < r.t.length; i++) {
    k.add(EVENT_NAMES[r.event[i]!] ?? 'INSERT');
    if (r.deliveries[i]! > 1) k.add(r.harm[i] ? 'harm' : 'redelivered');
    if (r.trimmed[i]) k.add('trimmed');
    if (r.byService?.[i]) k.add('service-delete');
  }
  if (r.t.length > 1) k.add('keys');
  for (let i = 0; i < frame.marks.t.length; i++) {
    if (frame.marks.kind[i] === CRASH) k.add('crash');
    if (frame.marks.kind[i] === BROKEN) k.add('broken');
    if (frame.marks.kind[i] === THROTTLED) k.add('throttled');
  }
  for (const cl of frame.consumerLanes) {
    const name = consumers[cl.consumer];
    if (cl.checkpointMs !== undefined && Number.isFinite(cl.checkpointMs)) k.add(`checkpoint:${name}`);
    if (cl.iteratorMs !== undefined) k.add(cl.expiredAtMs !== undefined ? 'expired' : `iterator:${name}`);
  }
  for (let i = 0; i < frame.leases.t0.length; i++) k.add(`lease:${frame.workers?.[frame.leases.worker[i]!] ?? ''}`);
  const B = frame.batches;
  for (let i = 0; i < B.t0.length; i++) {
    const o = B.outcome[i]!;
    k.add(o === FAILED ? 'batch-failed' : o === PENDING || o === ABANDONED ? 'abandoned' : 'batch-ok');
    // A batch handed over less than a travel time ago is drawn as a dot on its way (drawMarks).
    k.add('in-flight');
    if (RETRYING.has(B.trigger[i]!)) k.add('retry');
    if (B.trigger[i] === BISECT) k.add('bisect');
  }
  return k;
}

/** A stable string of the kinds (React re-lays out the legend only when it changes). */
export function legendSignature(kinds: ReadonlySet<string>): string {
  return [...kinds].sort().join('|');
}

/**
 * The kinds in view, as the legend reads them: published by the layered canvas when it redraws its
 * marks layer (the frame's data changed), so no selector walks the window's records on every frame.
 */
export const legendKindsStore = createStore<{ signature: string }>()(() => ({ signature: '' }));

export function legendKindsPublished(frame: MarksFrame & { workers?: readonly string[] }, consumers: readonly string[]): void {
  const signature = legendSignature(legendKinds(frame, consumers));
  if (signature !== legendKindsStore.getState().signature) legendKindsStore.setState({ signature });
}
