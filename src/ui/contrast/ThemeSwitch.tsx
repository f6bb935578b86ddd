import { useState } from 'react';
import { SelectField } from '../app/SelectField.tsx';
import { applyTheme, isThemeChoice, storedTheme, THEME_CHOICES } from './theme.ts';
import type { ThemeChoice } from './theme.ts';

const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark, or the system's setting (a select: one control's width in the header); remembered. */
export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  return (
    <SelectField
      label="Theme"
      className="theme-switch"
      value={choice}
      onChange={(v) => {
        if (!isThemeChoice(v)) return;
        applyTheme(v);
        setChoice(v);
      }}
    >
      {THEME_CHOICES.map((c) => (
        <option key={c} value={c}>
          {LABEL[c]}
        </option>
      ))}
    </SelectField>
  );
}
