// Payment page: live countdown to the deadline, and polling of the order's status so the page
// moves on by itself once the payment is confirmed. Without JS the page works as it is.
(function () {
  'use strict';
  var box = document.querySelector('[data-pay]');
  if (!box) return;
  var deadline = new Date(box.getAttribute('data-deadline')).getTime();
  var countdown = box.querySelector('[data-countdown]');
  var status = box.querySelector('[data-pay-status]');
  function tick() {
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    var m = Math.floor(left / 60),
      s = left % 60;
    if (countdown) countdown.textContent = '(' + m + ':' + (s < 10 ? '0' : '') + s + ')';
    if (left === 0) clearInterval(timer);
  }
  var timer = setInterval(tick, 1000);
  tick();
  function poll() {
    fetch(box.getAttribute('data-status-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.json();
      })
      .then(function (data) {
        if (data.status && data.status !== 'pending_payment') {
          if (status) status.textContent = data.label || data.status;
          window.location.assign(box.getAttribute('data-order-url'));
        }
      })
      .catch(function () {
        /* try again next time */
      });
  }
  setInterval(poll, 5000);
})();
