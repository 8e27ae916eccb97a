// Trend charts for the deck and the review: quarters on x, one line per series, org changes marked as labelled rules.
import * as Plot from "@observablehq/plot";
import { PALETTE } from "../charts/charts.ts";
import { renderPlot } from "../charts/render.ts";
import { formatValue } from "../components/format.ts";

export interface Marker {
  period: string;
  label: string;
}

export interface TrendPoint {
  period: string;
  series: string;
  value: number | null;
}

export interface TrendOptions {
  data: readonly TrendPoint[];
  /** Quarters in order (also those without data). */
  periods: readonly string[];
  yLabel: string;
  percent?: boolean;
  /** Fixed y domain, e.g. [0, 1] for balance. */
  yDomain?: [number, number];
  /** Org changes: a dashed rule at the quarter with a label at the top. */
  markers?: readonly Marker[];
  /** Series drawn in colour; the rest thin and grey. Default: all (up to 6). */
  highlight?: readonly string[];
  width?: number;
  height?: number;
  fontSize?: number;
  /** Digits of the values printed at each line's last point. */
  digits?: number;
  /** A colour legend (default); without it the series names are written at the lines' ends. */
  legend?: boolean;
}

/** Combines markers of one quarter into one short label: the first one, and "+n" for the others. */
export function mergeMarkers(markers: readonly Marker[], periods: readonly string[]): Marker[] {
  const byPeriod = new Map<string, string[]>();
  for (const m of markers) if (periods.includes(m.period)) byPeriod.set(m.period, [...(byPeriod.get(m.period) ?? []), m.label]);
  return periods
    .filter((p) => byPeriod.has(p))
    .map((p) => {
      const labels = byPeriod.get(p)!;
      return { period: p, label: labels.length > 1 ? `${labels[0]} +${labels.length - 1}` : labels[0]! };
    });
}

export function trendChart(options: TrendOptions): string {
  const { data, periods, yLabel, percent = false, width = 640, height = 300, fontSize = 12, digits = 2, legend = true } = options;
  const series = [...new Set(data.map((d) => d.series))];
  const highlight = new Set(options.highlight ?? series.slice(0, PALETTE.length));
  const front = data.filter((d) => highlight.has(d.series) && d.value !== null);
  const back = data.filter((d) => !highlight.has(d.series) && d.value !== null);
  const coloured = series.filter((s) => highlight.has(s));
  const markers = mergeMarkers(options.markers ?? [], periods);
  const fmt = (v: number | null) => (percent ? formatValue(v, "percent") : formatValue(v, "decimal", { digits }));
  const last = coloured
    .map((s) => front.filter((d) => d.series === s).at(-1))
    .filter((d): d is TrendPoint => d !== undefined);
  const lineHeight = fontSize + 3;
  // On phones the quarters are too close for marker labels: the dashed rules stay, the words are in the text.
  const narrow = width < 480;
  const labelled = narrow ? [] : markers;
  return renderPlot({
    width,
    height,
    marginLeft: Math.round(fontSize * 4),
    marginRight: Math.round(fontSize * (legend ? 4 : 9)),
    marginTop: Math.round(lineHeight * (labelled.length > 1 ? 2 : 1) + 14),
    marginBottom: Math.round(fontSize * 3.4),
    style: { background: "transparent", color: "currentColor", fontSize: `${fontSize}px`, fontFamily: "inherit", overflow: "visible" },
    x: {
      type: "point",
      domain: [...periods],
      label: null,
      padding: 0.3,
      tickSize: 0,
      // "FY2026-Q1" → "Q1" over "FY2026", so eight or more quarters fit side by side.
      tickFormat: (p: string) => p.replace(/^FY\d\d(\d\d)-(Q\d)$/, narrow ? "$2\nFY$1" : "$2\nFY20$1"),
    },
    y: {
      grid: true,
      label: yLabel,
      domain: options.yDomain,
      nice: !options.yDomain,
      zero: !options.yDomain,
      ticks: 5,
      tickFormat: percent ? (v: number) => formatValue(v, "percent") : undefined,
    },
    color: coloured.length > 1 ? { type: "ordinal", domain: coloured, range: [...PALETTE], legend } : undefined,
    marks: [
      ...markers.map((m) =>
        Plot.ruleX([m.period], { stroke: "currentColor", strokeOpacity: 0.55, strokeDasharray: "4 3" }),
      ),
      ...labelled.map((m, i) =>
        Plot.text([m], {
          x: "period",
          text: "label",
          frameAnchor: "top",
          dy: -6 - lineHeight * (i % 2),
          textAnchor: "middle",
          lineAnchor: "bottom",
          fill: "currentColor",
          fontSize,
        }),
      ),
      ...(back.length > 0 ? [Plot.lineY(back, { x: "period", y: "value", z: "series", stroke: "var(--chart-muted)", strokeWidth: 1.25 })] : []),
      Plot.lineY(front, {
        x: "period",
        y: "value",
        z: "series",
        stroke: coloured.length > 1 ? "series" : PALETTE[0],
        strokeWidth: 2.5,
      }),
      Plot.dot(front, {
        x: "period",
        y: "value",
        fill: coloured.length > 1 ? "series" : PALETTE[0],
        r: 3.5,
        title: (d: TrendPoint) => `${d.series} · ${d.period}: ${fmt(d.value)}`,
      }),
      Plot.text(last, {
        x: "period",
        y: "value",
        text: (d: TrendPoint) => (legend ? fmt(d.value) : `${d.series} ${fmt(d.value)}`),
        dx: 8,
        textAnchor: "start",
        fill: "currentColor",
        fontWeight: 600,
      }),
    ],
  });
}
