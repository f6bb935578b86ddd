import { useState } from 'react';
import { applyHighContrast, storedHighContrast } from './contrast.ts';

/** "High contrast": a toggle button; the choice survives reloads. */
export function ContrastToggle() {
  const [on, setOn] = useState(storedHighContrast);
  return (
    <button
      type="button"
      className={`btn btn-toggle${on ? ' is-on' : ''}`}
      aria-pressed={on}
      onClick={() => {
        applyHighContrast(!on);
        setOn(!on);
      }}
    >
      <span aria-hidden="true">◐</span> High contrast
    </button>
  );
}
