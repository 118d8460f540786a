// Drag and drop onto the image upload form; the plain file input works without JS.
(function () {
  'use strict';
  var zone = document.querySelector('[data-drop-zone]');
  if (!zone) return;
  var input = zone.querySelector('input[type=file]');
  ['dragenter', 'dragover'].forEach(function (t) {
    zone.addEventListener(t, function (e) {
      e.preventDefault();
      zone.classList.add('over');
    });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    zone.addEventListener(t, function (e) {
      e.preventDefault();
      zone.classList.remove('over');
    });
  });
  zone.addEventListener('drop', function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      zone.submit();
    }
  });
})();

// Import progress: polls the job and updates the bar until it is done.
(function () {
  'use strict';
  var box = document.querySelector('[data-import-job]');
  if (!box) return;
  var status = box.querySelector('[data-import-status]');
  var bar = box.querySelector('[data-import-progress]');
  var timer = setInterval(function () {
    fetch(box.getAttribute('data-import-job'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.json();
      })
      .then(function (job) {
        bar.max = job.total;
        bar.value = job.done;
        status.textContent =
          job.status === 'importing'
            ? job.done + ' / ' + job.total
            : job.status === 'done'
              ? '✓ ' + job.created + ' + ' + job.updated
              : job.status;
        if (job.status !== 'importing') {
          clearInterval(timer);
          window.location.reload();
        }
      });
  }, 700);
})();
