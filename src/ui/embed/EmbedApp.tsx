import type { ReactNode } from 'react';
import { useAppView } from '../app/route.ts';
import type { AppView } from '../app/route.ts';
import { LazyView } from '../app/LazyView.tsx';
import { pathsPart } from '../app/parts.ts';
import { EmbedControls } from './EmbedControls.tsx';
import type { EmbedOptions } from './embedOptions.ts';
import { EmbedShell } from './EmbedShell.tsx';
import { EmbedStepper } from './EmbedStepper.tsx';

/**
 * Views that can be embedded, by `?view=`; another view joins by adding its compact component
 * here (controls: whether the stepping controls apply to it).
 */
const EMBEDDABLE: Partial<Record<AppView, { Component: () => ReactNode; stepping: boolean }>> = {
  visualizer: { Component: EmbedStepper, stepping: true },
  // A chunk of its own: a slide of the stepping view never loads the paths view.
  paths: {
    Component: () => <LazyView part={pathsPart}>{(m) => <m.PathsView embed />}</LazyView>,
    stepping: false,
  },
};

/** `?embed`: only the view, its current line, the narration and minimal controls, scaled to the frame. */
export function EmbedApp({ options }: { options: EmbedOptions }) {
  const view = useAppView();
  const entry = EMBEDDABLE[view];
  if (!entry) {
    return (
      <EmbedShell title={options.title}>
        <p className="embed-unavailable">
          The “{view}” view cannot be embedded yet; use view=visualizer or view=paths.
        </p>
      </EmbedShell>
    );
  }
  const { Component, stepping } = entry;
  return (
    <EmbedShell title={options.title} footer={stepping && options.controls ? <EmbedControls /> : undefined}>
      <Component />
    </EmbedShell>
  );
}
