import { AlgorithmSwitch } from '../controls/AlgorithmSwitch.tsx';
import { ImportExport } from '../importExport/ImportExport.tsx';
import { PresetPicker } from '../presets/PresetPicker.tsx';
import { PresetNote } from '../presets/PresetNote.tsx';

export function Header() {
  return (
    <header className="app-header">
      <div className="app-header-row">
        <h1 className="app-title">
          SPTE prefetch{' '}
          <span className="app-subtitle">KVM x86 MMU · __direct_pte_prefetch · c6cecc4b9324</span>
        </h1>
        <PresetPicker />
        <AlgorithmSwitch />
        <ImportExport />
      </div>
      <PresetNote />
    </header>
  );
}
