/**
 * The dock: every panel that is not the stage, behind tabs, in a side sheet on wide screens and a
 * bottom sheet on narrow ones. Resizable (drag the edge, or focus it and use the arrow keys),
 * collapsible, and remembered in this browser through the view store. A click on a record (on the
 * timeline or in the stream) opens the Inspector tab; the stage does not move, because the dock
 * has its own box and scrolls inside it. On a phone a finding's "Show at…" keeps the Findings list.
 *
 * May import: React, the view store, ./dockState. May not import: worker, sim, playback machine.
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { dockCollapsedChanged, dockResized, dockTabChosen, useViewStore } from '../stores/view.store.ts';
import { BOTTOM_MIN, DOCK_TAB_LABELS, NARROW_MAX_WIDTH, narrowViewport, selectionOpensInspector, SIDE_MIN, visibleTab, type DockTabId } from './dockState.ts';

const NARROW_QUERY = `(max-width: ${NARROW_MAX_WIDTH}px)`;
const KEY_STEP_PX = 32;

/** Is the viewport narrow (the dock a bottom sheet)? Follows resizes and rotation. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(NARROW_QUERY);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}

/**
 * Opens the Inspector tab whenever a record is selected (the selection changes to a new record),
 * unless it was shown from a list on a phone (`selectionOpensInspector`).
 */
function useInspectorOnSelect(available: readonly DockTabId[]): void {
  const selected = useViewStore((s) => s.selectedRecord);
  const first = useRef(true);
  const hasInspector = available.includes('inspector');
  useEffect(() => {
    // The selection a link restores at start does not pull the dock away from the remembered tab.
    if (first.current) {
      first.current = false;
      return;
    }
    if (selected && hasInspector && selectionOpensInspector(useViewStore.getState().selectedFrom, narrowViewport())) dockTabChosen('inspector');
  }, [selected, hasInspector]);
}

/** The tabs opened so far (a new set when one is added, so React sees the change). */
function useVisited(tab: DockTabId | undefined): ReadonlySet<DockTabId> {
  const [visited, setVisited] = useState<ReadonlySet<DockTabId>>(() => new Set(tab ? [tab] : []));
  if (tab && !visited.has(tab)) {
    const next = new Set(visited).add(tab);
    setVisited(next);
    return next;
  }
  return visited;
}

/** The edge between stage and dock: a separator that drags, and moves with the arrow keys. */
function ResizeEdge({ narrow, size }: { narrow: boolean; size: number }) {
  const drag = useRef<{ start: number; size: number; room: number } | null>(null);
  const edge = narrow ? 'bottom' : 'side';
  const room = () => (narrow ? window.innerHeight : window.innerWidth);
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    drag.current = { start: narrow ? e.clientY : e.clientX, size, room: room() };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    // The dock sits right of (or below) the stage: dragging towards the stage makes it bigger.
    const delta = d.start - (narrow ? e.clientY : e.clientX);
    dockResized(edge, d.size + delta, d.room);
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const grow = narrow ? 'ArrowUp' : 'ArrowLeft';
    const shrink = narrow ? 'ArrowDown' : 'ArrowRight';
    if (e.key !== grow && e.key !== shrink) return;
    e.preventDefault();
    e.stopPropagation(); // arrows also step playback; here they resize
    dockResized(edge, size + (e.key === grow ? KEY_STEP_PX : -KEY_STEP_PX), room());
  };
  return (
    <div
      className="dock__edge"
      role="separator"
      tabIndex={0}
      aria-label="Resize the panels"
      aria-orientation={narrow ? 'horizontal' : 'vertical'}
      aria-valuenow={size}
      aria-valuemin={narrow ? BOTTOM_MIN : SIDE_MIN}
      aria-valuemax={Math.max(size, Math.floor((narrow ? window.innerHeight : window.innerWidth) * 0.6))}
      title={narrow ? 'Drag, or ↑ ↓, to resize the panels' : 'Drag, or ← →, to resize the panels'}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}

export interface DockProps {
  /** The tabs this run and mode offer, in order (empty: no dock). */
  tabs: readonly DockTabId[];
  /** A different name for a tab in this run (an imported stream's Findings). */
  labels?: Partial<Record<DockTabId, string>>;
  /**
   * A count on a tab and what it counts ("3 findings", the tab's description for screen readers).
   * Shown on the bottom sheet only: a phone's sheet starts folded (an import folds it too), and
   * its tabs are then all it shows; the side sheet shows the panel, whose heading has the count.
   */
  counts?: Partial<Record<DockTabId, { count: number; description: string }>>;
  children: (tab: DockTabId) => ReactNode;
}

export function Dock({ tabs, labels, counts, children }: DockProps) {
  const dock = useViewStore((s) => s.dock);
  const narrow = useNarrow();
  useInspectorOnSelect(tabs);
  const tabRefs = useRef(new Map<DockTabId, HTMLButtonElement>());
  const tab = visibleTab(dock.tab, tabs);
  const visited = useVisited(dock.collapsed ? undefined : tab);
  if (!tab) return null;
  const size = narrow ? dock.bottomHeight : dock.sideWidth;
  const label = (t: DockTabId) => labels?.[t] ?? DOCK_TAB_LABELS[t];
  const count = (t: DockTabId) => (narrow && counts?.[t]?.count ? counts[t] : undefined);

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); they must not also step playback.
  const onTabKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(tab);
    const to = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    e.stopPropagation();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    dockTabChosen(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <aside
      className={`dock dock--${narrow ? 'bottom' : 'side'}${dock.collapsed ? ' dock--collapsed' : ''}`}
      aria-label="Panels"
      style={dock.collapsed ? undefined : narrow ? { height: size } : { width: size }}
    >
      {!dock.collapsed && <ResizeEdge narrow={narrow} size={size} />}
      <div className="dock__bar">
        <div className="dock__tabs" role="tablist" aria-label="Panel tabs" aria-orientation="horizontal" onKeyDown={onTabKey}>
          {tabs.map((t) => (
            <button
              key={t}
              ref={(el) => {
                if (el) tabRefs.current.set(t, el);
                else tabRefs.current.delete(t);
              }}
              type="button"
              role="tab"
              id={`dock-tab-${t}`}
              className="dock__tab"
              aria-selected={t === tab && !dock.collapsed}
              aria-controls={visited.has(t) && !dock.collapsed ? `dock-panel-${t}` : undefined}
              tabIndex={t === tab ? 0 : -1}
              aria-describedby={count(t) ? `dock-tab-${t}-count` : undefined}
              onClick={() => dockTabChosen(t)}
            >
              {label(t)}
              {/* The number is seen, the description heard: the tab's name stays its label ("Findings"). */}
              {count(t) && (
                <>
                  <span className="dock__count" aria-hidden="true">
                    {count(t)!.count.toLocaleString('en-US')}
                  </span>
                  <span id={`dock-tab-${t}-count`} hidden>
                    {count(t)!.description}
                  </span>
                </>
              )}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button--small dock__toggle"
          aria-expanded={!dock.collapsed}
          aria-label={dock.collapsed ? 'Show panels' : 'Hide panels'}
          onClick={() => dockCollapsedChanged(!dock.collapsed)}
          title={dock.collapsed ? 'Show the panels' : 'Hide the panels: the stage takes the room'}
        >
          <span aria-hidden="true">{narrow ? (dock.collapsed ? '▴' : '▾') : dock.collapsed ? '«' : '»'}</span>
        </button>
      </div>
      {/* Tabs once opened stay mounted (hidden), so a half-typed write or a scrolled log survives a switch. */}
      {tabs
        .filter((t) => visited.has(t))
        .map((t) => (
          <div key={t} className="dock__body" role="tabpanel" id={`dock-panel-${t}`} aria-labelledby={`dock-tab-${t}`} tabIndex={0} hidden={dock.collapsed || t !== tab}>
            {children(t)}
          </div>
        ))}
    </aside>
  );
}
