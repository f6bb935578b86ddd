import { memo } from 'react';
export interface PatternIds {
  hatch: string;
  stripe: string;
}

export function patternIds(prefix: string): PatternIds {
  // useId() returns ids with colons, which url(#…) references accept only when escaped; strip them.
  const safe = prefix.replace(/[^a-zA-Z0-9_-]/g, '');
  return { hatch: `spte-hatch-${safe}`, stripe: `spte-stripe-${safe}` };
}

/** SVG patterns for the second cues: hatching on 2 MiB mappings, stripes on flagged memslots. */
export const PatternDefs = memo(function PatternDefs({ ids }: { ids: PatternIds }) {
  return (
    <defs>
      <pattern
        id={ids.hatch}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" fill="var(--spte-huge)" />
        <line
          x1="0"
          y1="0"
          x2="0"
          y2="6"
          stroke="var(--spte-on-light)"
          strokeWidth="1.6"
          strokeOpacity="0.55"
        />
      </pattern>
      <pattern
        id={ids.stripe}
        width="8"
        height="8"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(-45)"
      >
        <rect width="8" height="8" fill="var(--spte-empty-fill)" />
        <line x1="0" y1="0" x2="0" y2="8" stroke="var(--spte-stripe)" strokeWidth="4" />
      </pattern>
    </defs>
  );
});
