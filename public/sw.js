/**
 * Streamscope's service worker: after the first visit the app opens and runs with no network.
 *
 * - Install: precaches the app shell and every built file (the list and VERSION are written into
 *   this file by the build, vite.config.ts `serviceWorkerManifest`; in the source they are empty).
 * - Activate: takes control of open pages and deletes the caches of versions before the previous
 *   one. The previous version's cache stays: a tab opened before a redeploy still loads its lazy
 *   chunks (their old names are gone from the server) instead of going blank (issue 21.7).
 * - Fetch: same-origin GETs only. Pages (navigations) get the cached shell; hashed assets and the
 *   other precached files are cache-first (their names change when their content does), looked up in
 *   this version's cache and then in the one kept from before; anything else goes to the network
 *   and falls back to the caches.
 *
 * Registered from src/main.tsx in production builds only; the dev server never registers it.
 * Plain script, no imports, no eval (the app's CSP applies here too).
 */
const VERSION = 'dev';
const PRECACHE = [];
const PREFIX = 'streamscope-';
const CACHE = `${PREFIX}${VERSION}`;
const SHELL = new URL('./', self.registration.scope).href;
/** Versions whose caches are kept: this one and the one before (CacheStorage lists caches in creation order). */
const KEEP_VERSIONS = 2;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, self.registration.scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => {
        const ours = keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE);
        return Promise.all(ours.slice(0, Math.max(0, ours.length - (KEEP_VERSIONS - 1))).map((key) => caches.delete(key)));
      })
      .then(() => self.clients.claim()),
  );
});

// ignoreVary: the preview server answers `Vary: Origin`, and a `<script crossorigin>` request carries an
// Origin header that the precache request did not, so matching on Vary would miss every asset.
/** This version's copy, else the previous version's (a chunk an open tab of that version asks for). */
async function cached(cache, request) {
  return (await cache.match(request, { ignoreSearch: true, ignoreVary: true })) ?? (await caches.match(request, { ignoreSearch: true, ignoreVary: true }));
}

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cached(cache, request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

async function fromNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cached(cache, request);
    if (hit) return hit;
    throw error;
  }
}

async function shell(request) {
  const cache = await caches.open(CACHE);
  const hit = (await cache.match(SHELL, { ignoreVary: true })) ?? (await cache.match(new URL('index.html', SHELL).href, { ignoreVary: true }));
  return hit ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') {
    event.respondWith(shell(request));
    return;
  }
  const path = url.href.slice(self.registration.scope.length);
  const precached = PRECACHE.includes(`./${path}`);
  event.respondWith(precached || path.startsWith('assets/') ? fromCacheFirst(request) : fromNetworkFirst(request));
});
