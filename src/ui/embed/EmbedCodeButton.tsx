import { lazy, Suspense, useState } from 'react';

// The dialog (and its snippet code) loads when first opened, not with the page.
const EmbedCodeDialog = lazy(() =>
  import('./EmbedCodeDialog.tsx').then((m) => ({ default: m.EmbedCodeDialog })),
);

/** "Embed in a slide": opens the dialog that writes the <iframe> for the frame on screen. */
export function EmbedCodeButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => setOpen(true)}
        title="The <iframe> code for a slide: this scenario and variant, a range of steps, options"
      >
        Embed in a slide
      </button>
      {open && (
        <Suspense fallback={null}>
          <EmbedCodeDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
