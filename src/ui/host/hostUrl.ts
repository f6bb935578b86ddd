import {
  HOST_INPUT_DEFAULTS,
  HOST_KEYS,
  hostPairs,
  kernelOfUname,
  readHostPairs,
} from '../../engine/hostInput.ts';
import type { HostInput } from '../../engine/hostInput.ts';
import { kernelFromText } from '../../engine/kernelVersion.ts';

/*
 * The host page's question lives in its address, in the keys `sim --host` takes:
 * `?view=host&kernel=5.15.139&ept=N`. A link reopens the same answer; a value the page cannot use
 * is named in a message and replaced by the page's default, never a crash.
 */

/** The question the page opens with: a 5.15.y stable host, the case the seed's fix never reached. */
export const HOST_DEFAULT: HostInput = { kernel: '5.15.139', ...HOST_INPUT_DEFAULTS };

/** Longer query strings are not read at all: no host question needs more than a few hundred bytes. */
const MAX_SEARCH = 4096;

export interface HostFromUrl {
  input: HostInput;
  /** Sentences naming each value of the link that was not used, and what was used instead. */
  problems: string[];
}

/** The host question of a query string (`location.search`); keys other than the host's are left alone. */
export function readHostSearch(search: string): HostFromUrl {
  if (search.length > MAX_SEARCH)
    return {
      input: HOST_DEFAULT,
      problems: [`The link's query is longer than ${MAX_SEARCH} characters; showing the default host.`],
    };
  const params = new URLSearchParams(search);
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of params)
    if ((HOST_KEYS as readonly string[]).includes(k.toLowerCase())) pairs.push([k, v]);
  const read = readHostPairs(pairs, HOST_DEFAULT);
  const problems = read.problems.map((p) => `${p}: the default is used instead.`);
  const input = { ...read.input };
  // A kernel the model does not know would leave the page without an answer: the link's kernel
  // is named and the default asked instead (the field still takes any text typed later).
  const k = kernelFromText(kernelOfUname(input.kernel));
  if (!k.ok) {
    problems.push(
      `kernel ${JSON.stringify(input.kernel.slice(0, 40))} in the link: ${k.message}. Showing ${HOST_DEFAULT.kernel} instead.`,
    );
    input.kernel = HOST_DEFAULT.kernel;
  }
  return { input, problems };
}

/**
 * `search` with the host question in it: the host keys rewritten (defaults left out, the kernel
 * always written), every other key kept in its place.
 */
export function hostSearch(input: HostInput, search: string): string {
  const params = new URLSearchParams(search);
  for (const k of [...params.keys()])
    if ((HOST_KEYS as readonly string[]).includes(k.toLowerCase())) params.delete(k);
  for (const [k, v] of hostPairs(input)) params.append(k, v);
  const text = params.toString().replace(/=(?=&|$)/g, '');
  return text ? `?${text}` : '';
}

/** The same question as a command line, for the page to show beside its answer. */
export function hostCommandLine(input: HostInput): string {
  const quote = (v: string) => (/^[\w.+:@%/-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  return `npm run sim -- --host ${hostPairs(input)
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join(' ')}`;
}
