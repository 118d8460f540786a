// "Add to compare" without leaving the page (the form works without this file: POST, then back here).
// The message says how many products the comparison holds; any [data-compare-count] badge follows it.
(function () {
  'use strict';
  function setToken(token) {
    document.querySelectorAll('form[data-compare-add], form[data-cart-add]').forEach(function (form) {
      var input = form.querySelector('input[name=_csrf]');
      if (!input) {
        input = document.createElement('input');
        input.type = 'hidden';
        input.name = '_csrf';
        form.insertBefore(input, form.firstChild);
      }
      input.value = token;
    });
  }

  document.querySelectorAll('form[data-compare-add]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.fetch || !window.URLSearchParams) return;
      event.preventDefault();
      var message = form.querySelector('[data-compare-message]');
      var button = form.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (res) {
          if (res.status === 403) throw new Error('token');
          return res.json();
        })
        .then(function (data) {
          if (data.csrf) setToken(data.csrf);
          if (message) {
            message.textContent = (data.message || '') + ' ';
            if (!form.querySelector('a[href="/compare"]')) {
              var link = document.createElement('a');
              link.href = '/compare';
              link.textContent = form.getAttribute('data-view-label') || '';
              if (link.textContent) message.appendChild(link);
            }
          }
          if (typeof data.count === 'number') {
            document.querySelectorAll('[data-compare-count]').forEach(function (el) {
              el.textContent = String(data.count);
              el.hidden = data.count === 0;
            });
          }
          if (button) button.disabled = false;
        })
        .catch(function () {
          // Whatever went wrong, the plain form still works (and shows the shop's own message).
          form.submit();
        });
    });
  });

  // The compare table: the "swipe sideways" hint only while the table is wider than its box.
  var scroller = document.querySelector('[data-compare-scroll]');
  var hint = document.querySelector('.compare-scroll-hint');
  if (scroller && hint) {
    var update = function () {
      hint.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
    };
    update();
    window.addEventListener('resize', update, { passive: true });
  }
})();
