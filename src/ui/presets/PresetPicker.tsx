import { useShallow } from 'zustand/react/shallow';
import { PRESETS } from '../../engine/presets.ts';
import { selectPreset } from '../../state/selectors.ts';
import { useAppStore } from '../../state/StoreContext.tsx';
import { SelectField } from '../app/SelectField.tsx';

const CUSTOM = '';

export function PresetPicker() {
  const { presetId, loadPreset } = useAppStore(useShallow(selectPreset));
  return (
    <SelectField
      label="Scenario"
      className="preset-picker"
      value={presetId ?? CUSTOM}
      onChange={(v) => v !== CUSTOM && void loadPreset(v)}
    >
      {presetId === null && <option value={CUSTOM}>Custom scenario</option>}
      {PRESETS.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </SelectField>
  );
}
