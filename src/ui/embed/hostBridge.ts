import type { AppStore } from '../../state/store.ts';
import { embedKeyMove, moveDirection, movePassesToHost } from './embedKeys.ts';
import type { KeyMove } from './embedKeys.ts';
import { API_VERSION, MESSAGE_TYPE, parseHostMessage, rangeBounds, stateEvent } from './hostMessages.ts';
import type { HostCommand } from './hostMessages.ts';

/**
 * The embed's side of the postMessage API: obeys only the window that embeds it (a deck opened
 * from file:// has origin "null", so the source window is checked, not the origin), tells it
 * `ready` once a frame is on screen and `state` after every change, and hands navigation keys at
 * either end of the range to it so a clicker moves the deck on.
 */
export function startHostBridge(store: AppStore, opts: { autoplay: boolean }): () => void {
  const host = window.parent !== window ? window.parent : null;
  // Nothing here is secret, and a file:// host has no origin to name.
  const post = (message: object) => host?.postMessage(message, '*');
  let resumePlaying = opts.autoplay;
  // A host that sent a command hears back, even when nothing changed (a `goto` to the step on
  // screen, `next` at the end): spte-deck.js waits for that answer before trusting its model.
  let answerNext = false;

  const move = (m: KeyMove) => {
    const s = store.getState();
    const { lo, hi } = rangeBounds(s);
    if (m === 'next') s.step(1);
    else if (m === 'prev') s.step(-1);
    else if (m === 'nextFault') s.fault(1);
    else if (m === 'prevFault') s.fault(-1);
    else {
      s.pause();
      s.seek(m === 'first' ? lo : hi);
    }
  };

  const run = (c: HostCommand) => {
    const s = store.getState();
    switch (c.command) {
      case 'next':
      case 'prev':
      case 'nextFault':
      case 'prevFault':
        move(c.command);
        break;
      case 'goto':
        s.pause();
        s.seek(Math.max(0, c.step - 1));
        break;
      case 'first':
      case 'reset':
        s.pause();
        s.seek(rangeBounds(s).lo);
        break;
      case 'last':
        s.pause();
        s.seek(rangeBounds(s).hi);
        break;
      case 'enter': {
        s.pause();
        const { lo, hi } = rangeBounds(s);
        s.seek(c.direction === 'next' ? lo : hi);
        // A widget that plays by itself starts over when its slide is shown going forwards.
        if (c.direction === 'next' && opts.autoplay) s.play();
        break;
      }
      case 'play':
        s.play();
        break;
      case 'pause':
        s.pause();
        break;
      case 'setVariant':
        void s.setMode(c.variant);
        break;
      case 'slide:stop':
        resumePlaying = s.playing;
        s.pause();
        break;
      case 'slide:start':
        if (resumePlaying) s.play();
        break;
      case 'predict':
        s.setPredict(c.on);
        break;
      case 'predictFor':
        s.setPredictVariant(c.variant);
        break;
      case 'pick':
        s.togglePick(c.gfn);
        break;
      case 'submitPrediction':
        s.submitPrediction(c.gfns);
        break;
      case 'resetScore':
        s.resetPredictScore();
        break;
    }
  };

  const onMessage = (e: MessageEvent) => {
    if (!host || e.source !== host) return;
    const c = parseHostMessage(e.data);
    if (!c) return;
    answerNext = true;
    run(c);
    emit();
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))
      return;
    // Space and Enter on a focused button press it.
    if (t instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter')) return;
    const m = embedKeyMove(e);
    if (!m) return;
    e.preventDefault();
    if (movePassesToHost(m, store.getState())) {
      post({ type: MESSAGE_TYPE, event: 'key', key: e.key, direction: moveDirection(m) });
    } else move(m);
  };

  let readySent = false;
  let last = '';
  const emit = () => {
    const ev = stateEvent(store.getState());
    if (!ev) return;
    if (!readySent) {
      readySent = true;
      post({ type: MESSAGE_TYPE, event: 'ready', api: API_VERSION });
    }
    const key = JSON.stringify(ev);
    if (key === last && !answerNext) return;
    answerNext = false;
    last = key;
    post(ev);
  };

  window.addEventListener('message', onMessage);
  window.addEventListener('keydown', onKey);
  const unsubscribe = store.subscribe(emit);
  emit();
  return () => {
    window.removeEventListener('message', onMessage);
    window.removeEventListener('keydown', onKey);
    unsubscribe();
  };
}
