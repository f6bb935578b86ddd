import { useShallow } from 'zustand/react/shallow';
import type { Variant } from '../../engine/types.ts';
import { selectSides } from '../../state/sides.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import { CodePanel } from './views.tsx';

const selectSource = (s: AppState) => ({
  mode: s.mode,
  codeVariant: s.codeVariant,
  setCodeVariant: s.setCodeVariant,
  frame: s.frame,
  mmu: s.scenario?.mmu ?? 'legacy',
});

/** The code panel follows the shown variant; in compare mode a tab picks which side it follows. */
export function SourceColumn() {
  const { mode, codeVariant, setCodeVariant, frame, mmu } = useAppStore(useShallow(selectSource));
  const sides = useAppStore(selectSides);
  const variant: Variant = mode === 'compare' ? codeVariant : mode;
  const f = frame?.[variant] ?? null;
  const otherVariant: Variant = variant === 'buggy' ? 'fixed' : 'buggy';
  const o = mode === 'compare' ? (frame?.[otherVariant] ?? null) : null;
  // Each mark says whose line it is: buggy / fixed, or the versions when two kernels are chosen.
  const tagOf = (v: Variant) => (sides.defaultPair ? v : sides[v].short);
  return (
    <div className="source-column">
      {mode === 'compare' && (
        <div role="radiogroup" aria-label="Code of" className="segmented segmented-small">
          <span className="field-label">Code of</span>
          {(['buggy', 'fixed'] as const).map((v) => (
            <label key={v} className={`segmented-option${codeVariant === v ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="code-variant"
                value={v}
                checked={codeVariant === v}
                onChange={() => setCodeVariant(v)}
              />
              <span>{sides.defaultPair ? (v === 'buggy' ? 'Before fix' : 'After fix') : sides[v].short}</span>
            </label>
          ))}
        </div>
      )}
      {f && (
        <CodePanel
          variant={f.variant}
          kernel={f.kernel}
          title={sides.defaultPair ? undefined : sides[variant].title}
          step={f.step}
          walk={f.walk}
          tableBase={f.tableBase}
          mmu={mmu}
          {...(o
            ? {
                other: { variant: o.variant, kernel: o.kernel, step: o.step, tag: tagOf(otherVariant) },
                ownTag: tagOf(variant),
              }
            : {})}
        />
      )}
    </div>
  );
}
