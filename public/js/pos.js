// POS helpers: keep the scan box focused, live search suggestions as the cashier types, and the
// change worked out as cash is entered. The server does the real work; without JS every form still works.
(function () {
  'use strict';
  // The till's cash rules, the same as the server's (src/modules/pos/pos-math.ts, computeChange and
  // formatCash; tests/unit/pos-math.test.ts runs both on the same inputs). The server is the truth on the receipt.
  var posCash = (function () {
    var wholeRiel = function (centRiel) {
      return Math.floor((centRiel + 50) / 100);
    };
    var neg = function (x) {
      return 0 - x;
    };
    var roundKhr = function (khr, stepKhr) {
      if (stepKhr <= 0) return khr;
      return Math.floor((2 * khr + stepKhr) / (2 * stepKhr)) * stepKhr;
    };
    var usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    var plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    var wholeUsd = function (c) {
      return c % 100 === 0 ? '$' + plain.format(c / 100) : usdFormat.format(c / 100);
    };
    return {
      computeChange: function (i) {
        var cashDueCents = Math.max(0, i.totalCents - i.khqrCents);
        var step = Math.max(0, i.stepKhr);
        var dueKhr = neg(roundKhr(neg(wholeRiel(cashDueCents * i.rate)), step));
        var over = i.tenderedUsdCents * i.rate + i.tenderedKhr * 100 - cashDueCents * i.rate;
        var r = { cashDueCents: cashDueCents, dueKhr: dueKhr, changeUsdCents: 0, changeKhr: 0 };
        if (over < 0) {
          var shortKhr = neg(roundKhr(neg(wholeRiel(neg(over))), step));
          r.enough = shortKhr <= 0;
          r.shortCents = r.enough ? 0 : Math.ceil(-over / i.rate);
          r.shortKhr = r.enough ? 0 : shortKhr;
          r.roundingKhr = r.enough ? neg(wholeRiel(neg(over))) : 0;
          return r;
        }
        var dollars = Math.floor(over / (100 * i.rate));
        var restKhr = wholeRiel(over - dollars * 100 * i.rate);
        var changeKhr = roundKhr(restKhr, step);
        if (changeKhr >= i.rate && (step === 0 || (changeKhr - i.rate) % step === 0)) {
          dollars += 1;
          changeKhr -= i.rate;
        }
        r.enough = true;
        r.shortCents = 0;
        r.shortKhr = 0;
        r.changeUsdCents = dollars * 100;
        r.changeKhr = changeKhr;
        r.roundingKhr = restKhr - roundKhr(restKhr, step);
        return r;
      },
      formatCash: function (usdCents, khr) {
        var parts = [usdCents ? wholeUsd(usdCents) : '', khr ? plain.format(khr) + ' ៛' : ''].filter(Boolean);
        return parts.join(' + ') || wholeUsd(0);
      },
    };
  })();
  window.posCash = posCash;
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
    var step = Number(pay.getAttribute('data-step'));
    var total = Number(totalEl.getAttribute('data-pos-total'));
    var update = function () {
      var method = pay.elements.method.value;
      if (method === 'khqr') {
        out.textContent = '';
        return;
      }
      var cash = posCash.computeChange({
        totalCents: total,
        khqrCents: method === 'split' ? Math.round(Number(pay.elements.khqrAmount.value || 0) * 100) : 0,
        tenderedUsdCents: Math.round(Number(String(pay.elements.tenderedUsd.value || 0).replace(/[$,\s]/g, '')) * 100),
        tenderedKhr: Number(String(pay.elements.tenderedKhr.value || 0).replace(/[,\s]/g, '')),
        rate: rate,
        stepKhr: step,
      });
      if (!Number.isFinite(cash.shortCents) || !Number.isFinite(cash.changeKhr)) {
        out.textContent = '';
        return;
      }
      out.textContent = cash.enough
        ? out.getAttribute('data-label-change') + ' ' + posCash.formatCash(cash.changeUsdCents, cash.changeKhr)
        : out.getAttribute('data-label-short') +
          ' ' +
          posCash.formatCash(cash.shortCents, 0) +
          ' (' +
          posCash.formatCash(0, cash.shortKhr) +
          ')';
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
