/**
 * "Your consumer", opened: a CodeMirror editor for a Lambda handler, the starter templates, and Run,
 * which checks the code (a syntax error is shown with its line and column, and the cursor goes
 * there) and then loads the scenario with its first consumer replaced by the code. Loaded lazily
 * with CodeMirror.
 *
 * May import: React, ./editor.ts, ./userCode.store.ts, scenarios' userCode, protocol types. May not import: worker runtime.
 */
import { useEffect, useRef, useState } from 'react';
import { CODE_TEMPLATES } from '../../scenarios/userCode.ts';
import type { CodeCheck } from '../../worker/protocol.ts';
import { createCodeEditor, type CodeEditor } from './editor.ts';
import { codeRefused, draftSaved, userCodeStore } from './userCode.store.ts';
import './code.css';

export interface UserCodePanelProps {
  /** The run's own code, if it runs some; else the editor starts with the first template. */
  initialCode: string | undefined;
  /** The consumer the code replaces. */
  consumerId: string;
  checkCode(code: string): Promise<CodeCheck>;
  run(code: string): void;
  busy: boolean;
}

export default function UserCodePanel({ initialCode, consumerId, checkCode, run, busy }: UserCodePanelProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditor | null>(null);
  const [template, setTemplate] = useState<string>(CODE_TEMPLATES[0]!.id);
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    if (!host.current) return;
    const e = createCodeEditor(host.current, userCodeStore.getState().draft ?? initialCode ?? CODE_TEMPLATES[0]!.code, 'Handler code (JavaScript)', 'user-code-help');
    editor.current = e;
    return () => {
      // The panel unmounts while a run is computed: keep what the learner typed.
      draftSaved(e.text());
      e.destroy();
      editor.current = null;
    };
    // The editor owns its text once created; a new run does not reset what the learner typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onRun = async () => {
    const code = editor.current?.text() ?? '';
    const check = await checkCode(code);
    codeRefused(!check.ok);
    if (!check.ok) {
      setProblem(`Line ${check.line}, column ${check.column}: ${check.message}`);
      editor.current?.goTo(check.line, check.column);
      return;
    }
    setProblem(undefined);
    run(code);
  };

  return (
    <div className="user-code">
      <p className="panel__hint" id="user-code-help">
        <code>export async function handler(event, context)</code> receives the DynamoDB event exactly as Lambda sends it. Write with <code>dynamodb.updateItem(…)</code>,{' '}
        <code>putItem</code>, <code>transactWriteItems</code> (DynamoDB's request shapes); tables are <code>process.env.TARGET_TABLE</code> and <code>process.env.LEDGER_TABLE</code>. A thrown
        error fails the batch and Lambda retries it. It replaces consumer <strong>{consumerId}</strong>. Tab indents; Escape then Tab leaves the editor.
      </p>
      <div className="user-code__bar">
        <label>
          Template{' '}
          <select value={template} onChange={(e) => setTemplate(e.target.value)}>
            {CODE_TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--small" onClick={() => editor.current?.setText(CODE_TEMPLATES.find((t) => t.id === template)!.code)}>
          Use template
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void onRun()}>
          Run my consumer
        </button>
      </div>
      <div className="user-code__editor" ref={host} />
      {problem && (
        <p className="user-code__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
