import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { Transport } from '../controls/Transport.tsx';
import { LazyView } from './LazyView.tsx';
import { predictPart } from './parts.ts';
import { StatusRow } from './StatusRow.tsx';

const selectPredictOn = (s: AppState) => s.predict.on;

/** The sentence and the controls, kept in view while the page scrolls under them. */
export function Dock() {
  const predictOn = useAppStore(selectPredictOn);
  return (
    <div className="dock">
      {predictOn && <LazyView part={predictPart}>{(m) => <m.PredictPanel />}</LazyView>}
      <StatusRow />
      <Transport />
    </div>
  );
}
