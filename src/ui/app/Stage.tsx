/**
 * The stage: the timeline filling the room the header, transport and dock leave, with the narration
 * callout on top of it. The timeline scrolls inside the stage (never the page), and gets a bottom
 * padding the height of the callout so its last lanes can be scrolled clear of it. The callout is
 * kept to the room the timeline leaves below it (at least `MIN_CALLOUT_PX`, its text scrolling), so
 * on a projector or a small screen it does not cover the consumers' lanes and the legend (#20).
 *
 * May import: React. May not import: worker, sim, stores (the stage only lays out what it is given).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface StageProps {
  timeline: ReactNode;
  /** The callout, given the stage's width to anchor itself in. */
  callout: (stageWidth: number) => ReactNode;
}

/** The callout keeps at least this much height (header, a few lines, its buttons), even where it must overlap. */
export const MIN_CALLOUT_PX = 170;

export function Stage({ timeline, callout }: StageProps) {
  const stageRef = useRef<HTMLElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const calloutRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [calloutHeight, setCalloutHeight] = useState(0);
  const [room, setRoom] = useState<number | undefined>(undefined);
  useEffect(() => {
    const stage = stageRef.current;
    const box = calloutRef.current;
    const content = scrollRef.current?.firstElementChild;
    if (!stage || !box) return;
    const ro = new ResizeObserver(() => {
      setWidth(Math.floor(stage.clientWidth));
      // The callout itself (the box fills the stage to lay it out at the bottom).
      setCalloutHeight(Math.ceil(box.firstElementChild?.getBoundingClientRect().height ?? 0));
      if (content) setRoom(Math.max(MIN_CALLOUT_PX, Math.floor(stage.clientHeight - content.getBoundingClientRect().height - 16)));
    });
    ro.observe(stage);
    ro.observe(box);
    if (box.firstElementChild) ro.observe(box.firstElementChild);
    if (content) ro.observe(content);
    return () => ro.disconnect();
  }, []);
  return (
    <main ref={stageRef} className="stage" aria-label="Stage">
      <div ref={scrollRef} className="stage__scroll" style={{ paddingBottom: calloutHeight + 12 }}>
        {timeline}
      </div>
      <div ref={calloutRef} className="stage__callout" style={room === undefined ? undefined : ({ '--callout-max': `${room}px` } as React.CSSProperties)}>
        {callout(width)}
      </div>
    </main>
  );
}
