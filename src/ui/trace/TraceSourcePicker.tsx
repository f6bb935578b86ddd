import { useId, useState } from 'react';
import type { DragEvent } from 'react';
import { selectBusy } from './selectors.ts';
import { SamplePicker } from './SamplePicker.tsx';
import { traceStore, useTrace } from './useTrace.ts';

/** Where a trace comes from: a file (picker or drop), a bundled sample, or pasted text. */
export function TraceSourcePicker() {
  const busy = useTrace(selectBusy);
  const [dragging, setDragging] = useState(false);
  const [text, setText] = useState('');
  const fileId = useId();
  const pasteId = useId();

  const loadFile = (file: File | undefined) => {
    if (file) void traceStore().getState().load(file, file.name);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) loadFile(e.dataTransfer.files[0]);
  };

  return (
    <div className="trace-source">
      <div
        className={dragging ? 'trace-drop trace-drop-active' : 'trace-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor={fileId} className="field-label">
          Trace file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".txt,.log,.report,text/plain"
          disabled={busy}
          onChange={(e) => {
            loadFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <span className="trace-drop-hint">or drop it here</span>
      </div>
      <SamplePicker disabled={busy} />
      <details className="trace-paste">
        <summary>Paste trace text</summary>
        <label htmlFor={pasteId} className="field-label">
          Trace text
        </label>
        <textarea
          id={pasteId}
          className="dialog-paste"
          rows={6}
          spellCheck={false}
          placeholder="CPU 0/KVM-4145 [000] .....  86.500056: kvm_page_fault: vcpu 0 rip 0xffffffff812b0950 address 0x0000000008000380 error_code 0x182"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          disabled={busy || text.trim() === ''}
          onClick={() =>
            void traceStore()
              .getState()
              .load(new Blob([text]), 'pasted text')
          }
        >
          Parse pasted text
        </button>
      </details>
    </div>
  );
}
