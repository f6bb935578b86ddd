// The views engineer's components, gathered so the layout imports them from one place.
export { SptePage } from '../sptePage/SptePage.tsx';
export { CodePanel } from '../codePanel/CodePanel.tsx';
export { narrate } from '../narration/narrate.ts';
export { Narration } from '../narration/Narration.tsx';
export { Counters } from '../counters/Counters.tsx';
export { Legend } from '../legend/Legend.tsx';
