/**
 * The page's one key handler: every shortcut of the registry (playback and narration, sent to the
 * machine when it `can` take them) and the view shortcuts (presenter mode). Nothing else listens to
 * `keydown` on the window. A control just clicked with the pointer (Next, the "Pause at each step"
 * box) keeps focus but not Space: Space plays (#20.7); one reached with Tab keeps Space.
 *
 * May import: React, xstate types, ./registry.ts, the display mode. May not import: worker, sim.
 */
import { useEffect } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { presenterToggled } from '../app/displayMode.ts';
import { actionForKey, isPresenterKey } from './registry.ts';

type Playback = ActorRefFrom<PlaybackMachine>;

/**
 * The control focused by the last pointer press, while it keeps focus. (`:focus-visible` cannot tell:
 * Chromium turns it on at the very key press we are deciding about.)
 */
let clicked: Element | null = null;
const onPointerDown = (e: PointerEvent) => {
  clicked = e.target instanceof Element ? e.target.closest('button, a, summary, input, label') : null;
  // A label focuses its control: remember the control.
  if (clicked instanceof HTMLLabelElement) clicked = clicked.control;
};
const onFocusIn = (e: FocusEvent) => {
  if (e.target !== clicked) clicked = null;
};

export function handleKey(playback: Playback, e: KeyboardEvent): void {
  if (isPresenterKey(e)) {
    e.preventDefault();
    presenterToggled();
    return;
  }
  const action = actionForKey(e, clicked);
  if (!action) return;
  e.preventDefault(); // Space would scroll the page, arrows too, Ctrl+Z would undo elsewhere
  if (playback.getSnapshot().can(action.event)) playback.send(action.event);
}

export function useKeyboard(playback: Playback): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => handleKey(playback, e);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('focusin', onFocusIn, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('focusin', onFocusIn, true);
    };
  }, [playback]);
}
