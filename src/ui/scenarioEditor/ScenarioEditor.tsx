import { useShallow } from 'zustand/react/shallow';
import { kernelFromText } from '../../engine/kernelVersion.ts';
import type { GfnRange, Scenario } from '../../engine/types.ts';
import { useAppStore, useAppStoreApi } from '../../state/StoreContext.tsx';
import type { AppState, ClickMode } from '../../state/types.ts';
import { SelectField } from '../app/SelectField.tsx';
import { AccessesEditor } from './AccessesEditor.tsx';
import { CommitField } from './CommitField.tsx';
import { GuestEditor, linearGuest } from './GuestEditor.tsx';
import { MemslotsEditor } from './MemslotsEditor.tsx';
import { formatRanges, parseRanges } from './ranges.ts';

const selectEditor = (s: AppState) => ({
  scenario: s.scenario,
  clickMode: s.clickMode,
  setClickMode: s.setClickMode,
});

const CLICK_MODES: ReadonlyArray<{ mode: ClickMode; label: string }> = [
  { mode: 'toggle', label: 'Toggle present' },
  { mode: 'fault', label: 'Fault next' },
];

/** Edits go straight to the worker; a refused edit leaves the scenario as it was (see ProblemBanner). */
export function ScenarioEditor() {
  const { scenario, clickMode, setClickMode } = useAppStore(useShallow(selectEditor));
  const api = useAppStoreApi();
  // Under shadow paging with guest paging on, accesses and present entries are GVA pages.
  const guestPages = scenario?.mmu === 'shadow' && scenario.guest?.paging === true;
  const apply = async (patch: Partial<Scenario>): Promise<string | null> => {
    const s = api.getState().scenario;
    if (!s) return null;
    const ok = await api.getState().loadScenario({ ...s, ...patch }, { presetId: null });
    return ok ? null : 'not applied: see the message at the top';
  };
  // Switching MMU adds or drops the guest: the format requires it with shadow and rejects it otherwise.
  const setMmu = async (v: string): Promise<void> => {
    const s = api.getState().scenario;
    if (!s) return;
    const { guest, ...rest } = s;
    const mmu = v === 'tdp' ? 'tdp' : v === 'shadow' ? 'shadow' : 'legacy';
    const next: Scenario =
      mmu === 'shadow' ? { ...rest, mmu, guest: guest ?? linearGuest(s.memslots) } : { ...rest, mmu };
    await api.getState().loadScenario(next, { presetId: null });
  };
  const rangesField = (key: 'present' | 'nonResident', label: string, hint: string) => {
    const value = scenario ? formatRanges(scenario[key]) : '';
    return (
      <CommitField
        key={`${key}:${value}`}
        label={label}
        value={value}
        hint={hint}
        onCommit={(text) => {
          const r = parseRanges(text);
          if (!r.ok) return r.message;
          return apply({ [key]: r.value });
        }}
      />
    );
  };

  return (
    <details className="editor" open>
      <summary className="editor-summary">Scenario editor</summary>
      <div className="editor-body">
        <div role="radiogroup" aria-labelledby="click-does" className="segmented">
          <span id="click-does" className="field-label">
            Click does
          </span>
          {CLICK_MODES.map((c) => (
            <label key={c.mode} className={`segmented-option${clickMode === c.mode ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="click-does"
                value={c.mode}
                checked={clickMode === c.mode}
                onChange={() => setClickMode(c.mode)}
              />
              <span>{c.label}</span>
            </label>
          ))}
          <span className="field-hint">
            {clickMode === 'toggle'
              ? 'Click an entry to make it present (or not) before the first access.'
              : 'Click an entry to access it right after the current access.'}
          </span>
        </div>
        {scenario && (
          <>
            <div className="editor-row">
              <SelectField label="MMU" value={scenario.mmu} onChange={(v) => void setMmu(v)}>
                <option value="legacy">legacy (kvm.tdp_mmu=0)</option>
                <option value="tdp">TDP MMU</option>
                <option value="shadow">shadow paging (ept=0)</option>
              </SelectField>
              <SelectField
                label="Backing"
                value={scenario.backing}
                onChange={(v) => void apply({ backing: v === '2m' ? '2m' : '4k' })}
              >
                <option value="4k">4 KiB pages</option>
                <option value="2m">2 MiB pages</option>
              </SelectField>
              <label className="field field-check">
                <input
                  type="checkbox"
                  checked={scenario.adBits}
                  onChange={(e) => void apply({ adBits: e.target.checked })}
                />
                <span>
                  {scenario.mmu === 'shadow'
                    ? 'Guest A/D bits (off: nested EPT without A/D bits)'
                    : 'A/D bits (off: EPT without A/D)'}
                </span>
              </label>
            </div>
            <div className="editor-row">
              <CommitField
                key={`kernel:${scenario.kernel ?? ''}`}
                label="Kernel"
                value={scenario.kernel ?? ''}
                hint="e.g. 5.15.139, 4.12, 2.6.37; empty: 5.15 | 5.16"
                onCommit={(text) => {
                  const t = text.trim();
                  if (t === '') {
                    const { kernel: _k, compareKernel: _c, ...rest } = api.getState().scenario ?? scenario;
                    return api
                      .getState()
                      .loadScenario(rest, { presetId: null })
                      .then((ok) => (ok ? null : 'not applied: see the message at the top'));
                  }
                  const r = kernelFromText(t);
                  if (!r.ok) return r.message;
                  return apply({ kernel: r.kernel.label, variant: r.kernel.variant });
                }}
              />
              <CommitField
                key={`compare:${scenario.compareKernel ?? ''}`}
                label="Compare with"
                value={scenario.compareKernel ?? ''}
                hint="the left side, e.g. the release before a change"
                onCommit={(text) => {
                  const t = text.trim();
                  if (t === '') {
                    const { compareKernel: _c, ...rest } = api.getState().scenario ?? scenario;
                    return api
                      .getState()
                      .loadScenario(rest, { presetId: null })
                      .then((ok) => (ok ? null : 'not applied: see the message at the top'));
                  }
                  const r = kernelFromText(t);
                  if (!r.ok) return r.message;
                  if (!scenario.kernel) return 'set Kernel first: this is the version it is compared with';
                  return apply({ compareKernel: r.kernel.label });
                }}
              />
              <CommitField
                key={`inv:${formatRanges(scenario.invalidations ?? [])}`}
                label="Invalidation in progress during accesses"
                value={formatRanges(scenario.invalidations ?? [])}
                hint="access numbers from 0, e.g. 0-1, 5 (v5.12+: no prefetch)"
                onCommit={(text) => {
                  const r = parseRanges(text);
                  if (!r.ok) return r.message;
                  const invalidations: GfnRange[] = r.value;
                  if (invalidations.length > 0) return apply({ invalidations });
                  const { invalidations: _i, ...rest } = api.getState().scenario ?? scenario;
                  return api
                    .getState()
                    .loadScenario(rest, { presetId: null })
                    .then((ok) => (ok ? null : 'not applied: see the message at the top'));
                }}
              />
            </div>
            <MemslotsEditor memslots={scenario.memslots} onChange={(memslots) => apply({ memslots })} />
            {scenario.guest && (
              <GuestEditor
                guest={scenario.guest}
                memslots={scenario.memslots}
                onChange={(guest) => apply({ guest })}
              />
            )}
            <div className="editor-row">
              {guestPages
                ? rangesField(
                    'present',
                    'GVA pages present before the first access',
                    'GVA pages and ranges, e.g. 11, 20-23',
                  )
                : rangesField(
                    'present',
                    'Present before the first access',
                    'GFNs and ranges, e.g. 11, 20-23',
                  )}
              {rangesField('nonResident', 'Not resident on the host', 'e.g. 8 or 11-12')}
            </div>
            <AccessesEditor
              accesses={scenario.accesses}
              onChange={(accesses) => apply({ accesses })}
              guestPages={guestPages}
            />
          </>
        )}
      </div>
    </details>
  );
}
