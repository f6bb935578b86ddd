import type { MouseEvent } from 'react';
import type { PathRow } from '../../engine/comparePaths.ts';
import { useAppStoreApi } from '../../state/StoreContext.tsx';
import { hrefWithFrame, toBase64Url } from '../../state/urlState.ts';
import { navigate, urlForView } from '../app/route.ts';
import { STEP_PAGES, steppablePath } from './stepPath.ts';

/**
 * "Step through": from a path's row to the stepping view on that path (its MMU, variant and
 * backing, the workload's first pages). A real link (a new tab works; the scenario is in it);
 * a plain click loads it here and switches view.
 */
export function StepPathLink({ row }: { row: PathRow }) {
  const api = useAppStoreApi();
  const { scenario, mode, cut } = steppablePath(row);
  const payload = `j${toBase64Url(new TextEncoder().encode(JSON.stringify(scenario)))}`;
  const href = hrefWithFrame(urlForView('visualizer', window.location.href), {
    scenarioPayload: payload,
    presetId: null,
    mode,
    tick: 0,
    speed: 1,
  });
  const onClick = (ev: MouseEvent<HTMLAnchorElement>) => {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    const s = api.getState();
    s.pause();
    void s
      .setMode(mode)
      .then(() => api.getState().loadScenario(scenario, { presetId: null, access: 0 }))
      .then(() => navigate('visualizer'));
  };
  return (
    <a className="paths-step" href={href} onClick={onClick}>
      Step through this path{cut ? ` (first ${STEP_PAGES} pages)` : ''} <span aria-hidden="true">▸</span>
    </a>
  );
}
