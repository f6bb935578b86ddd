import { useId, useRef, useState } from 'react';
import { exportPanelPart } from '../app/parts.ts';
import { useLazyPart } from '../app/lazyPart.ts';
import './exportImage.css';

/**
 * "Export image": a button and its panel. The panel's code (SVG composer, zip, WebM) loads the
 * first time the menu opens, unless the idle prefetch brought it earlier.
 */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const panel = useLazyPart(exportPanelPart, opened);
  return (
    <div className="export-menu">
      <button
        type="button"
        className="btn"
        ref={button}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => {
          setOpen(!open);
          setOpened(true);
        }}
      >
        Export image <span aria-hidden="true">▾</span>
      </button>
      {panel.kind === 'ready' ? (
        <panel.module.ExportPanel id={id} open={open} setOpen={setOpen} button={button} />
      ) : (
        open && (
          <div id={`${id}-panel`} className="export-panel" role="status">
            {panel.kind === 'failed' ? 'Could not load the export tools; reload the page.' : 'Loading…'}
          </div>
        )
      )}
    </div>
  );
}
