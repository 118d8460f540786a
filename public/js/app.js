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
    document.querySelectorAll('details.filters').forEach(function (d) { d.setAttribute('open', ''); });
  }
})();
