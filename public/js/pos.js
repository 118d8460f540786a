// POS helpers: keep the scan box focused, live search suggestions as the cashier types, the change
// worked out as cash is entered, a keypad for the cash fields, shortcuts (F2 search, F4 pay, Esc
// clear the search or close the QR) and the end of day's live count. The server does the real work;
// without JS every form still works.
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
  // The fields a payment method uses: cash fields for cash, the KHQR part for a split (all shown without JS).
  if (pay) {
    var fieldOf = function (name) {
      var input = pay.elements[name];
      return input ? input.closest('.field') : null;
    };
    var showFields = function () {
      var method = pay.elements.method.value;
      var cashBox = pay.querySelector('.pos-cash');
      if (cashBox) cashBox.hidden = method === 'khqr';
      var k = fieldOf('khqrAmount');
      if (k) k.hidden = method !== 'split';
    };
    pay.addEventListener('change', showFields);
    showFields();
  }
  // The keypad types into the cash field last chosen (dollars by default); the fields stay typeable.
  var keypad = document.querySelector('[data-keypad]');
  if (keypad && pay) {
    var fields = ['tenderedUsd', 'tenderedKhr', 'khqrAmount']
      .map(function (n) {
        return pay.elements[n];
      })
      .filter(Boolean);
    var target = pay.elements.tenderedUsd;
    var label = keypad.querySelector('[data-keypad-target]');
    var keypadFor = keypad.getAttribute('data-label') || '';
    var mark = function () {
      fields.forEach(function (f) {
        f.closest('.field').classList.toggle('is-target', f === target);
      });
      var l = pay.querySelector('label[for="' + target.id + '"]');
      if (label && l) label.textContent = keypadFor + ' ' + l.textContent;
    };
    fields.forEach(function (f) {
      f.addEventListener('focus', function () {
        target = f;
        mark();
      });
    });
    keypad.addEventListener('click', function (event) {
      var key = event.target.closest('button[data-key]');
      if (!key) return;
      var k = key.getAttribute('data-key');
      var v = target.value;
      var isRiel = target.name === 'tenderedKhr';
      if (k === 'back') v = v.slice(0, -1);
      else if (k === 'clear') v = '';
      else if (k === 'exact') {
        var due = posCash.computeChange({
          totalCents: Number(totalEl.getAttribute('data-pos-total')),
          khqrCents: 0,
          tenderedUsdCents: 0,
          tenderedKhr: 0,
          rate: Number(pay.getAttribute('data-rate')),
          stepKhr: Number(pay.getAttribute('data-step')),
        });
        // The whole amount in this field's currency; the other cash field is emptied.
        fields.forEach(function (f) {
          if (f !== target && f.name !== 'khqrAmount') f.value = '';
        });
        v = isRiel ? String(due.dueKhr) : (due.cashDueCents / 100).toFixed(2);
      } else if (k === '.') {
        if (isRiel || v.indexOf('.') >= 0) return;
        v = (v || '0') + '.';
      } else {
        if (/\.\d\d$/.test(v)) return; // cents have two digits
        v = v === '0' ? k.replace(/^0+/, '') || '0' : v + k;
      }
      target.value = v;
      target.dispatchEvent(new Event('input', { bubbles: true }));
    });
    keypad.hidden = false;
    mark();
  }
  // Clearing the sale asks first (the server clears it; Esc never does).
  var clearForm = document.querySelector('form[data-pos-clear]');
  if (clearForm) {
    clearForm.addEventListener('submit', function (event) {
      if (!window.confirm(clearForm.getAttribute('data-confirm'))) event.preventDefault();
    });
  }
  // Shortcuts: F2 the search box, F4 the payment, Esc empties the search or closes the QR / list.
  if (code) {
    document.addEventListener('keydown', function (event) {
      if (event.key === 'F2') {
        event.preventDefault();
        code.focus();
        code.select();
      } else if (event.key === 'F4' && pay) {
        event.preventDefault();
        var method = pay.elements.method.value;
        var first = method === 'khqr' ? pay.querySelector('input[name=method]:checked') : pay.elements.tenderedUsd;
        document.getElementById('pay').scrollIntoView({ block: 'start' });
        first.focus({ preventScroll: true });
      } else if (event.key === 'Escape') {
        if (code.value || (list && !list.hidden)) {
          event.preventDefault();
          code.value = '';
          if (list) list.hidden = true;
          code.focus();
        } else if (/[?&](pay|q|cat)=/.test(window.location.search)) {
          event.preventDefault();
          window.location.assign('/pos');
        }
      }
    });
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
  // End of day: the count adds up as the notes are typed (the server counts again when saved).
  var count = document.querySelector('form[data-eod-count]');
  var live = document.querySelector('[data-eod-live]');
  if (count && live) {
    var expUsd = document.querySelector('[data-expected-usd]');
    var expKhr = document.querySelector('[data-expected-khr]');
    var whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    var dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    var signed = function (n, fmt) {
      return (n > 0 ? '+' : n < 0 ? '−' : '') + fmt(Math.abs(n));
    };
    var usdText = function (c) {
      return dollars.format(c / 100);
    };
    var khrText = function (r) {
      return whole.format(r) + ' ៛';
    };
    var recount = function () {
      var usdCents = 0;
      var khr = 0;
      var ok = true;
      count.querySelectorAll('input[data-note]').forEach(function (input) {
        var s = input.value.replace(/[,\s]/g, '');
        if (s === '') return;
        if (!/^\d{1,5}$/.test(s) || Number(s) > 10000) {
          ok = false;
          return;
        }
        var face = Number(input.getAttribute('data-face'));
        if (input.getAttribute('data-note') === 'usd') usdCents += face * 100 * Number(s);
        else khr += face * Number(s);
      });
      if (!ok) {
        live.textContent = '';
        return;
      }
      var text = live.getAttribute('data-label') + ' ' + usdText(usdCents) + ' · ' + khrText(khr);
      if (expUsd && expKhr) {
        text +=
          ' — ' +
          live.getAttribute('data-label-diff') +
          ' ' +
          signed(usdCents - Number(expUsd.getAttribute('data-expected-usd')), usdText) +
          ' · ' +
          signed(khr - Number(expKhr.getAttribute('data-expected-khr')), khrText);
      }
      live.textContent = text;
    };
    count.addEventListener('input', recount);
    recount();
  }
})();
