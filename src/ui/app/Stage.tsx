/**
 * The stage: the timeline filling the room the header, transport and dock leave, with the narration
 * callout on top of it. The timeline scrolls inside the stage (never the page), and gets a bottom
 * padding the height of the callout so its last lanes can be scrolled clear of it.
 *
 * May import: React. May not import: worker, sim, stores (the stage only lays out what it is given).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface StageProps {
  timeline: ReactNode;
  /** The callout, given the stage's width to anchor itself in. */
  callout: (stageWidth: number) => ReactNode;
}

export function Stage({ timeline, callout }: StageProps) {
  const stageRef = useRef<HTMLElement>(null);
  const calloutRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [calloutHeight, setCalloutHeight] = useState(0);
  useEffect(() => {
    const stage = stageRef.current;
    const box = calloutRef.current;
    if (!stage || !box) return;
    const ro = new ResizeObserver(() => {
      setWidth(Math.floor(stage.clientWidth));
      setCalloutHeight(Math.ceil(box.getBoundingClientRect().height));
    });
    ro.observe(stage);
    ro.observe(box);
    return () => ro.disconnect();
  }, []);
  return (
    <main ref={stageRef} className="stage" aria-label="Stage">
      <div className="stage__scroll" style={{ paddingBottom: calloutHeight + 12 }}>
        {timeline}
      </div>
      <div ref={calloutRef} className="stage__callout">
        {callout(width)}
      </div>
    </main>
  );
}
