import { AlgorithmSwitch } from '../controls/AlgorithmSwitch.tsx';
import { ImportExport } from '../importExport/ImportExport.tsx';
import { PresetPicker } from '../presets/PresetPicker.tsx';
import { PresetNote } from '../presets/PresetNote.tsx';
import { CopyLinkButton } from '../share/CopyLinkButton.tsx';
import { EmbedCodeButton } from '../embed/EmbedCodeButton.tsx';
import { ContrastToggle } from '../contrast/ContrastToggle.tsx';
import { PredictToggle } from '../predict/PredictToggle.tsx';
import { ExportMenu } from '../exportImage/ExportMenu.tsx';
import type { AppView } from './route.ts';
import { ViewTabs } from './ViewTabs.tsx';

export function Header({ view }: { view: AppView }) {
  return (
    <header className="app-header">
      <div className="app-header-row">
        <h1 className="app-title">
          SPTE prefetch{' '}
          <span className="app-subtitle">KVM x86 MMU · __direct_pte_prefetch · c6cecc4b9324</span>
        </h1>
        <ViewTabs />
        {view === 'visualizer' && (
          <>
            <PresetPicker />
            <AlgorithmSwitch />
            <ImportExport />
            <CopyLinkButton />
            <EmbedCodeButton />
            <ExportMenu />
            <PredictToggle />
          </>
        )}
        <ContrastToggle />
      </div>
      {view === 'visualizer' && <PresetNote />}
    </header>
  );
}
