// Suggestions under the header's search box while typing (ARIA combobox with a listbox popup).
// Progressive enhancement only: without this file the box is a plain search form.
(function () {
  'use strict';
  var form = document.querySelector('form[data-suggest]');
  if (!form || !window.fetch) return;
  var input = form.querySelector('input[name=q]');
  var list = form.querySelector('[role=listbox]');
  var status = form.querySelector('[data-suggest-status]');
  if (!input || !list) return;

  var items = [];
  var active = -1;
  var timer = 0;
  var controller = null;
  var lastQuery = '';

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-expanded', 'false');

  function announce(text) {
    if (status) status.textContent = text;
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    highlight(-1);
  }

  function reopen() {
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function highlight(index) {
    var options = list.querySelectorAll('[role=option]');
    active = index;
    options.forEach(function (option, i) {
      option.setAttribute('aria-selected', i === index ? 'true' : 'false');
    });
    if (index >= 0 && options[index]) {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function option(item, i) {
    var li = document.createElement('li');
    li.id = 'header-search-option-' + i;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.className = 'suggest-item suggest-' + item.kind;
    if (item.image) {
      var img = document.createElement('img');
      img.src = item.image;
      img.alt = '';
      img.width = 40;
      img.height = 40;
      img.loading = 'lazy';
      li.appendChild(img);
    }
    var name = document.createElement('span');
    name.className = 'suggest-name';
    name.textContent = item.name;
    li.appendChild(name);
    var extra = document.createElement('span');
    extra.className = 'suggest-extra';
    extra.textContent = item.kind === 'category' ? form.getAttribute('data-suggest-category') || '' : item.price || '';
    li.appendChild(extra);
    // mousedown would blur the input first and close the list before the click lands.
    li.addEventListener('mousedown', function (event) {
      event.preventDefault();
    });
    li.addEventListener('click', function () {
      window.location.assign(item.url);
    });
    return li;
  }

  function show(found) {
    items = found;
    list.textContent = '';
    items.forEach(function (item, i) {
      list.appendChild(option(item, i));
    });
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (!items.length) {
      close();
      announce('');
      return;
    }
    reopen();
    announce((form.getAttribute('data-suggest-shown') || '').replace('{n}', String(items.length)));
  }

  function load() {
    var q = input.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    if (controller) controller.abort();
    if (Array.from(q).length < 2) {
      show([]);
      return;
    }
    controller = window.AbortController ? new AbortController() : null;
    fetch(form.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q), {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: controller ? controller.signal : undefined,
    })
      .then(function (res) {
        return res.ok ? res.json() : { items: [] };
      })
      .then(function (data) {
        if (input.value.trim() === q) show(Array.isArray(data.items) ? data.items : []);
      })
      .catch(function () {
        // Aborted by newer typing, or offline: the form still submits.
      });
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 150);
  });

  input.addEventListener('keydown', function (event) {
    var open = !list.hidden && items.length > 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) {
        if (items.length && input.value.trim() === lastQuery) reopen();
        else load();
        return;
      }
      highlight(active + 1 >= items.length ? 0 : active + 1);
    } else if (event.key === 'ArrowUp') {
      if (!open) return;
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      if (open && active >= 0 && items[active]) {
        event.preventDefault();
        window.location.assign(items[active].url);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        close();
      }
    }
  });

  input.addEventListener('blur', function () {
    close();
  });
  input.addEventListener('focus', function () {
    if (items.length && input.value.trim() === lastQuery) reopen();
  });
})();
