import type { WalkView } from '../../engine/timeline.ts';
import { hex } from '../../viz/format.ts';

/** The loop's variables at this step: i, the entry it visits, and start. */
export function LiveValues({ walk, tableBase }: { walk: WalkView; tableBase: number }) {
  const entry = walk.i !== null && walk.windowFirst !== null ? walk.windowFirst - tableBase + walk.i : null;
  const start = walk.start;
  return (
    <dl className="code-live" aria-label="Live values">
      <div>
        <dt>i</dt>
        <dd>{walk.i ?? '—'}</dd>
      </div>
      <div>
        <dt>entry</dt>
        <dd>{entry ?? '—'}</dd>
      </div>
      <div>
        <dt>start</dt>
        <dd className={start === null ? 'is-null' : undefined}>
          {start === null ? 'NULL' : `${start - tableBase} (GFN ${hex(start)})`}
        </dd>
      </div>
    </dl>
  );
}
