// Chart export: charts draw with fixed colours and attributes (no CSS variables), so a clone of the
// SVG is already self-contained; only the font and text colour are set on its root.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Canvases shown in a chart (the overview's pixels, in a <foreignObject>) become <image>s with a
 * PNG data URL: the canvas content is not part of the markup, and an SVG loaded as an image (the
 * PNG export) may not contain HTML. The PNG is encoded here, on export, not on every run.
 */
function inlineCanvases(svg: SVGSVGElement, clone: SVGSVGElement): void {
  const sources = svg.querySelectorAll('foreignObject');
  const copies = clone.querySelectorAll('foreignObject');
  sources.forEach((fo, i) => {
    const canvas = fo.querySelector('canvas[data-export-image]');
    const copy = copies[i];
    if (!(canvas instanceof HTMLCanvasElement) || !copy) return;
    const img = document.createElementNS(SVG_NS, 'image');
    for (const a of ['x', 'y', 'width', 'height']) img.setAttribute(a, fo.getAttribute(a) ?? '0');
    img.setAttribute('preserveAspectRatio', 'none');
    img.setAttribute('style', 'image-rendering: pixelated');
    img.setAttribute('href', canvas.toDataURL('image/png'));
    copy.replaceWith(img);
  });
}

export function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineCanvases(svg, clone);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('font-family', 'system-ui, -apple-system, Segoe UI, Arial, sans-serif');
  clone.setAttribute('color', '#1b1f24');
  const { width, height } = svg.viewBox.baseVal;
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // A white backdrop: exported files are pasted onto slides of any colour.
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadSvg(name: string, markup: string): void {
  download(`${name}.svg`, new Blob([markup], { type: 'image/svg+xml' }));
}

/** Renders SVG markup of width x height user units into a PNG at `scale` (2 for slides). */
export async function svgToPng(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadSvgAsPng(name: string, svg: SVGSVGElement): Promise<void> {
  const { width, height } = svg.viewBox.baseVal;
  download(`${name}.png`, await svgToPng(svgMarkup(svg), width, height, 2));
}
