// The customer display (/pos/display): reloads as soon as the sale on the till changes. It asks the
// server every 2 seconds for the sale's key; without JavaScript the page refreshes itself (meta refresh).
(function () {
  'use strict';
  var root = document.querySelector('[data-pos-display-key]');
  if (!root || !window.fetch) return;
  var key = root.getAttribute('data-pos-display-key');
  setInterval(function () {
    fetch('/pos/display.json', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (s) {
        if (s && s.key !== key) window.location.reload();
      })
      .catch(function () {
        /* the till is offline for a moment: try again next time */
      });
  }, 2000);
})();
