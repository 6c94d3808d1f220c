/**
 * The challenge's code editor (CodeMirror, the same editor as "Your consumer", in this lazily
 * loaded chunk), with the starting code and, for vote counters, the counter templates a learner may
 * start from. The parent reads the text through `editorRef` when it grades.
 *
 * May import: React, ../code/editor.ts, scenarios' templates. May not import: worker runtime.
 */
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { CODE_TEMPLATES } from '../../scenarios/userCode.ts';
import { createCodeEditor, type CodeEditor } from '../code/editor.ts';

export interface ChallengeCodeProps {
  initial: string;
  start: string;
  /** Offer the vote-counter templates (the consumer is a vote counter). */
  counterTemplates: boolean;
  editorRef: MutableRefObject<CodeEditor | null>;
  onLeave: (text: string) => void;
}

export function ChallengeCode({ initial, start, counterTemplates, editorRef, onLeave }: ChallengeCodeProps) {
  const host = useRef<HTMLDivElement>(null);
  const templates = [{ id: 'start', title: 'Starting code', code: start }, ...(counterTemplates ? CODE_TEMPLATES : [])];
  const [template, setTemplate] = useState('start');
  useEffect(() => {
    if (!host.current) return;
    const e = createCodeEditor(host.current, initial, 'Handler code (JavaScript)', 'challenge-code-help');
    editorRef.current = e;
    return () => {
      onLeave(e.text());
      e.destroy();
      editorRef.current = null;
    };
    // The editor owns its text once created.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="user-code">
      <p className="panel__hint" id="challenge-code-help">
        <code>export async function handler(event, context)</code> gets the DynamoDB event as Lambda sends it; <code>dynamodb</code> is DynamoDB&apos;s API and{' '}
        <code>process.env.TARGET_TABLE</code> names the target. Tab indents; Escape then Tab leaves the editor.
      </p>
      <div className="user-code__bar">
        <label>
          Start from{' '}
          <select value={template} onChange={(e) => setTemplate(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--small" onClick={() => editorRef.current?.setText(templates.find((t) => t.id === template)!.code)}>
          Use template
        </button>
      </div>
      <div className="user-code__editor" ref={host} />
    </div>
  );
}
