/**
 * Entry point: mounts <App/> and nothing else.
 *
 * May import: React DOM, ui/app/App.tsx, the global stylesheet.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App.tsx';
import './ui/styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
