import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampSize, DEFAULT_DOCK, DOCK_TABS, dockForImport, dockFromSearch, parseStoredDock, readDock, selectionOpensInspector, TAB_PANELS, visibleTab, writeDock, type DockState } from './dockState.ts';
import { PANEL_IDS } from '../app/displayMode.ts';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

describe('the dock state', () => {
  it('round-trips through storage', () => {
    const storage = memoryStorage();
    const state: DockState = { tab: 'log', collapsed: true, sideWidth: 512, bottomHeight: 222 };
    writeDock(state, storage);
    expect(readDock('', storage)).toEqual(state);
  });

  it('starts collapsed on a phone unless the browser remembers otherwise or the link opens a panel', () => {
    const storage = memoryStorage();
    expect(readDock('', storage, true)).toEqual({ ...DEFAULT_DOCK, collapsed: true });
    expect(readDock('', storage, false)).toEqual(DEFAULT_DOCK);
    expect(readDock('?panels=timeline,log', storage, true)).toMatchObject({ tab: 'log', collapsed: false });
    writeDock({ ...DEFAULT_DOCK, tab: 'log', collapsed: false }, storage);
    expect(readDock('', storage, true)).toMatchObject({ tab: 'log', collapsed: false });
  });

  it('falls back field by field on anything unreadable', () => {
    expect(parseStoredDock(null)).toEqual(DEFAULT_DOCK);
    expect(parseStoredDock('{not json')).toEqual(DEFAULT_DOCK);
    expect(parseStoredDock('42')).toEqual(DEFAULT_DOCK);
    expect(parseStoredDock(JSON.stringify({ tab: 'nonsense', collapsed: 'yes', sideWidth: -3, bottomHeight: 180 }))).toEqual({ ...DEFAULT_DOCK, bottomHeight: 180 });
  });

  it('opens the Inspector on a selection, except for one shown from a list on a phone', () => {
    expect(selectionOpensInspector('mark', false)).toBe(true);
    expect(selectionOpensInspector('mark', true)).toBe(true);
    expect(selectionOpensInspector('list', false)).toBe(true);
    expect(selectionOpensInspector('list', true)).toBe(false);
  });

  it('survives blocked storage', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readDock('', blocked)).toEqual(DEFAULT_DOCK);
    expect(() => writeDock(DEFAULT_DOCK, blocked)).not.toThrow();
  });

  it('opens the tab of the first dock panel ?panels= names, or collapses when it names none', () => {
    const remembered: DockState = { ...DEFAULT_DOCK, tab: 'log', collapsed: true };
    expect(dockFromSearch('', remembered)).toBe(remembered);
    expect(dockFromSearch('?panels=timeline,stream,log', remembered)).toEqual({ ...remembered, tab: 'data', collapsed: false });
    expect(dockFromSearch('?panels=Timeline, Inspector', remembered)).toEqual({ ...remembered, tab: 'inspector', collapsed: false });
    expect(dockFromSearch('?panels=timeline,narration', { ...remembered, collapsed: false })).toEqual({ ...remembered, collapsed: true });
  });

  it('shows an import its findings: open beside the stage on a wide screen, folded to the tabs on a phone', () => {
    const open: DockState = { ...DEFAULT_DOCK, tab: 'data', collapsed: false, bottomHeight: 260 };
    expect(dockForImport(open, false)).toEqual({ ...open, tab: 'consumers', collapsed: false });
    expect(dockForImport({ ...open, collapsed: true }, false)).toEqual({ ...open, tab: 'consumers', collapsed: false });
    // On a phone an open sheet folds too (its size is kept for when a tab opens it again).
    expect(dockForImport(open, true)).toEqual({ ...open, tab: 'consumers', collapsed: true });
  });

  it('maps every tab to panel names the display mode knows', () => {
    for (const tab of DOCK_TABS) for (const p of TAB_PANELS[tab]) expect(PANEL_IDS).toContain(p);
  });

  it('shows the chosen tab when available, else the first available', () => {
    expect(visibleTab('log', ['data', 'log'])).toBe('log');
    expect(visibleTab('interventions', ['data', 'log'])).toBe('data');
    expect(visibleTab('data', [])).toBeUndefined();
  });

  it('keeps a sheet between its minimum and what leaves the stage 40% of the room', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.integer({ min: 100, max: 5000 }), fc.integer({ min: 0, max: 4000 }), (size, min, room) => {
        const s = clampSize(size, min, room);
        expect(s).toBeGreaterThanOrEqual(min);
        expect(s).toBeLessThanOrEqual(Math.max(min, Math.floor(room * 0.6)));
      }),
    );
    expect(clampSize(300, 280, 1000)).toBe(300);
    expect(clampSize(900, 280, 1000)).toBe(600);
  });
});
