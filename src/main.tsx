/**
 * Entry point: mounts <App/> (or the compare view for `?compare=…`), and in a production build registers the service worker
 * (`public/sw.js`) that lets the app open offline after the first visit, once the first live frame is drawn. The dev server never
 * registers it, so `npm start` always serves fresh modules.
 *
 * The compare view is a chunk of its own (loaded only for `?compare=…`); the app starts its
 * simulation worker at once (its script loads while React renders), waits for the
 * link it was opened with to be decoded (urlSync's `readStartUrl`, which loads the codec only when
 * there is a link or a last scenario), then asks the worker for the first run before rendering.
 *
 * May import: React DOM, ui/app/App.tsx, ui/app/urlSync.ts, ui/firstFrame/, ui/compare/CompareView.tsx, the global stylesheet.
 */
// First: starts the worker before the rest of the entry evaluates.
import './ui/firstFrame/earlyWorker.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startFirstRun, startSimWorker } from './ui/app/App.tsx';
import { readStartUrl } from './ui/app/urlSync.ts';
import { handOverFirstFrame, isDefaultStart } from './ui/firstFrame/handover.ts';
import { afterFirstFrame } from './ui/firstFrame/afterFirstFrame.ts';
import { defaultScenarioId } from './scenarios/galleryIndex.ts';
import './ui/styles/app.css';
import './ui/firstFrame/firstFrame.css';

// Listened for before the awaits below, so the page's load event cannot pass first. Registered once
// the first live frame is drawn too (or 10 s on): its install fetches every file of the build, which
// at the load event competed with the first run (issue 16, load12).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void afterFirstFrame(10_000).then(() =>
      // Offline support is a bonus: a refused registration (private mode, file://) changes nothing else.
      navigator.serviceWorker.register('./sw.js').catch(() => undefined),
    );
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
const compare = new URLSearchParams(location.search).get('compare');
// The build-time picture of the default scenario's first view stays until the live frame is drawn.
handOverFirstFrame(document, isDefaultStart(location.search, location.hash, defaultScenarioId));
if (compare !== null) {
  const { CompareView } = await import('./ui/compare/CompareView.tsx');
  createRoot(root).render(<StrictMode><CompareView value={compare} /></StrictMode>);
} else {
  startSimWorker();
  await readStartUrl();
  startFirstRun();
  createRoot(root).render(<StrictMode><App /></StrictMode>);
}
