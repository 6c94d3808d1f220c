/**
 * Streamscope's service worker: after the first visit the app opens and runs with no network.
 *
 * - Install: precaches the app shell and every built file (the list and VERSION are written into
 *   this file by the build, vite.config.ts `serviceWorkerManifest`; in the source they are empty).
 * - Activate: deletes the caches of older versions and takes control of open pages.
 * - Fetch: same-origin GETs only. Pages (navigations) get the cached shell; hashed assets and the
 *   other precached files are cache-first (their names change when their content does); anything
 *   else goes to the network and falls back to the cache.
 *
 * Registered from src/main.tsx in production builds only; the dev server never registers it.
 * Plain script, no imports, no eval (the app's CSP applies here too).
 */
const VERSION = 'dev';
const PRECACHE = [];
const PREFIX = 'streamscope-';
const CACHE = `${PREFIX}${VERSION}`;
const SHELL = new URL('./', self.registration.scope).href;

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
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// ignoreVary: the preview server answers `Vary: Origin`, and a `<script crossorigin>` request carries an
// Origin header that the precache request did not, so matching on Vary would miss every asset.
async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
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
    const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
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
