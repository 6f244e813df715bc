/**
 * A small line of values over time, scaled from their own minimum to their maximum (a size that
 * moves from 415 to 455 shows as a rise, not as a flat line near the top), drawn as SVG. Its
 * accessible name lists the values.
 */
export interface SparklineProps {
  values: number[];
  /** What the values are, for the accessible name ("size over the last 3 runs"). */
  label: string;
  width?: number;
  height?: number;
}

const PAD = 3;

export function Sparkline({ values, label, width = 120, height = 28 }: SparklineProps) {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => PAD + (values.length === 1 ? 0.5 : i / (values.length - 1)) * (width - 2 * PAD);
  const y = (v: number) =>
    max === min ? height / 2 : PAD + (1 - (v - min) / (max - min)) * (height - 2 * PAD);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = values.length - 1;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${label}: ${values.join(", ")}`}
    >
      <polyline
        points={points}
        fill="none"
        stroke="var(--mantine-color-blue-6)"
        strokeWidth={1.5}
        strokeLinejoin="round"
      />
      <circle cx={x(last)} cy={y(values[last] ?? 0)} r={2.5} fill="var(--mantine-color-blue-7)" />
    </svg>
  );
}
