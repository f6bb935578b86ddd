import type { Step } from '../../engine/steps.ts';
import type { WalkView } from '../../engine/timeline.ts';
import { FAIL_REASON_TEXT } from '../../viz/format.ts';
import { bracketGeometry, WINDOW, windowCellCenter } from '../../viz/layout.ts';

export interface WindowMarkersProps {
  /** GFN of the window's first entry. */
  firstGfn: number;
  walk: WalkView;
  step: Step | null;
}

const EARLY_NOTE = {
  tdp: 'TDP MMU: no prefetch',
  'ad-disabled': 'A/D bits off: no prefetch',
  'huge-level': '2 MiB leaf: no prefetch',
  invalidation: 'invalidation in progress: no prefetch',
} as const;

/**
 * The walk drawn over the large window: the `i` cursor, the `start` marker of an open run, one
 * bracket per batch of this fault and a dashed bracket for a dropped trailing run. Markers move by
 * CSS transform so they slide between steps; brackets grow in when they mount.
 */
export function WindowMarkers({ firstGfn, walk, step }: WindowMarkersProps) {
  const inWindow = (gfn: number | null) => gfn !== null && gfn >= firstGfn && gfn < firstGfn + 8;
  const cursorK = walk.i;
  const startK = inWindow(walk.start) ? walk.start! - firstGfn : null;
  const stopWord = step?.kind === 'walk-stop' ? step.how : walk.stopped ? 'stopped' : null;
  return (
    <g className="spte-markers">
      <g
        className="spte-cursor"
        style={{
          transform: `translateX(${windowCellCenter(cursorK ?? 0)}px)`,
          opacity: cursorK === null ? 0 : 1,
        }}
        aria-hidden={cursorK === null}
      >
        {stopWord ? (
          <text y={WINDOW.cursorY + 22} textAnchor="middle" className="spte-cursor-stop">
            ✕ {stopWord}
          </text>
        ) : (
          <>
            <text x={-12} y={WINDOW.cursorY + 22} textAnchor="end">
              i
            </text>
            <text y={WINDOW.cursorY + 22} textAnchor="middle">
              ▼
            </text>
          </>
        )}
      </g>
      <g
        className="spte-start"
        style={{
          transform: `translateX(${windowCellCenter(startK ?? 0)}px)`,
          opacity: startK === null ? 0 : 1,
        }}
        aria-hidden={startK === null}
      >
        <text y={WINDOW.startY + 18} textAnchor="middle">
          ▲
        </text>
        {/* Near the window's right edge the word goes on the marker's left, inside the drawing. */}
        <text
          x={startK !== null && startK >= 6 ? -13 : 13}
          y={WINDOW.startY + 18}
          textAnchor={startK !== null && startK >= 6 ? 'end' : 'start'}
        >
          start
        </text>
      </g>
      {walk.batches.map((call) => {
        const g = bracketGeometry(call.start - firstGfn, call.end - firstGfn);
        const ok = call.result === 0;
        const len = call.end - call.start;
        const text = ok
          ? `installed ${call.installed}${call.installed < len ? ` of ${len}` : ''}`
          : `failed: ${call.reason ? FAIL_REASON_TEXT[call.reason] : 'error'}`;
        return (
          <g key={`${call.start}-${call.end}`} className={`spte-bracket ${ok ? 'is-ok' : 'is-fail'}`}>
            <path d={g.path} />
            <text x={labelX(g.labelX, text.length + 2)} y={g.labelY} textAnchor="middle">
              {ok ? '✓ ' : '✕ '}
              {text}
            </text>
          </g>
        );
      })}
      {walk.dropped && (
        <DroppedBracket from={walk.dropped.start - firstGfn} to={walk.dropped.end - firstGfn} />
      )}
      {step?.kind === 'early-return' && (
        <text x={WINDOW.width / 2} y={WINDOW.bracketY + 10} textAnchor="middle" className="spte-note">
          {EARLY_NOTE[step.reason]}
        </text>
      )}
    </g>
  );
}

/** Keeps a centred label inside the view box when its bracket sits at a window edge. */
function labelX(centre: number, chars: number): number {
  const half = chars * 6.6;
  return Math.max(half, Math.min(WINDOW.width - half, centre));
}

function DroppedBracket({ from, to }: { from: number; to: number }) {
  const g = bracketGeometry(from, to);
  return (
    <g className="spte-bracket is-dropped">
      <path d={g.path} />
      <text x={labelX(g.labelX, 'dropped'.length + 2)} y={g.labelY} textAnchor="middle">
        dropped
      </text>
    </g>
  );
}
