// Keeps the public dashboard's figures current without reloading the page: every few seconds (data-refresh-seconds)
// it fetches the page again and replaces the figures, so the visitor's place and focus stay where they are: a table's
// frame that had the keyboard focus (a phone's reader scrolling a wide table sideways) has it again, scrolled as it
// was; focus on anything without an id holds the figures still. Without script the page still shows the figures as of
// its loading.
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
        var active = document.activeElement;
        var focused = figures.contains(active) ? active.id : null;
        if (fresh && fresh.innerHTML !== figures.innerHTML && (!figures.contains(active) || focused)) {
          var scrolled = focused ? active.scrollLeft : 0;
          figures.innerHTML = fresh.innerHTML;
          var again = focused ? document.getElementById(focused) : null;
          if (again) {
            again.scrollLeft = scrolled;
            again.focus({ preventScroll: true });
          }
        }
      })
      .catch(function () { /* The next round tries again. */ });
  }
  window.setInterval(refresh, seconds * 1000);
}());
