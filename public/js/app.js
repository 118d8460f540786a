// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Close the account menu when clicking elsewhere.
  document.addEventListener('click', function (event) {
    document.querySelectorAll('details.menu[open]').forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute('open');
    });
  });
  // Selects marked data-autosubmit submit their form on change (the submit button stays for no-JS).
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.form) select.form.submit();
    });
  });
  // Filters start open on wide screens.
  if (window.matchMedia('(min-width: 960px)').matches) {
    document.querySelectorAll('details.filters').forEach(function (d) {
      d.setAttribute('open', '');
    });
  }
})();

(function () {
  'use strict';
  // Print buttons on invoices and receipts.
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () {
      window.print();
    });
  });
  // Forms marked data-once cannot be sent twice by a double click (the server also refuses duplicates).
  document.querySelectorAll('form[data-once]').forEach(function (form) {
    form.addEventListener('submit', function () {
      form.querySelectorAll('button[type=submit]').forEach(function (b) {
        b.disabled = true;
      });
    });
  });
  // Add to cart without leaving the page; the header count updates at once.
  document.querySelectorAll('form[data-cart-add]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.fetch) return;
      event.preventDefault();
      var message = form.querySelector('[data-cart-message]');
      var body = new URLSearchParams(new FormData(form));
      fetch(form.action, {
        method: 'POST',
        body: body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (res) {
          return res.json();
        })
        .then(function (data) {
          if (message) message.textContent = data.message || '';
          if (data.csrf) {
            var token = form.querySelector('input[name=_csrf]');
            if (!token) {
              token = document.createElement('input');
              token.type = 'hidden';
              token.name = '_csrf';
              form.appendChild(token);
            }
            token.value = data.csrf;
          }
          if (typeof data.count === 'number') {
            document.querySelectorAll('[data-cart-count]').forEach(function (el) {
              el.textContent = String(data.count);
            });
          }
        })
        .catch(function () {
          form.submit();
        });
    });
  });
})();
