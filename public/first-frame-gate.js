// Runs before the first paint (a tiny blocking script in <head>; the CSP allows no inline script).
// The pre-rendered first view in index.html is of the scenario the build names in
// <meta name="streamscope-first-frame"> (the catalogue's default, written by tools/firstFrame/plugin.ts):
// any link (a fragment, a `?scenario=` of another one, a mode or a compare view) turns it off, and
// the app loads as usual.
//
// It also starts the simulation worker, whose built script the build names in
// <meta name="streamscope-sim-worker"> (absent at `npm start`: the app then starts its own). Started
// here, the worker's script is fetched and compiled while the page's own modules download; started
// by the entry module, it waited for the entry's evaluation and React's first render, because a
// worker's start takes turns of the page's main thread (issue 16, load12). The app adopts it
// (src/worker/earlyStart.ts), and on a plain visit the worker starts the pictured scenario's run
// at once (src/worker/firstRun.ts). The compare view (`?compare=`) runs workers of its own.
(function () {
  var meta = document.querySelector('meta[name="streamscope-first-frame"]');
  var id = meta ? meta.getAttribute('content') : null;
  var search = location.search;
  var isDefault = !!id && (search === '' || search === '?' || search === '?scenario=' + encodeURIComponent(id)) && (location.hash === '' || location.hash === '#');
  if (!isDefault) document.documentElement.classList.add('first-frame-off');

  var workerMeta = document.querySelector('meta[name="streamscope-sim-worker"]');
  var workerUrl = workerMeta ? workerMeta.getAttribute('content') : null;
  if (!workerUrl || new URLSearchParams(search).has('compare') || typeof Worker !== 'function') return;
  try {
    // A plain visit's first run is the pictured scenario: the worker reads it from its name and starts
    // it at once (src/worker/firstRun.ts; a message would wait for this page's module evaluation).
    var name = isDefault ? 'streamscope-sim first-run=' + id : 'streamscope-sim';
    var early = { worker: new Worker(workerUrl, { type: 'module', name: name }), failed: undefined };
    // An error before the app listens (its script failed to load) is kept for the app to report.
    early.worker.addEventListener('error', function (e) {
      if (early.failed === undefined) early.failed = (e && e.message) || '';
    });
    window.__streamscopeSimWorker = early;
  } catch {
    // The app starts the worker itself and reports what goes wrong then.
  }
})();
