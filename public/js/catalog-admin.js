// Drag and drop onto the image upload form; the plain file input works without JS.
(function () {
  'use strict';
  var zone = document.querySelector('[data-drop-zone]');
  if (!zone) return;
  var input = zone.querySelector('input[type=file]');
  ['dragenter', 'dragover'].forEach(function (t) { zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add('over'); }); });
  ['dragleave', 'drop'].forEach(function (t) { zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.remove('over'); }); });
  zone.addEventListener('drop', function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; zone.submit(); }
  });
})();
