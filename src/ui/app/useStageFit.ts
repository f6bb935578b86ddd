import { useCallback, useEffect, useRef } from 'react';
import type { RefCallback } from 'react';

/** Space kept between the stage and the dock (the dock's top margin, and a little air). */
const GAP_PX = 14;

/**
 * Fits the stage between the top of the page and the dock: writes `--stage-h`, the height the
 * variant columns may take on the first screen, on the stage element. The drawings shrink to it (app.css),
 * so the counters stay above the dock whatever the header wraps to and whatever the preset draws
 * (a guest page table, one variant at full width). Measured on resize only, never per step.
 */
export function useStageFit(active: boolean): RefCallback<HTMLDivElement> {
  const el = useRef<HTMLDivElement | null>(null);
  const observer = useRef<ResizeObserver | null>(null);

  const measure = useCallback(() => {
    const stage = el.current;
    if (!stage) return;
    const dock = stage.parentElement?.querySelector<HTMLElement>('.dock');
    // From the columns' top: a note above them (shadow paging's) is part of the stage.
    const first = stage.querySelector('.variant-column') ?? stage;
    const top = first.getBoundingClientRect().top + window.scrollY;
    const dockH = dock?.offsetHeight ?? 0;
    const h = Math.floor(window.innerHeight - top - dockH - GAP_PX);
    stage.style.setProperty('--stage-h', `${h}px`);
  }, []);

  useEffect(() => {
    const stage = el.current;
    if (!active || !stage) {
      stage?.style.removeProperty('--stage-h');
      return;
    }
    const ro = new ResizeObserver(() => measure());
    observer.current = ro;
    // What moves the stage's top or the dock's height: the header (it wraps), a banner coming or
    // going above the stage (the body changes height), the dock itself, and the window. Resize
    // observers report after layout, so measuring then forces no extra layout.
    const header = document.querySelector('.app-header');
    if (header) ro.observe(header);
    ro.observe(document.body);
    const dock = stage.parentElement?.querySelector('.dock');
    if (dock) ro.observe(dock);
    window.addEventListener('resize', measure);
    measure();
    return () => {
      ro.disconnect();
      observer.current = null;
      window.removeEventListener('resize', measure);
    };
  }, [active, measure]);

  return useCallback((node: HTMLDivElement | null) => {
    el.current = node;
  }, []);
}
