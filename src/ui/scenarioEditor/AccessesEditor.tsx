import type { AccessPattern, PatternKind, Scenario } from '../../engine/types.ts';
import { accessList } from '../../state/scenarioSlice.ts';
import { SelectField } from '../app/SelectField.tsx';
import { CommitField } from './CommitField.tsx';
import { formatAccessList, parseAccessList } from './ranges.ts';
import { WholeNumberField } from './WholeNumberField.tsx';

type Accesses = Scenario['accesses'];
type Kind = 'list' | PatternKind;

const KINDS: ReadonlyArray<{ kind: Kind; label: string }> = [
  { kind: 'list', label: 'explicit list' },
  { kind: 'sequential', label: 'sequential pattern' },
  { kind: 'reverse', label: 'reverse pattern' },
  { kind: 'stride', label: 'stride pattern' },
  { kind: 'random', label: 'random pattern' },
];

function withKind(a: Accesses, kind: Kind): Accesses {
  if (kind === 'list') return accessList(a);
  const from: AccessPattern = Array.isArray(a)
    ? { pattern: kind, startGfn: a.reduce((m, g) => Math.min(m, g), a[0] ?? 0), pages: Math.max(1, a.length) }
    : a;
  const p: AccessPattern = { pattern: kind, startGfn: from.startGfn, pages: from.pages };
  if (kind === 'stride') p.stride = from.stride ?? 4;
  if (kind === 'random') p.seed = from.seed ?? 1;
  return p;
}

function int(text: string): number | null {
  const n = Number(text.trim());
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * The access list as text ("8-31, 40"), or a pattern's parameters. `guestPages`: shadow paging
 * with guest paging on, where accesses are GVA pages rather than GFNs.
 */
export function AccessesEditor({
  accesses,
  onChange,
  guestPages = false,
}: {
  accesses: Accesses;
  onChange: (a: Accesses) => Promise<string | null>;
  guestPages?: boolean;
}) {
  const kind: Kind = Array.isArray(accesses) ? 'list' : accesses.pattern;
  const patternField = (key: 'startGfn' | 'pages' | 'stride' | 'seed', label: string) => {
    if (Array.isArray(accesses)) return null;
    return (
      <WholeNumberField
        label={label}
        value={accesses[key]}
        parse={int}
        onCommit={(n) => onChange({ ...accesses, [key]: n })}
      />
    );
  };
  const listText = Array.isArray(accesses) ? formatAccessList(accesses) : '';
  return (
    <fieldset className="accesses">
      <legend className="field-label">Accesses</legend>
      <div className="editor-row">
        <SelectField label="Kind" value={kind} onChange={(v) => void onChange(withKind(accesses, v as Kind))}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </SelectField>
        {Array.isArray(accesses) ? (
          <CommitField
            key={listText}
            label={guestPages ? 'GVA pages in order' : 'GFNs in order'}
            value={listText}
            wide
            hint="e.g. 8-31 (ascending), 31-24 (descending), 8, 40"
            onCommit={(text) => {
              const r = parseAccessList(text);
              if (!r.ok) return r.message;
              return onChange(r.value);
            }}
          />
        ) : (
          <>
            {patternField('startGfn', guestPages ? 'Start GVA page' : 'Start GFN')}
            {patternField('pages', 'Pages')}
            {kind === 'stride' && patternField('stride', 'Stride')}
            {kind === 'random' && patternField('seed', 'Seed')}
          </>
        )}
      </div>
    </fieldset>
  );
}
