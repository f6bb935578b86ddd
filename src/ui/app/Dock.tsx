import { useState } from 'react';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { Transport } from '../controls/Transport.tsx';
import { LazyView } from './LazyView.tsx';
import { predictPart } from './parts.ts';
import { StatusRow } from './StatusRow.tsx';

const selectPredictOn = (s: AppState) => s.predict.on;

/**
 * The sentence and the controls, kept in view while the page scrolls under them. On a phone it
 * can fold to the step buttons alone (the sentence is still read out: it is hidden visually only),
 * so it never takes more than about a third of a small screen.
 */
export function Dock() {
  const predictOn = useAppStore(selectPredictOn);
  const [folded, setFolded] = useState(false);
  return (
    <div className={`dock${folded ? ' is-folded' : ''}`}>
      {predictOn && <LazyView part={predictPart}>{(m) => <m.PredictPanel />}</LazyView>}
      <StatusRow>
        <button
          type="button"
          className="btn dock-fold"
          aria-expanded={!folded}
          onClick={() => setFolded(!folded)}
          title={folded ? 'Show the sentence and the timeline' : 'Fold the dock to the step buttons'}
        >
          <span aria-hidden="true">{folded ? '▴' : '▾'}</span>{' '}
          <span className="dock-fold-text">{folded ? 'Show sentence' : 'Fold'}</span>
        </button>
      </StatusRow>
      <Transport />
    </div>
  );
}
