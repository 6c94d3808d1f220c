// Runs before the first paint (a tiny blocking script in <head>; the CSP allows no inline script).
// The pre-rendered first view in index.html is the default scenario's: any link (a fragment, a
// `?scenario=` of another one, a mode or a compare view) turns it off, and the app loads as usual.
(function () {
  var search = location.search;
  var isDefault = (search === '' || search === '?' || search === '?scenario=voting-booth') && (location.hash === '' || location.hash === '#');
  if (!isDefault) document.documentElement.classList.add('first-frame-off');
})();
