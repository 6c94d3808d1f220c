import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is a static single page; the simulation runs in a module Web Worker that Vite bundles
// from `new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })`.
export default defineConfig({
  plugins: [react()],
  base: './',
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
