/**
 * The stage: the timeline filling the room the header, transport and dock leave, with the narration
 * callout below it. The callout is in the stage's flow, not over the timeline: it takes the room the
 * timeline leaves below its content (at least `MIN_CALLOUT_PX`, its text scrolling), and where the
 * timeline is taller than that room (presenter mode, a phone, many shards) the timeline scrolls
 * inside its box above the callout. A narration step whose text (or prediction: question and
 * choices) needs more room than that takes up to `STEP_CALLOUT_SHARE` of the stage, and the timeline
 * scrolls instead, its legend first: on a projector the step is read without scrolling the callout.
 * A short stage (a phone with its sheet open) is the exception: there the lanes come first, and the
 * callout, its header and footer in two rows (`stage__callout--short` in stage.css), keeps just
 * `SHORT_STAGE_LINES` lines of its text in view, the rest scrolling in its body; the timeline's box
 * shows the lanes after the moment rather than its tools cut in half (`momentInView.ts`).
 * So the callout never covers the consumers' lanes or the legend,
 * and the legend never covers the callout (#13, #20). It stays anchored in x at its moment. Where
 * the timeline scrolls, its box keeps the timeline's moment in view (`momentInView.ts`).
 *
 * May import: React, ./momentInView. May not import: worker, sim, stores (the stage only lays out what it is given).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMomentInView } from './momentInView.ts';

export interface StageProps {
  timeline: ReactNode;
  /** The callout, given the stage's width to anchor itself in. */
  callout: (stageWidth: number) => ReactNode;
}

/** The callout keeps at least this much height (header, a few lines, its buttons), even where it must overlap. */
export const MIN_CALLOUT_PX = 170;

/** The share of the stage a narration step's callout may take when the timeline leaves less. */
export const STEP_CALLOUT_SHARE = 0.45;

/**
 * Lines of text a callout on a short stage keeps in view (a stage is short where that share is
 * below `MIN_CALLOUT_PX`, as a phone's 329 px stage with its sheet open is). Two lines read as the start of the
 * step and, with the body's shadow, as "scroll for more"; the room a third would take shows a lane.
 */
export const SHORT_STAGE_LINES = 2;

/** Whether a stage this tall is short: the callout's minimum would take more than its share. */
export function isShortStage(stageHeight: number): boolean {
  return Math.floor(stageHeight * STEP_CALLOUT_SHARE) < MIN_CALLOUT_PX;
}

/**
 * The height a narration step's callout needs to show its text and any prediction unscrolled (its
 * body is the part that scrolls), or 0 for any other callout: the scenario's description before the
 * first step keeps the room the timeline leaves, so the page's first picture is laid out as the
 * build-time picture drew it.
 */
function stepHeight(callout: Element | null): number {
  const body = callout?.querySelector('.callout__body');
  if (!(callout instanceof HTMLElement) || !body || !callout.hasAttribute('data-step')) return 0;
  return Math.ceil(callout.getBoundingClientRect().height - body.getBoundingClientRect().height + body.scrollHeight);
}

/**
 * The height a callout needs to show its header, footer and the first `lines` lines of its text (the
 * body's first paragraph sets the line height), or undefined for a callout without a body (minimised).
 */
function linesHeight(callout: Element | null, lines: number): number | undefined {
  const body = callout?.querySelector('.callout__body');
  const text = body?.querySelector('p');
  if (!(callout instanceof HTMLElement) || !body || !text) return undefined;
  const lineHeight = parseFloat(getComputedStyle(text).lineHeight);
  if (!Number.isFinite(lineHeight)) return undefined;
  const chrome = callout.getBoundingClientRect().height - body.clientHeight;
  // From the body's top to its text's first line: the paragraph's margin (and a stale run's notice).
  const before = text.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
  return Math.ceil(chrome + before + lines * lineHeight);
}

export function Stage({ timeline, callout }: StageProps) {
  const stageRef = useRef<HTMLElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const calloutRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [room, setRoom] = useState<number | undefined>(undefined);
  const [short, setShort] = useState(false);
  useMomentInView(scrollRef, short ? 'lanes' : 'tools');
  useEffect(() => {
    const stage = stageRef.current;
    const box = calloutRef.current;
    const scroll = scrollRef.current;
    if (!stage || !box || !scroll) return;
    const measure = () => {
      setWidth(Math.floor(stage.clientWidth));
      // The timeline's own height (not its box's, which shrinks as the callout grows): what it leaves
      // below, but never more than 55% of the stage, and never less than the callout's minimum.
      const content = scroll.firstElementChild;
      if (content) {
        const h = stage.clientHeight;
        const share = Math.floor(h * STEP_CALLOUT_SHARE);
        const isShort = isShortStage(h);
        setShort(isShort);
        const left = Math.floor(h - content.getBoundingClientRect().height - 16);
        // On a phone's short stage the minimum gives way to 45% so some of the timeline stays in view.
        const min = Math.min(MIN_CALLOUT_PX, share);
        let next: number;
        if (isShort) {
          // On a short stage the lanes come first: the callout shows its first lines (and scrolls),
          // unless the timeline leaves it more.
          const firstLines = Math.min(linesHeight(box.firstElementChild, SHORT_STAGE_LINES) ?? min, min);
          next = Math.max(firstLines, Math.min(left, share));
        } else {
          const fit = Math.max(min, Math.min(left, Math.floor(h * 0.55)));
          // A step (its text, and a prediction's question and choices, at 1280×720) takes up to
          // `STEP_CALLOUT_SHARE` of the stage: the timeline scrolls instead (its legend, the last
          // thing in it, goes first), so the step is read without scrolling the callout.
          next = Math.max(fit, Math.min(stepHeight(box.firstElementChild), share));
        }
        // A pixel either way is rounding (the body's height is a rounded fraction): ignoring it keeps the callout still.
        setRoom((prev) => (prev !== undefined && Math.abs(prev - next) <= 1 ? prev : next));
      }
    };
    const ro = new ResizeObserver(measure);
    ro.observe(stage);
    // The timeline and the callout mount (and the callout swaps when minimised) after the stage: follow them.
    const observed = new Set<Element>();
    const follow = () => {
      for (const child of [scroll.firstElementChild, box.firstElementChild]) {
        if (child && !observed.has(child)) {
          observed.add(child);
          ro.observe(child);
        }
      }
      measure();
    };
    follow();
    const mo = new MutationObserver(follow);
    mo.observe(scroll, { childList: true });
    // And its steps: a step with a prediction after a long one may leave the callout's size unchanged.
    mo.observe(box, { childList: true, subtree: true });
    return () => {
      ro.disconnect();
      mo.disconnect();
    };
  }, []);
  return (
    <main ref={stageRef} className="stage" aria-label="Stage">
      <div ref={scrollRef} className="stage__scroll">
        {timeline}
      </div>
      <div ref={calloutRef} className={short ? 'stage__callout stage__callout--short' : 'stage__callout'} style={room === undefined ? undefined : ({ '--callout-max': `${room}px` } as React.CSSProperties)}>
        {callout(width)}
      </div>
    </main>
  );
}
