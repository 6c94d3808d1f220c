/**
 * What React and the DOM do per animation frame while the app plays: React commits, component
 * renders grouped by the panel they sit in (the nearest `PanelBoundary`'s name; "app" outside any),
 * and DOM mutations. An init script installs a minimal React DevTools hook before React loads
 * (React calls `onCommitFiberRoot` in production builds too) and a MutationObserver.
 *
 * A function or class component rendered in a commit when it carries React's PerformedWork flag and
 * was not already in the previous commit's tree (React double-buffers fibers: a component that did
 * not render keeps the very fiber object of the previous commit).
 *
 * Walking the tree per commit costs time: measure busy time in a separate pass (browser.ts does).
 *
 * May import: playwright-core types.
 */
import type { Page } from 'playwright-core';

export interface RenderFigures {
  frames: number;
  commitsPerFrame: number;
  rendersPerFrame: number;
  /** Component renders per frame, by panel. */
  rendersByPanel: Record<string, number>;
  domMutationsPerFrame: number;
}

interface PageRenderProbe {
  on: boolean;
  commits: number;
  renders: Record<string, number>;
  mutations: number;
}

/** Runs in the page before any script. */
export function renderProbe(): void {
  const probe: PageRenderProbe = { on: false, commits: 0, renders: {}, mutations: 0 };
  (window as unknown as { __benchRender: PageRenderProbe }).__benchRender = probe;
  interface Fiber {
    tag: number;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    memoizedProps: unknown;
    type: unknown;
  }
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]); // function, class, forwardRef, memo, simple memo
  let previous = new Set<Fiber>();
  const boundaryName = (f: Fiber): string | undefined => {
    const props = f.memoizedProps as { name?: unknown } | null;
    return f.tag === 1 && props && typeof props.name === 'string' ? props.name : undefined;
  };
  (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => undefined,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot(_id: number, root: { current: Fiber }) {
      if (!probe.on) return;
      probe.commits++;
      const seen = new Set<Fiber>();
      const stack: Array<[Fiber, string]> = [[root.current, 'app']];
      while (stack.length) {
        const [f, panel] = stack.pop()!;
        seen.add(f);
        const here = boundaryName(f) ?? panel;
        if (COMPONENT_TAGS.has(f.tag) && (f.flags & 1) === 1 && !previous.has(f)) probe.renders[here] = (probe.renders[here] ?? 0) + 1;
        if (f.sibling) stack.push([f.sibling, panel]);
        if (f.child) stack.push([f.child, here]);
      }
      previous = seen;
    },
  };
  new MutationObserver((records) => {
    if (probe.on) probe.mutations += records.length;
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** Counts for `seconds` of animation frames (the app must be playing). */
export async function renderFigures(page: Page, seconds: number): Promise<RenderFigures> {
  const r = await page.evaluate(async (durationMs) => {
    const p = (window as unknown as { __benchRender: PageRenderProbe }).__benchRender;
    Object.assign(p, { on: true, commits: 0, renders: {}, mutations: 0 });
    let frames = 0;
    await new Promise<void>((resolve) => {
      const end = performance.now() + durationMs;
      const tick = (now: number) => {
        frames++;
        if (now < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    p.on = false;
    return { frames, commits: p.commits, renders: p.renders, mutations: p.mutations };
  }, seconds * 1000);
  const per = (n: number) => Math.round((n / Math.max(1, r.frames)) * 100) / 100;
  const rendersByPanel = Object.fromEntries(Object.entries(r.renders).map(([k, v]) => [k, per(v)]));
  return {
    frames: r.frames,
    commitsPerFrame: per(r.commits),
    rendersPerFrame: per(Object.values(r.renders).reduce((a, b) => a + b, 0)),
    rendersByPanel,
    domMutationsPerFrame: per(r.mutations),
  };
}
