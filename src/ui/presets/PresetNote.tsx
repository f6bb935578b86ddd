import { presetById } from '../../engine/presets.ts';
import { useAppStore } from '../../state/StoreContext.tsx';

const selectPresetId = (s: { presetId: string | null }) => s.presetId;
const selectName = (s: { scenario: { name?: string } | null }) => s.scenario?.name ?? null;

/** The one line that tells a visitor what to look for in the current scenario. */
export function PresetNote() {
  const presetId = useAppStore(selectPresetId);
  const name = useAppStore(selectName);
  const preset = presetId ? presetById(presetId) : undefined;
  const text = preset ? preset.look : name ? `${name} (edited or imported).` : 'Custom scenario.';
  return (
    <p className="preset-note" data-testid="preset-note">
      <span className="preset-note-tag">Look for</span> {text}
    </p>
  );
}
