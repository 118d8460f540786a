// Listing filters, progressive enhancement only: without this file the panel is a plain form, the phone
// drawer opens through #filters (:target) and the sort button submits the sort.
(function () {
  'use strict';
  var panel = document.querySelector('[data-filter-panel]');
  var form = document.querySelector('[data-filter-form]');
  var opener = document.querySelector('[data-filter-open]');
  var wide = window.matchMedia('(min-width: 960px)');

  // Buttons only needed without JavaScript (the sort select applies on change).
  document.querySelectorAll('[data-js-hide]').forEach(function (el) {
    el.hidden = true;
  });
  if (!panel || !form) return;

  // On a phone only the first filter group and those with something chosen start open.
  if (!wide.matches) {
    var first = form.querySelector('details.facet');
    panel.querySelectorAll('details.facet[open]:not([data-selected])').forEach(function (d) {
      if (d !== first) d.removeAttribute('open');
    });
  }

  // "Show N results": the count for the filters as they are being chosen.
  var button = form.querySelector('[data-show-results]');
  var plain = button ? button.textContent : '';
  if (button && button.dataset.label) button.textContent = button.dataset.label;
  var timer = null;
  var pending = null;
  function filledParams() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === 'string' && value.trim() !== '') params.append(key, value);
    });
    return params;
  }
  function refreshCount() {
    if (!button || !window.fetch) return;
    if (pending) pending.abort();
    pending = window.AbortController ? new AbortController() : null;
    fetch(form.dataset.countUrl + '?' + filledParams().toString(), {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: pending ? pending.signal : undefined,
    })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(function (data) {
        if (data && typeof data.label === 'string') button.textContent = data.label;
      })
      .catch(function (err) {
        if (!err || err.name !== 'AbortError') button.textContent = plain;
      });
  }
  form.addEventListener('change', function () {
    clearTimeout(timer);
    timer = setTimeout(refreshCount, 250);
  });
  form.addEventListener('input', function (event) {
    if (event.target && event.target.type === 'number') {
      clearTimeout(timer);
      timer = setTimeout(refreshCount, 500);
    }
  });
  // Empty fields stay out of the address (no "min=&max=").
  form.addEventListener('submit', function () {
    form.querySelectorAll('input, select').forEach(function (el) {
      if (el.name && el.value.trim() === '' && el.type !== 'checkbox') el.disabled = true;
    });
  });
  window.addEventListener('pageshow', function () {
    form.querySelectorAll('[disabled]').forEach(function (el) {
      el.disabled = false;
    });
  });

  // The phone drawer: opens from "Filters (N)", Escape or × closes it, focus goes in and comes back.
  if (!opener) return;
  var closer = panel.querySelector('[data-filter-close]');
  var heading = panel.querySelector('h2');
  function focusables() {
    return Array.prototype.filter.call(
      panel.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select, summary'),
      function (el) {
        return el.offsetParent !== null || el === closer;
      },
    );
  }
  function isOpen() {
    return panel.classList.contains('is-open');
  }
  function open() {
    panel.classList.add('is-open');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
    opener.setAttribute('aria-expanded', 'true');
    document.body.classList.add('filters-open');
    (heading || closer || panel).focus();
  }
  function close() {
    panel.classList.remove('is-open');
    panel.removeAttribute('role');
    panel.removeAttribute('aria-modal');
    opener.setAttribute('aria-expanded', 'false');
    document.body.classList.remove('filters-open');
    if (location.hash === '#filters') history.replaceState(null, '', location.pathname + location.search);
    opener.focus();
  }
  opener.setAttribute('role', 'button');
  opener.setAttribute('aria-expanded', 'false');
  opener.addEventListener('click', function (event) {
    event.preventDefault();
    open();
  });
  opener.addEventListener('keydown', function (event) {
    if (event.key === ' ') {
      event.preventDefault();
      open();
    }
  });
  if (closer)
    closer.addEventListener('click', function (event) {
      event.preventDefault();
      close();
    });
  document.addEventListener('keydown', function (event) {
    if (!isOpen()) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      // Keep focus inside the open drawer.
      var items = focusables();
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && (document.activeElement === first || document.activeElement === heading)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  // A wide screen has no drawer: turning a tablet or widening the window closes it.
  wide.addEventListener('change', function (e) {
    if (e.matches && isOpen()) close();
  });
  // Opened through the address (#filters) before this script ran: the same drawer.
  if (location.hash === '#filters' && !wide.matches) open();
})();
