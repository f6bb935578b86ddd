import { SPTES_PER_TABLE } from '../../engine/types.ts';
import type { TableHostInfo } from '../../viz/hostInfo.ts';
import { OVERVIEW, overviewCell, overviewRuleX, overviewWindowRect } from '../../viz/layout.ts';

/*
 * What the overview draws over its entries, grid and picture alike. Two components, not one: the
 * grid puts its focus ring between them.
 */

/** A rule where one memslot ends and the next begins. */
export function SlotRules({ host }: { host: TableHostInfo }) {
  const rules: number[] = [];
  for (let k = 1; k < SPTES_PER_TABLE; k++) if (host.slotIds[k] !== host.slotIds[k - 1]) rules.push(k);
  return (
    <>
      {rules.map((k) => {
        const c = overviewCell(k);
        const x = overviewRuleX(k);
        return (
          <line
            key={k}
            className="spte-slot-rule is-small"
            x1={x}
            x2={x}
            y1={c.y - 2}
            y2={c.y + OVERVIEW.cell + 2}
          />
        );
      })}
    </>
  );
}

/**
 * The outline of the current 8-entry window, moved by a CSS transform so a step animates it
 * without React writing its position attributes.
 */
export function WindowOutline({ windowFirst }: { windowFirst: number }) {
  const win = overviewWindowRect(windowFirst);
  return (
    <rect
      className="spte-window-outline"
      x={0}
      y={0}
      width={win.width}
      height={win.height}
      rx={3}
      style={{ transform: `translate(${win.x}px, ${win.y}px)` }}
      aria-hidden="true"
    />
  );
}
