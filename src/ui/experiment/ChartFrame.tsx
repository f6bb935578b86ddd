import { useRef } from 'react';
import type { ReactNode, RefObject } from 'react';
import { downloadSvg, downloadSvgAsPng, svgMarkup } from './chartExport.ts';

interface Props {
  title: string;
  /** File name stem for exports. */
  name: string;
  caption?: ReactNode;
  children: (svgRef: RefObject<SVGSVGElement | null>) => ReactNode;
}

/** A chart with its title and its "Export SVG" / "Export PNG" buttons (PNG at 2x). */
export function ChartFrame({ title, name, caption, children }: Props) {
  const svgRef = useRef<SVGSVGElement | null>(null);
  return (
    <figure className="xp-chart" aria-label={title}>
      <figcaption className="xp-chart-head">
        <h3>{title}</h3>
        <span className="xp-export" role="group" aria-label={`Export ${title}`}>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => svgRef.current && downloadSvg(name, svgMarkup(svgRef.current))}
          >
            Export SVG
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => svgRef.current && void downloadSvgAsPng(name, svgRef.current)}
          >
            Export PNG
          </button>
        </span>
      </figcaption>
      {children(svgRef)}
      {caption && <p className="xp-chart-caption">{caption}</p>}
    </figure>
  );
}
