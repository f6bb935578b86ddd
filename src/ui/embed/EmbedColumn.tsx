import type { VariantFrame } from '../../engine/timeline.ts';
import type { Scenario, Variant } from '../../engine/types.ts';
import { sidesOf } from '../../state/sides.ts';
import { SptePage } from '../app/views.tsx';
import { LazyView } from '../app/LazyView.tsx';
import { guestTablePart } from '../app/parts.ts';
import { EmbedCodeLine } from './EmbedCodeLine.tsx';
import { OverviewPicture } from '../sptePage/OverviewPicture.tsx';

/**
 * One variant in embed mode: a label with its counters, the SPTE page, and the current line; under
 * shadow paging with guest paging on, the guest PTEs of the window above it (the arrows are the
 * point of that walk).
 */
export function EmbedColumn({
  variant,
  frame,
  scenario,
  diffMask,
  transitionMs,
}: {
  variant: Variant;
  frame: VariantFrame;
  scenario: Scenario;
  diffMask: Uint8Array | null;
  transitionMs: number;
}) {
  const guestPaging = scenario.mmu === 'shadow' && scenario.guest?.paging === true;
  // The kernels compared: "Before the fix" | "After the fix", or "Kernel 3.7" | "Kernel 3.8". The
  // badge is the kernel's own variant: two chosen versions may both predate the fix.
  const sides = sidesOf(scenario);
  const side = sides[variant];
  return (
    <section
      className={`embed-column is-${variant}${guestPaging ? ' has-guest' : ''}`}
      aria-label={`${side.title} (${frame.variant})`}
      data-kernel={frame.kernel}
    >
      <header className="embed-column-head">
        <span className={`spte-variant-badge is-${frame.variant}`}>{frame.variant}</span>
        <span className="embed-column-title">{side.title}</span>
        <span className="embed-counts">
          pf_fixed <b>{frame.totals.pfFixed}</b> · prefetched <b>{frame.totals.prefetched}</b>
        </span>
      </header>
      {/* Only shadow paging draws guest PTEs: their code (and d3-shape's arrows) is a chunk of its own. */}
      {guestPaging && (
        <LazyView part={guestTablePart}>
          {(m) => <m.GuestTable frame={frame} scenario={scenario} transitionMs={transitionMs} large />}
        </LazyView>
      )}
      <SptePage
        frame={frame}
        scenario={scenario}
        label={variant}
        side={sides.defaultPair ? undefined : { name: side.short, title: side.title }}
        diffMask={diffMask}
        compact
        overviewPicture={OverviewPicture}
        transitionMs={transitionMs}
      />
      <EmbedCodeLine
        mmu={scenario.mmu}
        variant={variant}
        kernel={frame.kernel}
        name={side.tag}
        step={frame.step}
      />
    </section>
  );
}
