// POS helpers: keep the scan box focused, live search suggestions as the cashier types, and the
// change worked out as cash is entered. The server does the real work; without JS every form still works.
(function () {
  'use strict';
  var code = document.getElementById('pos-code');
  var list = document.querySelector('[data-pos-suggestions]');
  var form = document.querySelector('[data-pos-scan]');
  if (code) {
    code.focus();
    var timer;
    code.addEventListener('input', function () {
      clearTimeout(timer);
      var q = code.value.trim();
      if (q.length < 2) {
        list.hidden = true;
        return;
      }
      timer = setTimeout(function () {
        fetch('/pos/search.json?q=' + encodeURIComponent(q), {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        })
          .then(function (r) {
            return r.json();
          })
          .then(function (data) {
            list.innerHTML = '';
            (data.matches || []).forEach(function (m) {
              var li = document.createElement('li');
              var b = document.createElement('button');
              b.type = 'button';
              b.textContent = m.name + (m.title ? ' (' + m.title + ')' : '') + ' — ' + m.sku + ' — $' + m.price;
              b.addEventListener('click', function () {
                code.value = m.sku;
                form.submit();
              });
              li.appendChild(b);
              list.appendChild(li);
            });
            list.hidden = !data.matches || !data.matches.length;
          });
      }, 150);
    });
  }
  var pay = document.querySelector('[data-pos-pay]');
  var totalEl = document.querySelector('[data-pos-total]');
  var out = document.querySelector('[data-pos-change]');
  if (pay && totalEl && out) {
    var rate = Number(pay.getAttribute('data-rate'));
    var total = Number(totalEl.getAttribute('data-pos-total'));
    var update = function () {
      var usd = Math.round(Number(pay.elements.tenderedUsd.value || 0) * 100);
      var khr = Number(String(pay.elements.tenderedKhr.value || 0).replace(/[,\s]/g, ''));
      var khqr =
        pay.elements.method.value === 'khqr'
          ? total
          : pay.elements.method.value === 'split'
            ? Math.round(Number(pay.elements.khqrAmount.value || 0) * 100)
            : 0;
      var due = Math.max(0, total - khqr) * rate;
      var diff = usd * rate + khr * 100 - due;
      if (pay.elements.method.value === 'khqr') {
        out.textContent = '';
        return;
      }
      out.textContent =
        diff < 0
          ? 'Short: $' + (Math.ceil(-diff / rate) / 100).toFixed(2)
          : 'Change: $' +
            (Math.floor(diff / rate) / 100).toFixed(2) +
            ' = ' +
            Math.round(diff / 100).toLocaleString('en-US') +
            ' ៛';
    };
    pay.addEventListener('input', update);
    pay.addEventListener('change', update);
  }
  // A KHQR on screen with automatic confirmation: when Bakong reports it paid, complete the sale.
  var watch = document.querySelector('[data-pos-khqr="1"]');
  if (watch && pay) {
    var poll = setInterval(function () {
      fetch('/pos/khqr-status', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) {
          return r.json();
        })
        .then(function (s) {
          if (!s.paid) return;
          clearInterval(poll);
          pay.elements.method.value = 'khqr';
          pay.querySelectorAll('input[name=method]').forEach(function (i) {
            i.checked = i.value === 'khqr';
          });
          pay.submit();
        });
    }, 3000);
  }
})();
