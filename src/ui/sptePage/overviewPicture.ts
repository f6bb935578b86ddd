import type { CellState } from '../../viz/cellState.ts';
import { HOST_NO_SLOT, HOST_NOT_RESIDENT } from '../../viz/hostInfo.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { OVERVIEW, overviewCell } from '../../viz/layout.ts';
import { cellLook } from './CellShape.tsx';
import type { PatternIds } from './PatternDefs.tsx';

/**
 * The 512-entry overview drawn as a handful of SVG paths, one per look (fill, border, dash,
 * opacity) and one per kind of mark, instead of 512 cells with their marks. Each path holds one
 * subpath per entry of its look, so the picture is the same as the grid's, drawn from the same
 * cellLook; an embed (six of them on a slide deck's page) creates about ten elements for it, not
 * a thousand.
 */
export interface PicturePath {
  /** Stable across renders for the same look, so React keeps the element and sets only `d`. */
  key: string;
  d: string;
  className?: string;
  fill: string;
  stroke: string;
  strokeWidth?: number;
  strokeDasharray?: string;
  strokeLinecap?: 'round';
  opacity?: number;
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

function roundRect(x: number, y: number, w: number, h: number, r: number): string {
  const [a, b, c, d, e] = [x + r, y, w - 2 * r, h - 2 * r, r].map(r2) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return `M${a},${b}h${c}a${e},${e} 0 0 1 ${e},${e}v${d}a${e},${e} 0 0 1 -${e},${e}h-${c}a${e},${e} 0 0 1 -${e},-${e}v-${d}a${e},${e} 0 0 1 ${e},-${e}z`;
}

function circle(cx: number, cy: number, r: number): string {
  return `M${r2(cx - r)},${r2(cy)}a${r},${r} 0 1 0 ${2 * r},0a${r},${r} 0 1 0 -${2 * r},0z`;
}

/** Collects subpaths under a look; the first subpath of a look fixes its place in the drawing order. */
class Groups {
  private readonly byKey = new Map<string, { path: Omit<PicturePath, 'd'>; parts: string[] }>();
  add(path: Omit<PicturePath, 'd'>, part: string): void {
    const g = this.byKey.get(path.key);
    if (g) g.parts.push(part);
    else this.byKey.set(path.key, { path, parts: [part] });
  }
  paths(): PicturePath[] {
    return [...this.byKey.values()].map(({ path, parts }) => ({ ...path, d: parts.join('') }));
  }
}

/**
 * The overview's paths, in drawing order: the rings of entries that differ from the other
 * variant, the entries' fills with their borders, then the marks drawn over them (a hit's green
 * corner, an access-tracked entry's slash, a non-resident host page's circle), as OverviewCell
 * and CellMarks draw them for small cells.
 */
export function overviewPicture(
  states: readonly CellState[],
  host: TableHostInfo,
  diffMask: Uint8Array | null,
  ids: PatternIds,
): PicturePath[] {
  const rings = new Groups();
  const fills = new Groups();
  const marks = new Groups();
  const w = OVERVIEW.cell;
  const h = OVERVIEW.cell;
  for (let index = 0; index < states.length; index++) {
    const state = states[index] ?? 'not-present';
    const hostFlags = host.flags[index] ?? 0;
    const { x, y } = overviewCell(index);
    const faded = hostFlags & HOST_NO_SLOT ? 0.4 : undefined;
    if (diffMask?.[index] === 1) {
      rings.add(
        {
          key: 'ring',
          className: 'spte-diff-ring',
          fill: 'none',
          stroke: 'var(--spte-diff)',
          strokeWidth: 1.6,
        },
        roundRect(x - 2, y - 2, w + 4, h + 4, 4),
      );
    }
    const look = cellLook({ x, y, w, h, state, hostFlags, large: false, diff: false, ids });
    const fill = look.style.fill;
    const key = `fill|${fill}|${look.stroke}|${look.strokeWidth}|${look.strokeDasharray ?? ''}|${look.opacity ?? ''}`;
    fills.add(
      {
        key,
        fill,
        stroke: look.stroke,
        strokeWidth: look.strokeWidth,
        strokeDasharray: look.strokeDasharray,
        opacity: look.opacity,
      },
      roundRect(look.x, look.y, look.width, look.height, look.rx),
    );
    if (state === 'hit') {
      const r = 2;
      const corner = 5;
      marks.add(
        {
          key: `hit|${faded ?? ''}`,
          fill: 'var(--spte-prefetched)',
          stroke: 'var(--spte-on-dark)',
          strokeWidth: 0.6,
          opacity: faded,
        },
        `M${x + w - corner},${y}H${x + w - r}Q${x + w},${y} ${x + w},${y + r}V${y + corner}Z`,
      );
    }
    if (state === 'tracked') {
      marks.add(
        {
          key: `slash|${faded ?? ''}`,
          fill: 'none',
          stroke: 'var(--fg)',
          strokeWidth: 1,
          strokeLinecap: 'round',
          opacity: faded,
        },
        `M${x + 1},${y + h - 1}L${x + w - 1},${y + 1}`,
      );
    }
    if (hostFlags & HOST_NOT_RESIDENT) {
      const stroke =
        state === 'not-present'
          ? 'var(--fg)'
          : state === 'present' || state === 'hit'
            ? 'var(--spte-on-dark)'
            : 'var(--spte-on-light)';
      marks.add(
        { key: `dot|${stroke}|${faded ?? ''}`, fill: 'none', stroke, strokeWidth: 1, opacity: faded },
        circle(x + w / 2, y + h / 2, 2.6),
      );
    }
  }
  return [...rings.paths(), ...fills.paths(), ...marks.paths()];
}
