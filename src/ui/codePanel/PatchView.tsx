import { diffKind, PATCH_HEADER, PATCH_HUNK } from './patchHunk.ts';

const LINES = PATCH_HUNK.split('\n');

/** The patch as a unified diff, with its two changes (break → return, the trailing call) marked. */
export function PatchView() {
  return (
    <div className="code-patch">
      <p className="code-patch-head">{PATCH_HEADER}</p>
      <pre className="code-listing" aria-label="Patch c6cecc4b9324">
        {LINES.map((line, n) => (
          <span key={n} className={`code-diff-line is-${diffKind(line)}`}>
            {line.replace(/\t/g, '  ') || ' '}
            {'\n'}
          </span>
        ))}
      </pre>
    </div>
  );
}
