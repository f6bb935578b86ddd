import { useEffect, useState } from 'react';

/**
 * A part of the app that the first frame does not need (a view, a dialog, a menu's body): its code
 * is a chunk of its own, loaded the first time it is wanted, or earlier, on idle, by
 * prefetchOnIdle. Once loaded the module is held here, so a component renders it in the same
 * frame as the click that asked for it; only a click before the idle prefetch waits for the chunk.
 */
export interface LazyPart<M> {
  /** The module, once loaded; else null. */
  current(): M | null;
  /** Loads the module (once; a failed load may be retried). */
  load(): Promise<M>;
}

export function lazyPart<M>(importer: () => Promise<M>): LazyPart<M> {
  let mod: M | null = null;
  let pending: Promise<M> | null = null;
  return {
    current: () => mod,
    load() {
      pending ??= importer().then(
        (m) => (mod = m),
        (e: unknown) => {
          // A chunk that failed to load (a dropped connection) is asked for again next time.
          pending = null;
          throw e;
        },
      );
      return pending;
    },
  };
}

export type LazyState<M> = { kind: 'ready'; module: M } | { kind: 'loading' } | { kind: 'failed' };

/**
 * The part's module for a component: ready at once when it was loaded before, else loading
 * (rendered as a placeholder) until its chunk arrives. `wanted` false asks for nothing.
 */
export function useLazyPart<M>(part: LazyPart<M>, wanted = true): LazyState<M> {
  const [failed, setFailed] = useState(false);
  const [, setLoaded] = useState(0);
  const mod = part.current();
  useEffect(() => {
    if (!wanted || part.current() !== null) return;
    let live = true;
    part.load().then(
      () => live && setLoaded((n) => n + 1),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [part, wanted]);
  if (mod !== null) return { kind: 'ready', module: mod };
  return failed ? { kind: 'failed' } : { kind: 'loading' };
}

/**
 * Loads the parts one after another in idle time, so a later click finds its code already here.
 * One at a time and only when idle: the page the user is looking at keeps the main thread.
 */
export function prefetchOnIdle(parts: ReadonlyArray<LazyPart<unknown>>, startAfterMs = 400): () => void {
  let stopped = false;
  const hasIdle = typeof requestIdleCallback === 'function';
  let handle: number | null = null;
  const idle = (fn: () => void) => {
    handle = hasIdle ? requestIdleCallback(fn, { timeout: 3000 }) : window.setTimeout(fn, 50);
  };
  const next = (i: number) => {
    if (stopped || i >= parts.length) return;
    idle(() => {
      if (stopped) return;
      parts[i]!.load().then(
        () => next(i + 1),
        () => next(i + 1),
      );
    });
  };
  const timer = window.setTimeout(() => next(0), startAfterMs);
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    if (handle === null) return;
    if (hasIdle) cancelIdleCallback(handle);
    else window.clearTimeout(handle);
  };
}

/**
 * False until the browser has been idle once after `ready` became true: for parts below the fold,
 * which should neither hold up nor compete with the first frame.
 */
export function useIdleAfter(ready: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!ready || idle) return;
    if (typeof requestIdleCallback !== 'function') {
      const t = window.setTimeout(() => setIdle(true), 200);
      return () => window.clearTimeout(t);
    }
    const h = requestIdleCallback(() => setIdle(true), { timeout: 1500 });
    return () => cancelIdleCallback(h);
  }, [ready, idle]);
  return idle;
}
