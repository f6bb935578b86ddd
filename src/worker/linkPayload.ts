import type { Scenario } from '../engine/types.ts';

/*
 * The scenario payload of a share link (`s=` in the URL): `z` + base64url(deflate-raw(JSON)) as
 * the app writes it, or `j` + base64url(JSON) for hand-made links and browsers without
 * CompressionStream. Writing a payload happens on the page (urlSync); reading one is
 * linkCodec.ts's, in the engine worker.
 */

/** A decompressed scenario larger than this is refused (a tiny payload can inflate enormously). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

// ---- base64url -------------------------------------------------------------------------------

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url; null for anything outside the alphabet or of an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

// ---- compression -----------------------------------------------------------------------------

export async function pipeThrough(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  cap: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; the writer's own promises must not go unhandled.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      void reader.cancel().catch(() => {});
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const hasCompression = () =>
  typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/** The scenario as a URL payload: `z` + base64url(deflate-raw(JSON)), or `j` + base64url(JSON). */
export async function encodeScenario(s: Scenario, compress = hasCompression()): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s));
  if (!compress) return `j${toBase64Url(json)}`;
  const packed = await pipeThrough(json, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  return `z${toBase64Url(packed)}`;
}
