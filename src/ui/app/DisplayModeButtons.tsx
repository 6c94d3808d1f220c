/**
 * The header's Presenter toggle (key M, handled by `actions/keyboard.ts`) and, in presenter mode, Full screen (Fullscreen API, only
 * where the browser offers it).
 *
 * May import: React, ./displayMode.ts, the action registry. May not import: worker, sim.
 */
import { useEffect, useState } from 'react';
import { VIEW_SHORTCUTS } from '../actions/registry.ts';
import { presenterToggled, usePresenter } from './displayMode.ts';

function useFullscreen(): boolean {
  const [on, setOn] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null);
  useEffect(() => {
    const update = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  return on;
}

export function DisplayModeButtons() {
  const presenter = usePresenter();
  const fullscreen = useFullscreen();
  const canFullscreen = typeof document !== 'undefined' && document.fullscreenEnabled;
  const { shortcut, ariaKeys, label } = VIEW_SHORTCUTS.presenter;
  return (
    <div className="display-mode" role="group" aria-label="Display">
      <button type="button" className="button button--small" aria-pressed={presenter} aria-keyshortcuts={ariaKeys} title={`${label} (${shortcut})`} onClick={presenterToggled}>
        Presenter
        <kbd className="kbd" aria-hidden="true">
          {shortcut}
        </kbd>
      </button>
      {presenter && canFullscreen && (
        <button
          type="button"
          className="button button--small"
          aria-pressed={fullscreen}
          onClick={() => {
            const done = fullscreen ? document.exitFullscreen() : document.documentElement.requestFullscreen();
            done.catch(() => undefined); // refused (no user gesture, iframe without allowfullscreen): nothing to do
          }}
        >
          Full screen
        </button>
      )}
    </div>
  );
}
