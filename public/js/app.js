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

(function () {
  'use strict';
  // Home carousel: the dots scroll the banner strip in place (without JS they are plain #links); no auto-advance.
  document.querySelectorAll('[data-carousel]').forEach(function (carousel) {
    var track = carousel.querySelector('.hero-track');
    var dots = carousel.querySelectorAll('[data-slide]');
    if (!track || !dots.length) return;
    function mark(index) {
      dots.forEach(function (d, i) {
        if (i === index) d.setAttribute('aria-current', 'true');
        else d.removeAttribute('aria-current');
      });
    }
    dots.forEach(function (dot, i) {
      dot.addEventListener('click', function (event) {
        event.preventDefault();
        track.scrollTo({ left: track.clientWidth * i });
        mark(i);
      });
    });
    track.addEventListener(
      'scroll',
      function () {
        mark(Math.round(track.scrollLeft / Math.max(1, track.clientWidth)));
      },
      { passive: true },
    );
  });
  // Cart quantities: − and + buttons beside the number field (the field alone works without JS).
  document.querySelectorAll('[data-stepper]').forEach(function (box) {
    var input = box.querySelector('input[type=number]');
    if (!input) return;
    var wrap = document.createElement('span');
    wrap.className = 'stepper';
    function step(delta, text, label) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.setAttribute('aria-label', label);
      b.addEventListener('click', function () {
        var min = Number(input.min || 0);
        var max = Number(input.max || 99);
        input.value = String(Math.min(max, Math.max(min, (Number(input.value) || 0) + delta)));
      });
      return b;
    }
    var name = box.querySelector('label') ? box.querySelector('label').textContent : '';
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(step(-1, '−', '− ' + name));
    wrap.appendChild(input);
    wrap.appendChild(step(1, '+', '+ ' + name));
  });
})();
