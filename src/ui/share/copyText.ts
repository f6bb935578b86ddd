/**
 * Puts text on the clipboard: the async Clipboard API where the page may use it, else the old
 * hidden-textarea copy (file:// pages and older browsers). Resolves false when neither worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused or no user activation: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = (() => {
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  })();
  area.remove();
  return ok;
}
