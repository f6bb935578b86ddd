import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Step } from '../../engine/steps.ts';
import type { WalkView } from '../../engine/timeline.ts';
import type { MmuKind, Variant } from '../../engine/types.ts';
import { SourceListing } from './SourceListing.tsx';
import type { OtherMark } from './SourceListing.tsx';
import { LiveValues } from './LiveValues.tsx';
import { PatchView } from './PatchView.tsx';
import './codePanel.css';

export interface CodePanelProps {
  variant: Variant;
  /** The kernel whose code to show ("4.13"); default the variant's short form (5.15 / 5.16). */
  kernel?: string;
  /** The source tab's name when it is not "before/after the fix" (e.g. "Kernel 4.13"). */
  title?: string | undefined;
  step: Step | null;
  walk: WalkView;
  tableBase: number;
  /** Which pseudo-C to show: shadow paging has its own (paging_tmpl.h). Default legacy. */
  mmu?: MmuKind;
  /** Compare mode: the other side's step, whose current line is marked and labelled too. */
  other?: OtherMark;
  /** Compare mode: this side's label on its own mark. */
  ownTag?: string;
}

type Tab = 'source' | 'patch';

/** The pseudo-C of the walk with the current line highlighted, live values and the patch. */
export function CodePanel({
  variant,
  kernel,
  title,
  step,
  walk,
  tableBase,
  mmu = 'legacy',
  other,
  ownTag,
}: CodePanelProps) {
  const [tab, setTab] = useState<Tab>('source');
  const id = useId();
  const tabs: Array<{ key: Tab; label: string }> = [
    {
      key: 'source',
      label: title ? `Code (${title})` : variant === 'buggy' ? 'Code (before fix)' : 'Code (after fix)',
    },
    { key: 'patch', label: 'Patch' },
  ];
  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    ev.preventDefault();
    const next: Tab = tab === 'source' ? 'patch' : 'source';
    setTab(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  return (
    <section className="code-panel" role="region" aria-label="Source">
      <div className="code-tabs" role="tablist" aria-label="Source view" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            aria-controls={`${id}-panel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            className="code-tab"
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        id={`${id}-panel-${tab}`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-${tab}`}
        className="code-body"
        // A scrolling region: reachable by Tab, so keys can scroll it (WCAG 2.1.1).
        tabIndex={0}
      >
        {tab === 'source' ? (
          <>
            <LiveValues walk={walk} tableBase={tableBase} />
            <SourceListing
              variant={variant}
              kernel={kernel ?? variant}
              step={step}
              mmu={mmu}
              {...(other && ownTag !== undefined ? { other, ownTag } : {})}
            />
          </>
        ) : (
          <PatchView />
        )}
      </div>
    </section>
  );
}
