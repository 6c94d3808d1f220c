/**
 * "Import records…": the button and the modal dialog. Its contents (./ImportDialogBody.tsx: the
 * help, the text box, the parser and its errors) are a chunk of their own, loaded when the dialog
 * first opens; the dialog keeps them mounted afterwards, so the text stays between openings.
 *
 * May import: React, ./ImportDialogBody.tsx (lazily; its types), bridge types. May not import: worker runtime, sim runtime.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import type { ImportError } from '../../bridge/types.ts';
import type { Importer } from './ImportDialogBody.tsx';

const ImportDialogBody = lazy(() => import('./ImportDialogBody.tsx'));

export function ImportDialog({ importer, onImport }: { importer: Importer; onImport: (importId: number) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const [error, setError] = useState<ImportError | null>(null);

  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-haspopup="dialog"
        onClick={() => {
          setError(null);
          setOpened(true);
          dialog.current?.showModal();
        }}
      >
        Import records…
      </button>
      <dialog ref={dialog} className="gallery import" aria-labelledby="import-heading" aria-describedby="import-help" onClick={(e) => e.target === dialog.current && dialog.current?.close()}>
        {opened && (
          <Suspense fallback={<h2 id="import-heading">Import stream records</h2>}>
            <ImportDialogBody dialog={dialog} importer={importer} onImport={onImport} error={error} setError={setError} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
