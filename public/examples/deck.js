// Glue between reveal.js and the embedded SPTE prefetch widgets (the postMessage API of
// docs/teaching.md). Plain script, no modules, so the deck also runs from file://.
/* global Reveal */
(function () {
  'use strict';
  var TYPE = 'spte-viz';
  var UNDO = { next: 'prev', prev: 'next', nextFault: 'prevFault', prevFault: 'nextFault' };

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe.spte-frame'));
  }

  function send(frame, command) {
    // '*' because a deck opened from file:// has no origin to name; the widget checks the sender.
    if (frame && frame.contentWindow) frame.contentWindow.postMessage({ type: TYPE, command: command }, '*');
  }

  // Remember each widget's place in its data-src, so the widget comes back where it was when
  // reveal.js reloads it (it unloads lazy iframes on hidden slides).
  function rememberStep(frame, state) {
    var src = frame.getAttribute('data-src');
    if (!src) return;
    var q = src.indexOf('?');
    var params = new URLSearchParams(q < 0 ? '' : src.slice(q + 1));
    params.set('step', String(state.step));
    params.set('variant', state.variant);
    var query = params.toString().replace(/=(?=&|$)/g, '');
    frame.setAttribute('data-src', (q < 0 ? src : src.slice(0, q)) + '?' + query);
    frame.setAttribute('data-step', String(state.step));
  }

  window.addEventListener('message', function (e) {
    var frame = frames().find(function (f) {
      return f.contentWindow === e.source;
    });
    var d = e.data;
    if (!frame || !d || d.type !== TYPE) return;
    if (d.event === 'ready') frame.setAttribute('data-ready', '');
    else if (d.event === 'state' && typeof d.step === 'number') rememberStep(frame, d);
    else if (d.event === 'key') {
      // The widget is at an end of its range: the clicker's key moves the deck instead.
      frame.blur();
      window.focus();
      if (d.direction === 'prev') Reveal.prev();
      else Reveal.next();
    }
  });

  function onFragment(shown) {
    return function (e) {
      var command = e.fragment.getAttribute('data-spte-command');
      if (!command) return;
      var slide = e.fragment.closest('section');
      send(slide && slide.querySelector('iframe.spte-frame'), shown ? command : UNDO[command] || command);
    };
  }

  Reveal.initialize({
    hash: true,
    width: 1280,
    height: 720,
    margin: 0.03,
    transition: 'slide',
    // Keys that reach the deck (not the focused widget) move it as usual.
    keyboard: true,
  }).then(function () {
    Reveal.on('fragmentshown', onFragment(true));
    Reveal.on('fragmenthidden', onFragment(false));
  });
})();
