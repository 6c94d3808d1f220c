/**
 * The header's share, file, import and export buttons: in line where the header has room, behind one
 * "Share & files" button where it has not (CSS decides which, by width; the buttons are the same
 * elements either way). Escape or a click elsewhere closes the menu.
 *
 * May import: React. May not import: worker, sim, stores.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function HeaderMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
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
