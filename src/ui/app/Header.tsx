import { useId, useState } from 'react';
import { AlgorithmSwitch } from '../controls/AlgorithmSwitch.tsx';
import { ImportExport } from '../importExport/ImportExport.tsx';
import { PresetPicker } from '../presets/PresetPicker.tsx';
import { PresetNote } from '../presets/PresetNote.tsx';
import { CopyLinkButton } from '../share/CopyLinkButton.tsx';
import { EmbedCodeButton } from '../embed/EmbedCodeButton.tsx';
import { ContrastToggle } from '../contrast/ContrastToggle.tsx';
import { ThemeSwitch } from '../contrast/ThemeSwitch.tsx';
import { PredictToggle } from '../predict/PredictToggle.tsx';
import { ExportMenu } from '../exportImage/ExportMenu.tsx';
import type { AppView } from './route.ts';
import { ViewTabs } from './ViewTabs.tsx';

/**
 * The title, the views and the tools (the quiz, files, sharing) on the first row; what is shown
 * (scenario, algorithm) and the look (theme, contrast) on the second. On a phone the tools and the
 * look fold behind "More", so the first screen is the picture, not the buttons.
 */
export function Header({ view }: { view: AppView }) {
  const [more, setMore] = useState(false);
  const id = useId();
  const open = more ? ' is-open' : '';
  const look = (
    <div id={`${id}-look`} className={`header-look${open}`}>
      <ThemeSwitch />
      <ContrastToggle />
    </div>
  );
  return (
    <header className="app-header">
      <div className="app-header-top">
        <h1 className="app-title">
          SPTE prefetch{' '}
          <span className="app-subtitle">
            KVM x86 MMU · c6cecc4b9324 <span className="app-subtitle-fn">__direct_pte_prefetch</span>
          </span>
        </h1>
        <ViewTabs />
        <button
          type="button"
          className="btn header-more-toggle"
          aria-expanded={more}
          aria-controls={view === 'visualizer' ? `${id}-tools ${id}-look` : `${id}-look`}
          onClick={() => setMore(!more)}
        >
          More <span aria-hidden="true">{more ? '▴' : '▾'}</span>
        </button>
        {view === 'visualizer' ? (
          <div id={`${id}-tools`} className={`header-tools${open}`}>
            <PredictToggle />
            <ImportExport />
            <CopyLinkButton />
            <EmbedCodeButton />
            <ExportMenu />
          </div>
        ) : (
          look
        )}
      </div>
      {view === 'visualizer' && (
        <div className="app-header-controls">
          <PresetPicker />
          <AlgorithmSwitch />
          {look}
        </div>
      )}
      {view === 'visualizer' && <PresetNote />}
    </header>
  );
}
