// Keeps the public dashboard's figures current without reloading the page: every few seconds (data-refresh-seconds)
// it fetches the page again and replaces the figures, so the visitor's place and focus stay where they are. Without
// script the page still shows the figures as of its loading.
(function () {
  'use strict';
  var figures = document.getElementById('figures');
  if (!figures || !window.fetch || !window.DOMParser) {
    return;
  }
  var seconds = parseInt(figures.getAttribute('data-refresh-seconds'), 10) || 30;
  function refresh() {
    if (document.hidden) {
      return;
    }
    fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('figures');
        if (fresh && fresh.innerHTML !== figures.innerHTML && !figures.contains(document.activeElement)) {
          figures.innerHTML = fresh.innerHTML;
        }
      })
      .catch(function () { /* The next round tries again. */ });
  }
  window.setInterval(refresh, seconds * 1000);
}());
