/** Copies reveal.js's dist files into `<root>/public/examples/vendor/`; returns how many changed. */
export function copyReveal(root?: string): number;
