import type { ReactNode } from 'react';
import { useLazyPart } from './lazyPart.ts';
import type { LazyPart } from './lazyPart.ts';

/**
 * Renders a lazily loaded part: `children` with its module once it is here, else `fallback`
 * (nothing by default), or a one-line message if its chunk could not be loaded.
 */
export function LazyView<M>({
  part,
  children,
  fallback = null,
}: {
  part: LazyPart<M>;
  children: (module: M) => ReactNode;
  fallback?: ReactNode;
}) {
  const state = useLazyPart(part);
  if (state.kind === 'ready') return children(state.module);
  if (state.kind === 'failed') {
    return (
      <p className="problem-inline" role="alert">
        This part of the app could not be loaded (the connection may have dropped): reload the page.
      </p>
    );
  }
  return fallback;
}
