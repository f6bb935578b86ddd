import type { Page } from '@playwright/test';

/** One text that breaks the projector rules, described for a failure message. */
export interface TextProblem {
  text: string;
  where: string;
  problem: string;
}

/**
 * Every visible text of the embed's canvas, measured as drawn: its font size in CSS px on screen
 * (SVG text through its drawing's scale, HTML through the canvas's), whether it is clipped by a
 * box it sits in (ellipsis, line clamp, overflow, the edge of its SVG), and, in the large window
 * and the guest table, whether it leaves its cell or collides with the cell's "P" mark.
 * `minPx` is at 1280×720; the canvas's own scale is divided out, so any frame size can be checked.
 */
export function textProblems(page: Page, minPx = 18): Promise<TextProblem[]> {
  return page.evaluate((minPx) => {
    const out: { text: string; where: string; problem: string }[] = [];
    const canvas = document.querySelector<HTMLElement>('.embed-canvas');
    if (!canvas) return [{ text: '', where: 'page', problem: 'no embed canvas' }];
    const canvasScale = canvas.getBoundingClientRect().width / canvas.offsetWidth;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} in ${
        el.closest('[class]:not(text):not(tspan)')?.className.toString().split(' ')[0] ?? '?'
      }`;
    // Visible to the eye: screen-reader-only text (clipped to a pixel) does not count.
    const shown = (el: Element) => {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 1.5 && r.height > 1.5;
    };
    const inside = (a: DOMRect, b: DOMRect, slack = 1) =>
      a.left >= b.left - slack &&
      a.right <= b.right + slack &&
      a.top >= b.top - slack &&
      a.bottom <= b.bottom + slack;
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

    for (const el of canvas.querySelectorAll('*')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent!.trim());
      if (own.length === 0 || !shown(el)) continue;
      const text = own.map((n) => n.textContent!.trim()).join(' ');
      const cs = getComputedStyle(el);
      const size = parseFloat(cs.fontSize);
      let px: number;
      if (el instanceof SVGGraphicsElement) {
        const bbox = (el as SVGTextElement).getBBox();
        const rect = el.getBoundingClientRect();
        px = bbox.height > 0 ? size * (rect.height / bbox.height) : size;
        px /= canvasScale;
        // Not cut off by its drawing's edge.
        const svg = (el as SVGElement).ownerSVGElement!;
        if (!inside(rect, svg.getBoundingClientRect(), 2))
          out.push({ text, where: name(el), problem: 'outside its drawing' });
      } else px = size;
      if (px < minPx - 0.05) out.push({ text, where: name(el), problem: `${px.toFixed(1)} px` });
      if (el instanceof SVGElement) continue;
      // HTML: the text's own boxes must lie inside every ancestor that clips.
      const range = document.createRange();
      range.selectNodeContents(el);
      const box = range.getBoundingClientRect();
      for (let a: Element | null = el; a && a !== canvas.parentElement; a = a.parentElement) {
        const acs = getComputedStyle(a);
        const clips =
          acs.overflowX !== 'visible' || acs.overflowY !== 'visible' || acs.webkitLineClamp !== 'none';
        if (clips && !inside(box, a.getBoundingClientRect())) {
          out.push({ text, where: name(el), problem: `cut by ${name(a)}` });
          break;
        }
        if (
          a instanceof HTMLElement &&
          acs.webkitLineClamp !== 'none' &&
          a.scrollHeight > a.clientHeight + 1
        ) {
          out.push({ text, where: name(el), problem: `line-clamped by ${name(a)}` });
          break;
        }
      }
    }

    // Cells: every text inside its cell's box, and clear of the cell's marks.
    const cells: Array<[string, string, string]> = [
      ['.spte-wcell', '.spte-cell-fill', '.spte-glyph-p'],
      ['.gpte-cell', '.gpte-cell-box', ''],
      ['.gpte-target', '.gpte-target-box', '.gpte-target-glyph'],
    ];
    for (const [cellSel, boxSel, markSel] of cells) {
      for (const cell of canvas.querySelectorAll(cellSel)) {
        if (!shown(cell)) continue;
        const boxEl = cell.querySelector(boxSel);
        if (!boxEl) continue;
        // Inside the box's stroke, not on it: the inner edge of a thick (faulting) border.
        const outer = boxEl.getBoundingClientRect();
        const unit = outer.width / (boxEl as SVGGraphicsElement).getBBox().width;
        const inset = ((parseFloat(getComputedStyle(boxEl).strokeWidth) || 0) / 2) * unit;
        const box = new DOMRect(
          outer.left + inset,
          outer.top + inset,
          outer.width - 2 * inset,
          outer.height - 2 * inset,
        );
        const mark = markSel ? cell.querySelector(markSel) : null;
        const markBox = mark && shown(mark) ? mark.getBoundingClientRect() : null;
        for (const t of cell.querySelectorAll('text')) {
          if (!shown(t) || !t.textContent!.trim()) continue;
          const r = t.getBoundingClientRect();
          const what = t.textContent!.trim();
          if (!inside(r, box, 0.5))
            out.push({ text: what, where: name(t), problem: `leaves its cell ${cellSel}` });
          if (markBox && t !== mark && overlap(r, markBox))
            out.push({ text: what, where: name(t), problem: 'collides with the cell mark' });
        }
      }
    }
    return out;
  }, minPx);
}
