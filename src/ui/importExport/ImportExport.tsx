import { useRef, useState } from 'react';
import { serializeScenario } from '../../engine/scenario.ts';
import { selectScenario } from '../../state/selectors.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { LazyView } from '../app/LazyView.tsx';
import { importDialogPart, traceDialogPart } from '../app/parts.ts';

/** A file name from the scenario's name: lower-case words joined by dashes. */
const selectClearProblem = (s: AppState) => s.clearProblem;

export function exportFileName(name: string | undefined): string {
  const slug = (name ?? 'scenario')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'scenario'}.json`;
}

export function ImportExport() {
  const scenario = useAppStore(selectScenario);
  const clearProblem = useAppStore(selectClearProblem);
  const [open, setOpen] = useState(false);
  const importButton = useRef<HTMLButtonElement>(null);
  const [traceOpen, setTraceOpen] = useState(false);
  const traceButton = useRef<HTMLButtonElement>(null);

  const exportScenario = () => {
    if (!scenario) return;
    const blob = new Blob([serializeScenario(scenario)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(scenario.name);
    a.click();
    // The click has started the download synchronously; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div className="import-export">
      <button type="button" className="btn" ref={importButton} onClick={() => setOpen(true)}>
        Import
      </button>
      <button type="button" className="btn" onClick={exportScenario} disabled={!scenario}>
        Export
      </button>
      <button type="button" className="btn" ref={traceButton} onClick={() => setTraceOpen(true)}>
        Open KVM trace
      </button>
      {/* The dialogs' code is fetched in idle time after the first frame, or on the click. */}
      {open && (
        <LazyView part={importDialogPart}>
          {(m) => (
            <m.ImportDialog
              onClose={() => {
                setOpen(false);
                clearProblem();
                importButton.current?.focus();
              }}
            />
          )}
        </LazyView>
      )}
      {traceOpen && (
        <LazyView part={traceDialogPart}>
          {(m) => (
            <m.TraceDialog
              onClose={() => {
                setTraceOpen(false);
                traceButton.current?.focus();
              }}
            />
          )}
        </LazyView>
      )}
    </div>
  );
}
