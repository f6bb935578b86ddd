import { useEffect, useId, useRef, useState } from 'react';
import { selectProblem } from '../../state/selectors.ts';
import { useAppStore, useAppStoreApi } from '../../state/StoreContext.tsx';
import { ProblemText } from '../app/ProblemText.tsx';

/** Import by file picker or by paste; a refused scenario keeps the dialog open with the reason. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const api = useAppStoreApi();
  const problem = useAppStore(selectProblem);
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const fileId = useId();
  const pasteId = useId();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    api.getState().clearProblem();
  }, [api]);

  const load = async (json: string) => {
    setBusy(true);
    const ok = await api.getState().importText(json);
    setBusy(false);
    if (ok) onClose();
  };

  const onFile = async (file: File | undefined) => {
    if (file) await load(await file.text());
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${fileId}-title`}
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id={`${fileId}-title`} className="dialog-title">
        Import a scenario
      </h2>
      <p className="dialog-hint">A scenario JSON file (version 1), as Export writes it.</p>
      <label htmlFor={fileId} className="field-label">
        Scenario file
      </label>
      <input
        id={fileId}
        type="file"
        accept=".json,application/json"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <label htmlFor={pasteId} className="field-label">
        Or paste scenario JSON
      </label>
      <textarea
        id={pasteId}
        className="dialog-paste"
        rows={10}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {problem?.source === 'import' && (
        <p role="alert" className="problem-inline">
          <ProblemText problem={problem} />
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || text.trim() === ''}
          onClick={() => void load(text)}
        >
          Load pasted JSON
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
