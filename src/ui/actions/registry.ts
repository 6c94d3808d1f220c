/**
 * Every user intent of playback in one place: its label, its shortcut (shown on the controls and
 * tested by the keyboard handler) and the machine event it sends. Buttons and keys share it, and the
 * machine decides availability (`snapshot.can(event)`).
 *
 * May import: the playback machine's types. May not import: worker, sim, React.
 */
import type { PlaybackEvent } from '../machines/playback.machine.ts';

export interface PlaybackAction {
  id: string;
  label: string;
  /** How the shortcut reads on screen (`Shift+→`). */
  shortcut: string;
  /** The `aria-keyshortcuts` value (`Shift+ArrowRight`). */
  ariaKeys: string;
  keyTest(e: KeyboardEvent): boolean;
  event: PlaybackEvent;
  /** Space belongs to a focused button; arrows to a focused slider or field. Ignore this key there? */
  yieldsTo: 'buttons-and-fields' | 'fields';
}

const plain = (e: KeyboardEvent) => !e.altKey && !e.ctrlKey && !e.metaKey;
const mod = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey;

export const ACTIONS = {
  toggle: { id: 'toggle', label: 'Play / pause', shortcut: 'Space', ariaKeys: 'Space', keyTest: (e) => e.code === 'Space' && plain(e) && !e.shiftKey, event: { type: 'playback.toggle' }, yieldsTo: 'buttons-and-fields' },
  stepForward: { id: 'stepForward', label: 'Next event', shortcut: '→', ariaKeys: 'ArrowRight', keyTest: (e) => e.key === 'ArrowRight' && plain(e) && !e.shiftKey, event: { type: 'playback.step', direction: 1 }, yieldsTo: 'fields' },
  stepBack: { id: 'stepBack', label: 'Previous event', shortcut: '←', ariaKeys: 'ArrowLeft', keyTest: (e) => e.key === 'ArrowLeft' && plain(e) && !e.shiftKey, event: { type: 'playback.step', direction: -1 }, yieldsTo: 'fields' },
  nextMark: { id: 'nextMark', label: 'Next crash or checkpoint', shortcut: 'Shift+→', ariaKeys: 'Shift+ArrowRight', keyTest: (e) => e.key === 'ArrowRight' && plain(e) && e.shiftKey, event: { type: 'playback.step', direction: 1, kind: 'crash-or-checkpoint' }, yieldsTo: 'fields' },
  prevMark: { id: 'prevMark', label: 'Previous crash or checkpoint', shortcut: 'Shift+←', ariaKeys: 'Shift+ArrowLeft', keyTest: (e) => e.key === 'ArrowLeft' && plain(e) && e.shiftKey, event: { type: 'playback.step', direction: -1, kind: 'crash-or-checkpoint' }, yieldsTo: 'fields' },
  nextBroken: { id: 'nextBroken', label: 'Next broken check', shortcut: ']', ariaKeys: ']', keyTest: (e) => e.key === ']' && plain(e), event: { type: 'playback.step', direction: 1, kind: 'broken' }, yieldsTo: 'fields' },
  prevBroken: { id: 'prevBroken', label: 'Previous broken check', shortcut: '[', ariaKeys: '[', keyTest: (e) => e.key === '[' && plain(e), event: { type: 'playback.step', direction: -1, kind: 'broken' }, yieldsTo: 'fields' },
  narrationNext: { id: 'narrationNext', label: 'Next narration step', shortcut: 'N', ariaKeys: 'N', keyTest: (e) => e.key.toLowerCase() === 'n' && plain(e) && !e.shiftKey, event: { type: 'narration.next' }, yieldsTo: 'fields' },
  narrationBack: { id: 'narrationBack', label: 'Previous narration step', shortcut: 'P', ariaKeys: 'P', keyTest: (e) => e.key.toLowerCase() === 'p' && plain(e) && !e.shiftKey, event: { type: 'narration.back' }, yieldsTo: 'fields' },
  restart: { id: 'restart', label: 'Restart', shortcut: 'R', ariaKeys: 'R', keyTest: (e) => e.key.toLowerCase() === 'r' && plain(e) && !e.shiftKey, event: { type: 'playback.restart' }, yieldsTo: 'fields' },
  toStart: { id: 'toStart', label: 'Start of run', shortcut: 'Home', ariaKeys: 'Home', keyTest: (e) => e.key === 'Home' && plain(e), event: { type: 'playback.seek', atMs: 0 }, yieldsTo: 'fields' },
  toEnd: { id: 'toEnd', label: 'End of run', shortcut: 'End', ariaKeys: 'End', keyTest: (e) => e.key === 'End' && plain(e), event: { type: 'playback.end' }, yieldsTo: 'fields' },
  faster: { id: 'faster', label: 'Faster', shortcut: '+', ariaKeys: '+', keyTest: (e) => (e.key === '+' || e.key === '=') && plain(e), event: { type: 'playback.faster' }, yieldsTo: 'fields' },
  slower: { id: 'slower', label: 'Slower', shortcut: '−', ariaKeys: '-', keyTest: (e) => (e.key === '-' || e.key === '_') && plain(e), event: { type: 'playback.slower' }, yieldsTo: 'fields' },
  undo: { id: 'undo', label: 'Undo intervention', shortcut: 'Ctrl+Z', ariaKeys: 'Control+Z', keyTest: (e) => e.key.toLowerCase() === 'z' && mod(e) && !e.shiftKey, event: { type: 'playback.undo' }, yieldsTo: 'fields' },
  redo: {
    id: 'redo',
    label: 'Redo intervention',
    shortcut: 'Ctrl+Shift+Z',
    ariaKeys: 'Control+Shift+Z',
    keyTest: (e) => (e.key.toLowerCase() === 'z' && mod(e) && e.shiftKey) || (e.key.toLowerCase() === 'y' && mod(e) && !e.shiftKey),
    event: { type: 'playback.redo' },
    yieldsTo: 'fields',
  },
} as const satisfies Record<string, PlaybackAction>;

export type ActionId = keyof typeof ACTIONS;

function isField(el: Element): boolean {
  return el.closest('input, select, textarea, [contenteditable="true"], [role="slider"]') !== null;
}

/** A control that Space activates natively (a button, a link, a checkbox). */
function spaceControl(el: Element): Element | null {
  return el.closest('button, a, summary, input[type="checkbox"], input[type="radio"]');
}



/** Where Ctrl+Z means "undo my typing" (the Table form's fields), not "undo the last intervention". */
function isTextEntry(el: Element): boolean {
  return el.closest('textarea, [contenteditable="true"], input:not([type]), input[type="text"], input[type="search"]') !== null;
}

/**
 * The action a key press asks for, or undefined (also when the focused element owns the key).
 * `clicked` is the control that last got focus from a pointer press (see `keyboard.ts`).
 */
export function actionForKey(e: KeyboardEvent, clicked: Element | null = null): PlaybackAction | undefined {
  if (e.repeat && e.code === 'Space') return undefined;
  const action = Object.values(ACTIONS).find((a) => a.keyTest(e));
  if (!action) return undefined;
  const target = e.target instanceof Element ? e.target : null;
  if (target) {
    if (action.yieldsTo === 'buttons-and-fields') {
      // A control reached from the keyboard keeps Space; one just clicked with the pointer (Next, the
      // "Pause at each step" box) does not: Space then plays, as the user expects (#20.7).
      const control = spaceControl(target);
      if (control) return control === clicked ? action : undefined;
    }
    if (isField(target) && (!(action.id === 'undo' || action.id === 'redo') || isTextEntry(target))) return undefined;
  }
  return action;
}

/**
 * Shortcuts that change the view rather than playback (not machine events, so kept apart from
 * ACTIONS); `keyboard.ts` handles them with the rest.
 */
export const VIEW_SHORTCUTS = {
  presenter: { id: 'presenter', label: 'Presenter mode', shortcut: 'M', ariaKeys: 'M', keyTest: (e: KeyboardEvent) => e.key.toLowerCase() === 'm' && plain(e) && !e.shiftKey },
} as const;

/** Is this key press the presenter toggle (and not typed into a field)? */
export function isPresenterKey(e: KeyboardEvent): boolean {
  if (e.repeat || !VIEW_SHORTCUTS.presenter.keyTest(e)) return false;
  return !(e.target instanceof Element && isField(e.target));
}
