/** The high-contrast choice: class `hc` on <html> (theme.css), remembered in localStorage. */
export const CONTRAST_KEY = 'spte-viz:high-contrast';

export function storedHighContrast(): boolean {
  try {
    return localStorage.getItem(CONTRAST_KEY) === '1';
  } catch {
    // Storage can be blocked (sandboxed iframes, file://): the default look then.
    return false;
  }
}

export function applyHighContrast(on: boolean): void {
  document.documentElement.classList.toggle('hc', on);
  try {
    if (on) localStorage.setItem(CONTRAST_KEY, '1');
    else localStorage.removeItem(CONTRAST_KEY);
  } catch {
    // Not remembered, but still applied for this page.
  }
}

// Applied when the module loads, before the first render, so the page never flashes the other look.
if (typeof document !== 'undefined' && storedHighContrast()) document.documentElement.classList.add('hc');
