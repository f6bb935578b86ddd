import { useEffect, useId, useState } from 'react';
import { traceStore, useTrace } from './useTrace.ts';
import type { TraceState } from './traceStore.ts';

export interface SampleEntry {
  name: string;
  bytes: number;
  description: string;
}

/** index.json as written by scripts/gen-samples.ts; anything else reads as no samples. */
export function sampleEntries(value: unknown): SampleEntry[] {
  const samples = (value as { samples?: unknown } | null)?.samples;
  if (!Array.isArray(samples)) return [];
  return samples.filter(
    (s): s is SampleEntry =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as SampleEntry).name === 'string' &&
      /^[\w.-]+$/.test((s as SampleEntry).name) &&
      typeof (s as SampleEntry).description === 'string',
  );
}

const selectSourceName = (s: TraceState) => s.source?.name ?? null;

// Relative to the page, not the origin: the build uses base './' and may be served from a subpath.
const sampleUrl = (name: string) => new URL(`samples/${name}`, document.baseURI);

/** The one-file offline build (`npm run build:single`, mode "single") has no samples/ beside it. */
export const SAMPLES_SHIPPED = import.meta.env.MODE !== 'single';

/** "Try a sample": the synthetic traces shipped in public/samples/. */
export function SamplePicker({ disabled }: { disabled: boolean }) {
  const id = useId();
  const [samples, setSamples] = useState<SampleEntry[] | null>(null);
  // The sample being fetched; afterwards the select shows the loaded trace if it is a sample.
  const [pending, setPending] = useState<string | null>(null);
  const loaded = useTrace(selectSourceName);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!SAMPLES_SHIPPED) return;
    let live = true;
    fetch(sampleUrl('index.json'))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((v: unknown) => live && setSamples(sampleEntries(v)))
      .catch(
        (e: unknown) =>
          live && setError(`samples unavailable (${e instanceof Error ? e.message : String(e)})`),
      );
    return () => {
      live = false;
    };
  }, []);

  const load = async (name: string) => {
    if (name === '') return;
    setPending(name);
    setError(null);
    try {
      const r = await fetch(sampleUrl(name));
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      await traceStore()
        .getState()
        .load(await r.blob(), name);
    } catch (e) {
      setError(`could not fetch ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    setPending(null);
  };
  const chosen = pending ?? (loaded !== null && samples?.some((s) => s.name === loaded) ? loaded : '');

  const description = samples?.find((s) => s.name === chosen)?.description;
  if (!SAMPLES_SHIPPED) {
    return (
      <div className="trace-samples">
        <p className="trace-sample-note">
          The sample traces come with the hosted app, not with this offline file: open a trace file of your
          own above, or the app from its web address to try a sample.
        </p>
      </div>
    );
  }
  return (
    <div className="trace-samples">
      <label htmlFor={id} className="field-label">
        Try a sample
      </label>
      <select
        id={id}
        value={chosen}
        disabled={disabled || !samples || samples.length === 0}
        onChange={(e) => void load(e.target.value)}
      >
        <option value="">{samples === null && !error ? 'Loading…' : 'Choose a synthetic trace…'}</option>
        {samples?.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </select>
      {description && <p className="trace-sample-note">Synthetic: {description}</p>}
      {error && <p className="trace-sample-note trace-warn">Sample {error}.</p>}
    </div>
  );
}
