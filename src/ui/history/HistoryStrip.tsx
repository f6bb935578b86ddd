import { useShallow } from 'zustand/react/shallow';
import { historyByDate } from '../../engine/kernelHistory.ts';
import type { HistoryEntry } from '../../engine/kernelHistory.ts';
import { previousRelease, resolveKernel } from '../../engine/kernelVersion.ts';
import type { Scenario } from '../../engine/types.ts';
import { sidesOf } from '../../state/sides.ts';
import { useAppStore, useAppStoreApi } from '../../state/StoreContext.tsx';
import type { AppState } from '../../state/types.ts';
import './history.css';

const ENTRIES = historyByDate();

const selectStrip = (s: AppState) => {
  const sides = sidesOf(s.scenario);
  return {
    kernel: s.scenario?.kernel ?? null,
    shown: `${sides.buggy.kernel.label} | ${sides.fixed.kernel.label}`,
    presetId: s.presetId,
  };
};

/**
 * The scenario with `version` on the right side and the release before the change on the left,
 * so the comparison view shows exactly what that change did. The first release has no "before".
 */
export function scenarioForEntry(s: Scenario, e: HistoryEntry): Scenario {
  const k = resolveKernel(e.version);
  const before = previousRelease(e.version);
  const { compareKernel: _c, ...rest } = s;
  return before
    ? { ...rest, kernel: k.label, variant: k.variant, compareKernel: resolveKernel(before).label }
    : { ...rest, kernel: k.label, variant: k.variant };
}

/** Back to the short forms: 5.15 | 5.16 (what the app shows without a kernel). */
export function scenarioWithoutKernel(s: Scenario): Scenario {
  const { kernel: _k, compareKernel: _c, ...rest } = s;
  return rest;
}

/**
 * The changes to KVM's prefetch from 2011 to today, one card each (release date, version, title;
 * the commit and one sentence under it on hover or focus). Choosing one loads that version beside
 * the release before it, in compare mode; an entry whose change does not show in the current
 * scenario offers its example.
 */
export function HistoryStrip({ placement }: { placement: 'top' | 'bottom' }) {
  const { kernel, shown, presetId } = useAppStore(useShallow(selectStrip));
  const api = useAppStoreApi();
  const load = async (e: HistoryEntry, base: Scenario, presetId: string | null) => {
    const st = api.getState();
    st.pause();
    const ok = await st.loadScenario(scenarioForEntry(base, e), { presetId, access: 0 });
    if (ok && previousRelease(e.version) && api.getState().mode !== 'compare')
      await api.getState().setMode('compare');
  };
  const choose = (e: HistoryEntry) => {
    const s = api.getState().scenario;
    if (s) void load(e, s, null);
  };
  const current = ENTRIES.find((e) => resolveKernel(e.version).label === kernel) ?? null;
  // The example is the store's preset (loaded through it, so this chunk does not carry the
  // presets), then shown at this change's kernels; its id stays to say which example is on screen.
  const showDemo = async (e: HistoryEntry, id: string) => {
    const st = api.getState();
    if (!(await st.loadPreset(id))) return;
    const s = api.getState().scenario;
    if (s) await load(e, s, id);
  };
  return (
    // Drawn twice, one hidden by CSS: above the stage on tall screens, below the dock on short
    // ones, where the stage needs every pixel above the dock (history.css).
    <nav className={`history-strip history-${placement}`} aria-label="Kernel history">
      <div className="history-head">
        <span className="history-title">Kernel history</span>
        <span className="history-now">showing {shown}</span>
        <span className="history-key">
          <span className="history-key-mark" aria-hidden="true" />
          changes the results; the others change the code or the host’s default
        </span>
        {current?.demo && presetId !== current.demo && (
          <button type="button" className="link-button" onClick={() => void showDemo(current, current.demo!)}>
            Load an example where v{current.version} changes the outcome
          </button>
        )}
        {kernel && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const s = api.getState().scenario;
              if (s) void api.getState().loadScenario(scenarioWithoutKernel(s), { presetId: null });
            }}
          >
            back to 5.15 | 5.16
          </button>
        )}
      </div>
      <ol className="history-list">
        {ENTRIES.map((e) => (
          <li key={e.version} className={`history-item${e.behaviour ? ' is-behaviour' : ''}`}>
            <button
              type="button"
              className="history-card"
              aria-pressed={current === e}
              aria-describedby={`history-${placement}-${e.version}`}
              onClick={() => choose(e)}
            >
              <span className="history-date">{e.released.slice(0, 7)}</span>{' '}
              <span className="history-version">v{e.version}</span>{' '}
              <span className="history-name">{e.title}</span>
            </button>
            <span id={`history-${placement}-${e.version}`} className="history-summary" role="tooltip">
              <span className="history-commit">{e.commit ?? 'commit not verified'}</span> {e.summary}
              {e.behaviour ? '' : ' Code only: the same results.'}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
