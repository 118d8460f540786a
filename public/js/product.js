// Product page, progressive enhancement: thumbnails scroll the photo strip in place, the photo opens
// in a lightbox, and the phone's sticky "Add to cart" bar hides while the form itself is on screen.
(function () {
  'use strict';
  var gallery = document.querySelector('[data-gallery]');
  var stage = gallery && gallery.querySelector('.gallery-stage');
  var thumbs = gallery ? gallery.querySelectorAll('[data-thumb]') : [];

  function markThumb(index) {
    thumbs.forEach(function (a, i) {
      if (i === index) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    });
  }

  thumbs.forEach(function (a, i) {
    a.addEventListener('click', function (event) {
      var target = document.getElementById(a.getAttribute('href').slice(1));
      if (!target || !stage) return;
      event.preventDefault();
      stage.scrollTo({ left: target.offsetLeft });
      markThumb(i);
    });
  });
  if (stage && thumbs.length) {
    stage.addEventListener(
      'scroll',
      function () {
        markThumb(Math.round(stage.scrollLeft / Math.max(1, stage.clientWidth)));
      },
      { passive: true },
    );
  }

  // Lightbox: a modal <dialog> (Escape and the close button close it; focus goes back to the photo).
  var zooms = document.querySelectorAll('[data-zoom]');
  if (zooms.length && typeof HTMLDialogElement === 'function') {
    var closeLabel = gallery.getAttribute('data-close-label') || 'Close';
    var dialog = document.createElement('dialog');
    dialog.className = 'lightbox';
    dialog.setAttribute('aria-label', stage ? stage.getAttribute('aria-label') : '');
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'button lightbox-close';
    close.textContent = closeLabel;
    var big = document.createElement('img');
    big.alt = '';
    dialog.appendChild(close);
    dialog.appendChild(big);
    document.body.appendChild(dialog);
    var opener = null;
    close.addEventListener('click', function () {
      dialog.close();
    });
    dialog.addEventListener('click', function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener('close', function () {
      if (opener) opener.focus();
    });
    zooms.forEach(function (a) {
      a.addEventListener('click', function (event) {
        event.preventDefault();
        opener = a;
        var img = a.querySelector('img');
        big.src = a.getAttribute('href');
        big.alt = img ? img.alt : '';
        dialog.showModal();
        close.focus();
      });
    });
  }

  // The sticky bar is for when the buy form has scrolled away.
  var bar = document.querySelector('[data-sticky-buy]');
  var button = document.querySelector('[data-buy-button]');
  if (bar && button && 'IntersectionObserver' in window) {
    new IntersectionObserver(function (entries) {
      bar.classList.toggle('is-hidden', entries[0].isIntersecting);
    }).observe(button);
  }
})();
