// Runs before the first paint (a tiny blocking script in <head>; the CSP allows no inline script).
// The pre-rendered first view in index.html is of the scenario the build names in
// <meta name="streamscope-first-frame"> (the catalogue's default, written by tools/firstFrame/plugin.ts):
// any link (a fragment, a `?scenario=` of another one, a mode or a compare view) turns it off, and
// the app loads as usual.
(function () {
  var meta = document.querySelector('meta[name="streamscope-first-frame"]');
  var id = meta ? meta.getAttribute('content') : null;
  var search = location.search;
  var isDefault = !!id && (search === '' || search === '?' || search === '?scenario=' + encodeURIComponent(id)) && (location.hash === '' || location.hash === '#');
  if (!isDefault) document.documentElement.classList.add('first-frame-off');
})();
