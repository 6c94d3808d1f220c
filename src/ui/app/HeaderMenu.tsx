/**
 * The header's share, file, import and export buttons: in line where the header has room, behind one
 * "Share & files" button where it has not (CSS decides which, by width; the buttons are the same
 * elements either way). Escape or a click elsewhere closes the menu, and so does the end of what an
 * item started: a dialog it opened closing (Import records…), or a file chosen (Open scenario file…).
 * The item's dialog lives inside the menu, so the menu stays open while the dialog is.
 *
 * May import: React. May not import: worker, sim, stores.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const menu = ref.current;
    if (!open || !menu) return;
    // `close` does not bubble: caught on the way down. A file input's `change` does bubble; one in a
    // dialog (the import's file) is the dialog's business, and the menu must stay while it is open.
    const onDone = (e: Event) => {
      const { target } = e;
      if (target instanceof HTMLDialogElement || (target instanceof HTMLInputElement && target.type === 'file' && !target.closest('dialog'))) setOpen(false);
    };
    menu.addEventListener('close', onDone, true);
    menu.addEventListener('change', onDone);
    const onDown = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      menu.removeEventListener('close', onDone, true);
      menu.removeEventListener('change', onDone);
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div ref={ref} className={`header-menu${open ? ' header-menu--open' : ''}`}>
      <button type="button" className="button button--small header-menu__toggle" aria-expanded={open} aria-controls="header-menu-items" onClick={() => setOpen(!open)}>
        Share &amp; files <span aria-hidden="true">▾</span>
      </button>
      <div id="header-menu-items" className="header-menu__items">
        {children}
      </div>
    </div>
  );
}
