/**
 * The code editor: CodeMirror 6 with JavaScript, in this lazily loaded chunk only (the app's first
 * load does not pay for it). Tab indents; Escape then Tab leaves the editor (CodeMirror's own
 * escape hatch), so the keyboard is never trapped. Labelled for screen readers.
 *
 * The editor lives in a shadow root: CodeMirror then styles itself with constructed stylesheets
 * (adoptedStyleSheets), which the app's CSP (`style-src 'self'`, no inline styles) allows, where its
 * document-level <style> element would be refused. Keys typed in it stop at the shadow host, so the
 * app's shortcuts (Space plays) never fire while typing: from outside, the event's target is the
 * host, not an editable element.
 *
 * May import: CodeMirror. May not import: worker, sim.
 */
import { basicSetup } from 'codemirror';
import { indentWithTab } from '@codemirror/commands';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

export interface CodeEditor {
  text(): string;
  setText(text: string): void;
  /** Puts the cursor at a 1-based line and column and focuses the editor. */
  goTo(line: number, column: number): void;
  destroy(): void;
}

/**
 * No height limit and wrapped lines: the editor grows with the code and never scrolls inside
 * itself, so it is no scrollable region a keyboard user would have to reach (axe's rule).
 */
const theme = EditorView.theme({
  '&': { fontSize: '0.95rem', backgroundColor: '#fff' },
  '&.cm-focused': { outline: '3px solid #1d4ed8', outlineOffset: '-3px' },
});

/**
 * JavaScript highlighting and indentation load as a chunk of their own after the editor shows (the
 * panel's chunk stays under 500 kB); until then the text is plain and fully editable.
 */
function loadLanguage(view: EditorView, language: Compartment): void {
  void import('@codemirror/lang-javascript').then(
    ({ javascript }) => {
      if (!view.dom.isConnected) return;
      view.dispatch({ effects: language.reconfigure(javascript()) });
    },
    () => undefined, // offline before the chunk was cached: the editor works without highlighting
  );
}

export function createCodeEditor(parent: HTMLElement, doc: string, label: string, describedBy: string): CodeEditor {
  const language = new Compartment();
  const shadow = parent.shadowRoot ?? parent.attachShadow({ mode: 'open' });
  const mount = document.createElement('div');
  shadow.replaceChildren(mount);
  const stopKeys = (e: KeyboardEvent) => e.stopPropagation();
  parent.addEventListener('keydown', stopKeys);
  const view = new EditorView({
    root: shadow,
    parent: mount,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        language.of([]),
        EditorView.lineWrapping,
        theme,
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': describedBy }),
      ],
    }),
  });
  loadLanguage(view, language);
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    goTo(line, column) {
      const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
      const pos = Math.min(l.from + Math.max(0, column - 1), l.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    destroy() {
      parent.removeEventListener('keydown', stopKeys);
      view.destroy();
    },
  };
}
