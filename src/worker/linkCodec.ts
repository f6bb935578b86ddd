import { parseJsonText, sourceTextAt } from '../engine/jsonSource.ts';
import { parseScenario } from '../engine/scenario.ts';
import type { DecodeResult, LinkDecodedReply } from './protocol.ts';
import { fromBase64Url, hasCompression, MAX_SCENARIO_BYTES, pipeThrough } from './linkPayload.ts';

/*
 * Reading a share link's payload (format in linkPayload.ts). Bounds come before work: the URL
 * is at most 64 KB (urlState.ts), the inflated JSON at most MAX_SCENARIO_BYTES, and checking it
 * costs time linear in its size. Still, a megabyte of JSON takes a tenth of a second or more to
 * parse and check, so the engine worker decodes links and the page stays responsive; the
 * function runs anywhere (tests, a page without the worker).
 */

export type { DecodeResult } from './protocol.ts';

/** Decodes and validates a payload; never throws, whatever the input. */
export async function decodeScenario(payload: string): Promise<DecodeResult> {
  const kind = payload[0];
  const bytes = fromBase64Url(payload.slice(1));
  if ((kind !== 'z' && kind !== 'j') || !bytes) {
    return { ok: false, message: 'the scenario in the link is not in a format this app writes' };
  }
  let raw: Uint8Array;
  if (kind === 'z') {
    if (!hasCompression())
      return { ok: false, message: 'this browser cannot decompress the scenario in the link' };
    try {
      raw = await pipeThrough(bytes, new DecompressionStream('deflate-raw'), MAX_SCENARIO_BYTES);
    } catch (e) {
      return {
        ok: false,
        message:
          e instanceof RangeError
            ? `the scenario in the link unpacks to more than ${MAX_SCENARIO_BYTES / 1024} KB`
            : 'the scenario in the link is damaged (it does not decompress)',
      };
    }
  } else {
    if (bytes.length > MAX_SCENARIO_BYTES) {
      return {
        ok: false,
        message: `the scenario in the link is larger than ${MAX_SCENARIO_BYTES / 1024} KB`,
      };
    }
    raw = bytes;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { ok: false, message: 'the scenario in the link is damaged (it is not UTF-8 text)' };
  }
  const json = parseJsonText(text);
  const parsed = json.ok
    ? parseScenario(json.value, '$', (at) => sourceTextAt(json.text, at))
    : { ok: false as const, error: { path: '$', message: json.message } };
  if (!parsed.ok) {
    const { path, message } = parsed.error;
    return {
      ok: false,
      message: !message.startsWith('not JSON')
        ? `the scenario in the link is invalid at ${path}: ${message}`
        : kind === 'z'
          ? 'the scenario in the link is damaged (it is not JSON)'
          : // A hand-made link: where its JSON goes wrong helps whoever wrote it.
            `the scenario in the link is ${message}`,
    };
  }
  return { ok: true, scenario: parsed.value };
}

/** decodeScenario as the engine worker answers the page: a valid scenario as its JSON text. */
export async function decodeForPage(payload: string): Promise<LinkDecodedReply['result']> {
  const r = await decodeScenario(payload);
  return r.ok ? { ok: true, json: JSON.stringify(r.scenario) } : r;
}
