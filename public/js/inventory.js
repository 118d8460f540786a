// Stock adjustment form: a correction asks for the counted quantity, the others for how many.
(function () {
  var form = document.querySelector('[data-adjust-form]');
  if (!form) return;
  var reason = form.querySelector('select[name="reason"]');
  var label = form.querySelector('label[for="f-quantity"]');
  if (!reason || !label) return;
  function update() {
    label.textContent = form.getAttribute(reason.value === 'correction' ? 'data-label-counted' : 'data-label-quantity');
  }
  reason.addEventListener('change', update);
  update();
})();
