import { useEffect, useState } from 'react';
import { shareHref } from '../../state/urlSync.ts';
import { useAppStoreApi } from '../../state/StoreContext.tsx';
import { copyText } from './copyText.ts';
import './share.css';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies a link to exactly the frame on screen (scenario, variant, step, speed). */
export function CopyLinkButton() {
  const api = useAppStoreApi();
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);

  const onClick = async () => {
    const href = await shareHref(api);
    // The address bar shows the same link, so a failed copy still leaves a way to share it.
    if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
    setState((await copyText(href)) ? 'copied' : 'failed');
  };

  return (
    <span className="copy-link">
      <button
        type="button"
        className="btn"
        onClick={() => void onClick()}
        title="Copy a link to this exact frame: scenario, variant, step and speed"
      >
        Copy link
      </button>
      <span role="status" aria-live="polite" className={`copy-link-status is-${state}`}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: use the address bar' : ''}
      </span>
    </span>
  );
}
