import { useId, useState } from 'react';
import { applyTheme, storedTheme, THEME_CHOICES } from './theme.ts';
import type { ThemeChoice } from './theme.ts';

const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark, or the system's setting: a small radio group; the choice survives reloads. */
export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  const labelId = useId();
  return (
    <div role="radiogroup" aria-labelledby={labelId} className="segmented segmented-small theme-switch">
      <span id={labelId} className="field-label">
        Theme
      </span>
      {THEME_CHOICES.map((c) => (
        <label key={c} className={`segmented-option${choice === c ? ' is-on' : ''}`}>
          <input
            type="radio"
            name={`${labelId}-theme`}
            value={c}
            checked={choice === c}
            onChange={() => {
              applyTheme(c);
              setChoice(c);
            }}
          />
          <span>{LABEL[c]}</span>
        </label>
      ))}
    </div>
  );
}
