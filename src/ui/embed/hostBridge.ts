import type { AppStore } from '../../state/store.ts';
import { embedKeyMove, moveDirection, movePassesToHost } from './embedKeys.ts';
import type { KeyMove } from './embedKeys.ts';
import { API_VERSION, MESSAGE_TYPE, parseHostMessage, rangeBounds, stateEvent } from './hostMessages.ts';
import type { HostCommand } from './hostMessages.ts';
import { createCommandPump } from './hostQueue.ts';

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

  /** Runs one command; a promise when it finishes later (the commands after it wait for it). */
  const run = (c: HostCommand): Promise<unknown> | void => {
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
        // The new mode's axis comes from the worker; a `goto` sent after this must land on it,
        // not be undone by the mode change seeking to its own tick when the answer arrives.
        return s.setMode(c.variant);
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

  // Applied once per frame, superseded ones dropped: a flood of messages cannot hold the embed.
  // Each command that runs is answered, as before.
  const pump = createCommandPump((c) => {
    answerNext = true;
    const done = run(c);
    emit();
    return done;
  });
  const onMessage = (e: MessageEvent) => {
    if (!host || e.source !== host) return;
    const c = parseHostMessage(e.data);
    if (c) pump.push(c);
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
    pump.dispose();
    unsubscribe();
  };
}
