/*
 * spte-deck.js: hands a presentation clicker's keys to the SPTE prefetch widgets embedded in a
 * deck, and back to the deck at the ends of each widget's range. No mouse needed.
 *
 *   <script src="spte-viz/examples/spte-deck.js"></script>
 *
 * Works in any HTML deck (reveal.js, Marp's HTML export, Slidev, a hand-written page). It finds the
 * embeds (iframes whose URL has `?embed`, or with class `spte-frame`), picks the one on screen, and
 * on → PageDown Space (← PageUp Shift+Space) steps it through the postMessage API of
 * docs/teaching.md. At the last step of the widget's range (the first, going back) the key is left
 * to the deck, which moves on as usual. Entering a slide going forwards shows the widget at the
 * start of its range; going backwards, at its end. A widget that is playing, and one driven by its
 * slide's fragments (`data-spte-step` on each fragment), leave the keys to the deck.
 *
 * reveal.js: add it as a plugin, `Reveal.initialize({ plugins: [SpteDeck] })`; it then follows
 * reveal's own slide and fragment events. Elsewhere it needs nothing: it watches which embed is on
 * screen. A click into a widget still works: the widget takes the keys itself and, at the ends,
 * gives the deck the key back (`SpteDeck.moveDeck` says how; the default re-sends the key).
 *
 * Plain script, no modules and no build, so a deck opened from file:// can use it.
 */
(function () {
  'use strict';
  if (window.SpteDeck) return;

  var TYPE = 'spte-viz';
  // A widget still loading holds the keys this long, so a fast clicker does not skip its slide;
  // one that never loads (a wrong URL) does not trap the deck.
  var LOAD_GRACE_MS = 4000;
  // How long a key that moved the deck decides which way a newly shown widget was entered.
  var NAV_MEMORY_MS = 2500;
  // A command's answer that has not come by then is given up on (the widget was reloaded).
  var ANSWER_MS = 1500;

  var NEXT_KEYS = { ArrowRight: 1, PageDown: 1, ' ': 1 };
  var PREV_KEYS = { ArrowLeft: 1, PageUp: 1 };
  // Keys a deck uses to move; only their direction is remembered (to enter the next widget right).
  var DECK_NEXT = { ArrowDown: 1, End: 1, n: 1, N: 1, Enter: 1 };
  var DECK_PREV = { ArrowUp: 1, Home: 1, p: 1, P: 1, Backspace: 1 };

  var states = new WeakMap();
  var synthetic = new WeakSet();
  var active = null;
  var lastEmbed = null;
  var lastNav = null;
  var adapter = null;

  function now() {
    return Date.now();
  }

  function isEmbed(f) {
    if (f.classList.contains('spte-frame') || f.hasAttribute('data-spte')) return true;
    var src = f.getAttribute('src') || f.getAttribute('data-src') || '';
    return /[?&]embed(?:[=&#]|$)/.test(src);
  }

  function embeds() {
    return Array.prototype.filter.call(document.querySelectorAll('iframe'), isEmbed);
  }

  function stateOf(f) {
    var s = states.get(f);
    if (!s) {
      s = {
        ready: false,
        known: false,
        step: 1,
        from: 1,
        to: 1,
        playing: false,
        expect: null,
        expectAt: 0,
        seenAt: now(),
        pendingEnter: null,
      };
      states.set(f, s);
    }
    return s;
  }

  function frameOf(source) {
    var all = document.querySelectorAll('iframe');
    for (var i = 0; i < all.length; i++) if (all[i].contentWindow === source) return all[i];
    return null;
  }

  function send(f, message) {
    // '*': a deck opened from file:// has no origin to name; the widget checks who sent it.
    if (f && f.contentWindow) f.contentWindow.postMessage(message, '*');
  }

  function command(f, name, extra) {
    var m = { type: TYPE, command: name };
    if (extra) for (var k in extra) m[k] = extra[k];
    send(f, m);
  }

  /** The share of the frame that is on screen, 0 when hidden. */
  function shownShare(f) {
    if (f.checkVisibility && !f.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      return 0;
    var r = f.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return 0;
    var w = Math.min(r.right, window.innerWidth) - Math.max(r.left, 0);
    var h = Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0);
    if (w <= 0 || h <= 0) return 0;
    var share = (w * h) / (r.width * r.height);
    // Stacked slides (Marp keeps them all in place): the one on top is the one shown.
    var hit = document.elementFromPoint(
      Math.max(0, Math.min(window.innerWidth - 1, r.left + r.width / 2)),
      Math.max(0, Math.min(window.innerHeight - 1, r.top + r.height / 2)),
    );
    if (hit && hit !== f && !f.contains(hit) && embeds().indexOf(hit) >= 0) share /= 4;
    return share;
  }

  /** The embed on screen now: the deck's say (reveal.js), else the most visible one. */
  function current() {
    if (adapter && adapter.currentEmbed) return adapter.currentEmbed();
    var best = null;
    var bestShare = 0.25;
    embeds().forEach(function (f) {
      var s = shownShare(f);
      if (s > bestShare) {
        best = f;
        bestShare = s;
      }
    });
    return best;
  }

  /** The slide an embed sits on: reveal.js and Marp use <section>, Slidev .slidev-page. */
  function slideOf(f) {
    return (f.closest && f.closest('[data-spte-slide], section, .slidev-page')) || f.parentElement;
  }

  function fragmentsOf(f) {
    var slide = slideOf(f);
    if (!slide) return [];
    return Array.prototype.filter.call(
      slide.querySelectorAll('[data-spte-step], [data-spte-command]'),
      function (el) {
        return el.classList.contains('fragment');
      },
    );
  }

  /** A widget its slide's fragments drive leaves the keys to the deck. */
  function deckDriven(f) {
    return f.getAttribute('data-spte-keys') === 'deck' || fragmentsOf(f).length > 0;
  }

  /** Puts a fragment-driven widget where its shown fragments say. */
  function syncFragments(f) {
    var s = stateOf(f);
    if (!s.ready) {
      s.pendingEnter = 'fragments';
      return;
    }
    var shown = fragmentsOf(f).filter(function (el) {
      return el.classList.contains('visible');
    });
    var last = shown[shown.length - 1];
    if (last && last.hasAttribute('data-spte-step')) {
      goto(f, Number(last.getAttribute('data-spte-step')));
      return;
    }
    // Relative commands (nextFault, ...) from the start of the range, one per shown fragment.
    command(f, 'enter', { direction: 'next' });
    expectStep(f, null);
    shown.forEach(function (el) {
      var c = el.getAttribute('data-spte-command');
      if (c) command(f, c);
    });
  }

  function expectStep(f, step) {
    var s = stateOf(f);
    s.expect = step === null ? 'any' : step;
    s.expectAt = now();
  }

  function goto(f, step) {
    command(f, 'goto', { step: step });
    var s = stateOf(f);
    s.step = step;
    expectStep(f, step);
  }

  function enter(f, direction) {
    if (deckDriven(f)) {
      syncFragments(f);
      return;
    }
    var s = stateOf(f);
    if (!s.ready) {
      s.pendingEnter = direction;
      return;
    }
    command(f, 'enter', { direction: direction });
    if (s.known) {
      s.step = direction === 'next' ? s.from : s.to;
      expectStep(f, s.step);
    } else expectStep(f, null);
  }

  /** Which way the deck went to show `f`: the key that moved it, else the order of the embeds. */
  function entryDirection(f) {
    if (lastNav && now() - lastNav.at < NAV_MEMORY_MS) return lastNav.direction;
    if (lastEmbed && lastEmbed !== f && lastEmbed.isConnected) {
      return lastEmbed.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING ? 'next' : 'prev';
    }
    return 'next';
  }

  /** Looks for a change of the embed on screen; called on deck events, keys and a slow timer. */
  function check() {
    var f = current();
    if (f === active) return;
    if (active) {
      stateOf(active).pendingEnter = null;
      if (stateOf(active).ready) command(active, 'pause');
    }
    active = f;
    if (!f) return;
    var direction = entryDirection(f);
    lastEmbed = f;
    enter(f, direction);
  }

  var burst = 0;
  /** After a key moved the deck, looks every frame for a while (slide transitions take time). */
  function checkSoon() {
    burst = now() + 1200;
    var tick = function () {
      check();
      if (now() < burst) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  function noteNav(direction) {
    lastNav = { direction: direction, at: now() };
    checkSoon();
  }

  function editable(t) {
    return t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  function keyDirection(e) {
    if (e.key === ' ') return e.shiftKey ? 'prev' : 'next';
    if (e.shiftKey) return null;
    if (NEXT_KEYS[e.key]) return 'next';
    if (PREV_KEYS[e.key]) return 'prev';
    return null;
  }

  function onKey(e) {
    if (synthetic.has(e) || e.defaultPrevented) return;
    if (e.ctrlKey || e.metaKey || e.altKey || editable(e.target)) return;
    var direction = keyDirection(e);
    if (!direction) {
      if (DECK_NEXT[e.key]) noteNav('next');
      else if (DECK_PREV[e.key]) noteNav('prev');
      return;
    }
    check();
    var f = active;
    var take = false;
    if (f && !deckDriven(f)) {
      var s = stateOf(f);
      if (!s.ready) take = now() - s.seenAt < LOAD_GRACE_MS;
      else if (s.known && !s.playing) take = direction === 'next' ? s.step < s.to : s.step > s.from;
    }
    if (!take) {
      noteNav(direction);
      return;
    }
    // The key is the widget's: the deck must not see it.
    e.preventDefault();
    e.stopImmediatePropagation();
    var st = stateOf(f);
    if (st.ready) goto(f, direction === 'next' ? st.step + 1 : st.step - 1);
  }

  /** Moves the deck when a widget with the focus hands a key back: the deck's API, else the key again. */
  function moveDeck(direction, key) {
    if (adapter && adapter.move) {
      adapter.move(direction);
      return;
    }
    var init = { key: key, bubbles: true, cancelable: true };
    var codes = { ArrowRight: 39, ArrowLeft: 37, PageDown: 34, PageUp: 33, ' ': 32 };
    var ev = new KeyboardEvent('keydown', init);
    // Older deck code reads keyCode / which, which a KeyboardEvent constructor cannot set.
    var code = codes[key] || 0;
    Object.defineProperty(ev, 'keyCode', {
      get: function () {
        return code;
      },
    });
    Object.defineProperty(ev, 'which', {
      get: function () {
        return code;
      },
    });
    synthetic.add(ev);
    document.dispatchEvent(ev);
  }

  function onMessage(e) {
    var d = e.data;
    if (!d || typeof d !== 'object' || d.type !== TYPE) return;
    var f = frameOf(e.source);
    if (!f) return;
    var s = stateOf(f);
    if (d.event === 'ready') {
      s.ready = true;
      f.setAttribute('data-spte-ready', '');
      var pending = s.pendingEnter;
      s.pendingEnter = null;
      if (pending === 'fragments') syncFragments(f);
      else if (pending) enter(f, pending);
    } else if (d.event === 'state' && typeof d.step === 'number') {
      s.from = d.from;
      s.to = d.to;
      s.playing = !!d.playing;
      // An answer to an earlier command may still be on its way: the step the deck asked for
      // stays the model until the widget reports it (or the wait gives up).
      var waiting = s.expect !== null && now() - s.expectAt < ANSWER_MS;
      if (!waiting || s.expect === 'any' || s.expect === d.step) {
        s.step = d.step;
        s.expect = null;
      }
      s.known = true;
      f.setAttribute('data-spte-step', String(d.step));
    } else if (d.event === 'key' && (d.direction === 'next' || d.direction === 'prev')) {
      // The widget has the focus and is at an end: give the deck its keys back, and move it.
      f.blur();
      window.focus();
      noteNav(d.direction);
      moveDeck(d.direction, typeof d.key === 'string' ? d.key : '');
    }
  }

  // A deck that unloads a hidden slide's iframe (reveal.js does) or replaces its src loads a new
  // widget: what was known about the old one no longer holds.
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      var f = r.target;
      if (f.tagName !== 'IFRAME' || !states.has(f)) return;
      var s = states.get(f);
      s.ready = false;
      s.known = false;
      s.expect = null;
      s.seenAt = now();
      f.removeAttribute('data-spte-ready');
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['src'], subtree: true });

  window.addEventListener('message', onMessage);
  // Capture on window: the widget's keys must be taken before any deck's own handler sees them.
  window.addEventListener('keydown', onKey, true);
  setInterval(check, 250);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', check);
  else check();

  /** reveal.js plugin: `Reveal.initialize({ plugins: [SpteDeck] })`. */
  function SpteDeck() {
    return {
      id: 'spte-deck',
      init: function (deck) {
        adapter = {
          currentEmbed: function () {
            var slide = deck.getCurrentSlide();
            if (!slide) return null;
            var list = Array.prototype.filter.call(slide.querySelectorAll('iframe'), isEmbed);
            return list[0] || null;
          },
          move: function (direction) {
            if (direction === 'prev') deck.prev();
            else deck.next();
          },
        };
        var order = function (slide) {
          var i = deck.getIndices(slide);
          return [i.h, i.v || 0];
        };
        deck.on('slidechanged', function (e) {
          var a = e.previousSlide ? order(e.previousSlide) : [-1, 0];
          var b = order(e.currentSlide);
          var back = b[0] < a[0] || (b[0] === a[0] && b[1] < a[1]);
          lastNav = { direction: back ? 'prev' : 'next', at: now() };
          check();
        });
        var onFragment = function (e) {
          var slide = e.fragment && e.fragment.closest('section');
          var f = slide && adapter.currentEmbed();
          if (f && deckDriven(f)) syncFragments(f);
        };
        deck.on('fragmentshown', onFragment);
        deck.on('fragmenthidden', onFragment);
        deck.on('ready', check);
        check();
      },
    };
  }
  SpteDeck.id = 'spte-deck';
  SpteDeck.check = check;
  SpteDeck.moveDeck = moveDeck;
  window.SpteDeck = SpteDeck;
})();
