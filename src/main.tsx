/**
 * Entry point: mounts <App/> (or the compare view for `?compare=…`), and in a production build registers the service worker
 * (`public/sw.js`) that lets the app open offline after the first visit. The dev server never
 * registers it, so `npm start` always serves fresh modules.
 *
 * May import: React DOM, ui/app/App.tsx, ui/compare/CompareView.tsx, the global stylesheet.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App.tsx';
import { CompareView, compareParam } from './ui/compare/CompareView.tsx';
import './ui/styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
const compare = compareParam();
createRoot(root).render(<StrictMode>{compare !== null ? <CompareView value={compare} /> : <App />}</StrictMode>);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    // Offline support is a bonus: a refused registration (private mode, file://) changes nothing else.
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}
