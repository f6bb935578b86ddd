import './narration.css';

/** The step's sentence in a polite live region, so screen readers hear each step once. */
export function Narration({ text, label }: { text: string; label?: string }) {
  return (
    <p className="narration" role="status" aria-live="polite" aria-atomic="true">
      {label && <span className="narration-label">{label}</span>}
      <span className="narration-text">{text}</span>
    </p>
  );
}
