import { useLayoutEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { LinkProblemBanner } from '../share/LinkProblemBanner.tsx';
import { fitCanvas } from './embedFit.ts';
import './embed.css';

function frameSize() {
  const el = document.documentElement;
  return { w: el.clientWidth || window.innerWidth, h: el.clientHeight || window.innerHeight };
}

/**
 * The embed's frame for any view: an optional title, the view, and a footer, on one canvas scaled
 * to the iframe (see embedFit.ts).
 */
export function EmbedShell({
  title,
  children,
  footer,
}: {
  title: string | null;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const [size, setSize] = useState(frameSize);
  useLayoutEffect(() => {
    const onResize = () => setSize(frameSize());
    document.documentElement.classList.add('is-embed');
    window.addEventListener('resize', onResize);
    onResize();
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const fit = fitCanvas(size.w, size.h);
  return (
    <div className="embed-viewport">
      <div
        className={`embed-canvas${fit.portrait ? ' is-portrait' : ''}`}
        data-scale={fit.scale.toFixed(3)}
        style={{
          width: fit.width,
          height: fit.height,
          transform: `translate(${fit.x}px, ${fit.y}px) scale(${fit.scale})`,
        }}
      >
        {title !== null && <h1 className="embed-title">{title}</h1>}
        <LinkProblemBanner />
        <main className="embed-main">{children}</main>
        {/* A landmark of its own, so every part of the widget is inside one (axe: region). */}
        {footer && <footer className="embed-footer">{footer}</footer>}
      </div>
    </div>
  );
}
