/**
 * The "Your consumer" panel's view state, outside React: whether the editor is open and the
 * learner's text. The panel unmounts while a run is computed, and neither may be lost then.
 *
 * May import: zustand.
 */
import { createStore } from 'zustand/vanilla';

export interface UserCodeState {
  open: boolean;
  /** The editor's text when it last closed or unmounted; undefined until the learner edits once. */
  draft: string | undefined;
  /** The editor's code was refused by the check (a syntax error): the run shown is not of that code. */
  refused: boolean;
}

export const userCodeStore = createStore<UserCodeState>(() => ({ open: false, draft: undefined, refused: false }));

export function codeRefused(refused: boolean): void {
  userCodeStore.setState({ refused });
}

export function editorToggled(open: boolean): void {
  userCodeStore.setState({ open });
}

export function draftSaved(draft: string): void {
  userCodeStore.setState({ draft });
}
