/**
 * The light/dark choice: system (the OS setting, live), light or dark. Written as data-theme on
 * <html>, which theme.css turns into `color-scheme`; every colour token is a light-dark() pair, so
 * one attribute switches them all. Remembered in localStorage, beside high contrast (contrast.ts).
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'spte-viz:theme';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

export function isThemeChoice(v: unknown): v is ThemeChoice {
  return typeof v === 'string' && (THEME_CHOICES as readonly string[]).includes(v);
}

export function storedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return isThemeChoice(v) ? v : 'system';
  } catch {
    // Storage can be blocked (sandboxed iframes, file://): the system's choice then.
    return 'system';
  }
}

/** Shows `choice` now and remembers it; 'system' forgets any stored choice. */
export function applyTheme(choice: ThemeChoice, remember = true): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  if (!remember) return;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Not remembered, but still shown for this page.
  }
}

// Applied when the module loads (main.tsx imports it before anything renders), so the page never
// flashes the other look; embeds and slides follow the same stored choice.
if (typeof document !== 'undefined') applyTheme(storedTheme(), false);
