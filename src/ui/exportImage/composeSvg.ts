/**
 * Composes a standalone SVG of what is on screen: the SPTE pages' own SVGs cloned with their
 * computed styles inlined (theme variables resolved, so the file looks the same anywhere), the
 * HTML around them (headings, counters, boxes) redrawn as SVG text and rects at their on-screen
 * positions, and a caption band with the step's narration.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties that decide how an SVG node looks; copied from the computed style of each node. */
const SVG_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
] as const;

export interface ComposedSvg {
  svg: string;
  /** CSS pixels; PNG export multiplies these by its scale. */
  width: number;
  height: number;
}

export interface CaptionLines {
  /** The step's narration sentence. */
  caption: string;
  /** A muted second line (where in the scenario this is). */
  meta?: string;
}

const CAPTION_FONT = 18;
const META_FONT = 13;
const PAD = 14;

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function visible(cs: CSSStyleDeclaration): boolean {
  return cs.display !== 'none' && cs.visibility !== 'hidden' && cs.opacity !== '0';
}

function transparent(colour: string): boolean {
  return colour === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(colour) || colour.endsWith(' / 0)');
}

/** Inlines computed styles from `src` onto its clone `dst`, node by node. */
function inlineSvgStyles(src: Element, dst: Element, parent: CSSStyleDeclaration | null = null): void {
  const cs = getComputedStyle(src);
  if (!visible(cs) && src.tagName !== 'defs' && src.tagName !== 'pattern') {
    dst.setAttribute('display', 'none');
  }
  // Computed values are read now, before the loop below moves on, since `cs` is live.
  const own: Record<string, string> = {};
  for (const p of SVG_PROPS) own[p] = cs.getPropertyValue(p);
  if (dst instanceof SVGElement) {
    for (const p of SVG_PROPS) {
      const v = own[p]!;
      // A value set on the node itself (attribute or style, often a var(--…)) is replaced by
      // its resolved value; inherited ones are written once, where they change.
      const explicit = dst.hasAttribute(p) || dst.style.getPropertyValue(p) !== '';
      dst.removeAttribute(p);
      dst.style.removeProperty(p);
      const differs = p === 'opacity' ? v !== '1' : !parent || parent.getPropertyValue(p) !== v;
      if (v && (explicit || differs)) dst.style.setProperty(p, v);
    }
    if (dst.getAttribute('style') === '') dst.removeAttribute('style');
    if (cs.transform && cs.transform !== 'none' && !(src instanceof SVGSVGElement)) {
      dst.setAttribute('transform', cs.transform);
    }
    dst.removeAttribute('class');
    dst.removeAttribute('tabindex');
  }
  const a = src.children;
  const b = dst.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineSvgStyles(a[i]!, b[i]!, cs);
}

function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws an HTML subtree (boxes and text) into `out`, relative to the origin (ox, oy). */
function drawHtml(node: Element, out: SVGGElement, ox: number, oy: number): void {
  const cs = getComputedStyle(node);
  if (!visible(cs)) return;
  if (node instanceof SVGSVGElement) {
    const r = node.getBoundingClientRect();
    const clone = node.cloneNode(true) as SVGSVGElement;
    inlineSvgStyles(node, clone);
    clone.setAttribute('x', String(r.left - ox));
    clone.setAttribute('y', String(r.top - oy));
    clone.setAttribute('width', String(r.width));
    clone.setAttribute('height', String(r.height));
    clone.style.removeProperty('max-height');
    out.appendChild(clone);
    return;
  }
  const r = node.getBoundingClientRect();
  const border = parseFloat(cs.borderTopWidth) || 0;
  const bg = cs.backgroundColor;
  if ((!transparent(bg) || (border > 0 && cs.borderTopStyle !== 'none')) && r.width > 0 && r.height > 0) {
    const rect = el('rect', {
      x: r.left - ox + border / 2,
      y: r.top - oy + border / 2,
      width: Math.max(0, r.width - border),
      height: Math.max(0, r.height - border),
      rx: parseFloat(cs.borderTopLeftRadius) || 0,
      fill: transparent(bg) ? 'none' : bg,
    });
    if (border > 0 && cs.borderTopStyle !== 'none') {
      rect.setAttribute('stroke', cs.borderTopColor);
      rect.setAttribute('stroke-width', String(border));
      if (cs.borderTopStyle === 'dashed')
        rect.setAttribute('stroke-dasharray', `${border * 3} ${border * 2}`);
    }
    out.appendChild(rect);
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) drawText(child as Text, cs, node, out, ox, oy);
    else if (child instanceof Element) drawHtml(child, out, ox, oy);
  }
}

/** The text node's words grouped by the line they sit on, each line with its box. */
function textLines(t: Text): Array<{ text: string; rect: DOMRect }> {
  const src = t.textContent ?? '';
  const range = document.createRange();
  const lines: Array<{ text: string; rect: DOMRect; top: number }> = [];
  for (const m of src.matchAll(/\S+/g)) {
    range.setStart(t, m.index);
    range.setEnd(t, m.index + m[0].length);
    const r = range.getBoundingClientRect();
    if (r.width === 0) continue;
    const line = lines.find((l) => Math.abs(l.top - r.top) < r.height / 2);
    if (line) {
      line.text += ` ${m[0]}`;
      line.rect = new DOMRect(
        line.rect.left,
        line.rect.top,
        r.right - line.rect.left,
        Math.max(line.rect.height, r.height),
      );
    } else lines.push({ text: m[0], rect: r, top: r.top });
  }
  return lines;
}

function drawText(
  t: Text,
  cs: CSSStyleDeclaration,
  parent: Element,
  out: SVGGElement,
  ox: number,
  oy: number,
) {
  if (!(t.textContent ?? '').trim()) return;
  const box = parent.getBoundingClientRect();
  for (const line of textLines(t)) {
    let text = line.text;
    const r = line.rect;
    // Text cut by the layout (ellipsis) is cut here too, by the share of it that shows.
    if (cs.overflow === 'hidden' && r.right > box.right + 1) {
      const keep = Math.max(1, Math.floor((text.length * (box.right - r.left)) / r.width) - 1);
      text = `${text.slice(0, keep)}…`;
    }
    if (cs.textTransform === 'uppercase') text = text.toUpperCase();
    const node = el('text', {
      x: r.left - ox,
      y: r.top - oy + r.height / 2,
      'dominant-baseline': 'central',
      fill: cs.color,
      'font-family': cs.fontFamily,
      'font-size': cs.fontSize,
      'font-weight': cs.fontWeight,
    });
    if (cs.letterSpacing !== 'normal') node.setAttribute('letter-spacing', cs.letterSpacing);
    if (cs.fontStyle !== 'normal') node.setAttribute('font-style', cs.fontStyle);
    node.textContent = text;
    out.appendChild(node);
  }
}

/** One standalone SVG of `regions` (laid out as on screen) with a caption band under them. */
export function composeSvg(regions: readonly Element[], lines: CaptionLines): ComposedSvg {
  if (regions.length === 0) throw new Error('Nothing to export: no SPTE page on screen.');
  const rects = regions.map((r) => r.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left)) - PAD;
  const top = Math.min(...rects.map((r) => r.top)) - PAD;
  const width = Math.ceil(Math.max(...rects.map((r) => r.right)) - left + PAD);
  const bodyHeight = Math.ceil(Math.max(...rects.map((r) => r.bottom)) - top + PAD);
  const captionLines = wrap(
    lines.caption,
    Math.max(20, Math.floor((width - 2 * PAD) / (CAPTION_FONT * 0.52))),
  );
  const captionHeight =
    captionLines.length * CAPTION_FONT * 1.35 + (lines.meta ? META_FONT * 1.6 : 0) + PAD * 2;
  const height = Math.ceil(bodyHeight + captionHeight);

  const rootStyle = getComputedStyle(document.body);
  const svg = el('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}` });
  svg.appendChild(el('rect', { x: 0, y: 0, width, height, fill: rootStyle.backgroundColor }));
  const body = el('g', { class: 'spte-export-body' });
  for (const region of regions) drawHtml(region, body, left, top);
  svg.appendChild(body);

  const caption = el('g', { class: 'spte-export-caption' });
  caption.appendChild(
    el('line', {
      x1: PAD,
      x2: width - PAD,
      y1: bodyHeight,
      y2: bodyHeight,
      stroke: rootStyle.color,
      'stroke-opacity': 0.25,
    }),
  );
  captionLines.forEach((line, i) => {
    const t = el('text', {
      x: PAD,
      y: bodyHeight + PAD + CAPTION_FONT * (1 + i * 1.35),
      fill: rootStyle.color,
      'font-family': rootStyle.fontFamily,
      'font-size': CAPTION_FONT,
      'font-weight': 500,
    });
    t.textContent = line;
    caption.appendChild(t);
  });
  if (lines.meta) {
    const m = el('text', {
      x: PAD,
      y: height - PAD,
      fill: rootStyle.color,
      'fill-opacity': 0.7,
      'font-family': rootStyle.fontFamily,
      'font-size': META_FONT,
    });
    m.textContent = lines.meta;
    caption.appendChild(m);
  }
  svg.appendChild(caption);
  return { svg: new XMLSerializer().serializeToString(svg), width, height };
}

/** Rasterises a composed SVG at `scale` (2 = twice the CSS size) into a PNG. */
export async function svgToPng(c: ComposedSvg, scale = 2): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(c.width * scale);
  canvas.height = Math.round(c.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser gives no 2D canvas, so no PNG.');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be encoded.'))), 'image/png'),
  );
}
