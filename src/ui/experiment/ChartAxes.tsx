import type { ScaleLinear } from 'd3-scale';

/** A bottom axis from a d3 scale's ticks: React draws it, d3 picks and formats the ticks. */
export function BottomAxis(props: {
  scale: ScaleLinear<number, number>;
  y: number;
  ticks: number;
  format: (v: number) => string;
  label: string;
  width: number;
}) {
  const { scale, y, format, label, width } = props;
  return (
    <g transform={`translate(0,${y})`} fontSize={11} fill="currentColor">
      <line x1={0} x2={width} stroke="currentColor" />
      {scale.ticks(props.ticks).map((t) => (
        <g key={t} transform={`translate(${scale(t)},0)`}>
          <line y2={5} stroke="currentColor" />
          <text y={17} textAnchor="middle">
            {format(t)}
          </text>
        </g>
      ))}
      <text x={width / 2} y={36} textAnchor="middle" fontSize={12}>
        {label}
      </text>
    </g>
  );
}

export function LeftAxis(props: {
  scale: ScaleLinear<number, number>;
  ticks: number;
  format: (v: number) => string;
  label: string;
  height: number;
  gridWidth?: number;
}) {
  const { scale, format, label, height, gridWidth } = props;
  return (
    <g fontSize={11} fill="currentColor">
      <line y1={0} y2={height} stroke="currentColor" />
      {scale.ticks(props.ticks).map((t) => (
        <g key={t} transform={`translate(0,${scale(t)})`}>
          <line x2={-5} stroke="currentColor" />
          {gridWidth !== undefined && t !== 0 && (
            <line x2={gridWidth} stroke="#9aa3ae" strokeOpacity={0.35} />
          )}
          <text x={-8} dy="0.32em" textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
      <text transform={`translate(-58,${height / 2}) rotate(-90)`} textAnchor="middle" fontSize={12}>
        {label}
      </text>
    </g>
  );
}
