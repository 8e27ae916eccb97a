/**
 * Typed chart builders for the pages. Each returns SVG markup (a string) rendered at build time,
 * ready for `<Figure svg={...}>`. Colours are CSS variables (see src/styles/global.css:
 * --chart-1 … --chart-6, --chart-muted, --surface), so charts follow light/dark mode and print.
 */
import * as Plot from "@observablehq/plot";
import { CHART_WIDTH, plotScales, renderPlot } from "./render.ts";
import { formatValue as formatCell, type Format } from "../components/format.ts";

/** Colour-blind-safe categorical palette (Okabe–Ito hues), resolved per theme in global.css. */
export const PALETTE = [
  "var(--chart-1)",
  "var(--chart-2)",
  "var(--chart-3)",
  "var(--chart-4)",
  "var(--chart-5)",
  "var(--chart-6)",
] as const;

type Row = object;
/** Field names of T whose values are of type V. */
type KeysOf<T, V> = { [K in keyof T]-?: T[K] extends V ? K : never }[keyof T] & string;

export type ValueFormat = Exclude<Format, "text">;

/** Chart labels: like tables, but money is compact ($1.2M) so it fits beside a bar. */
function formatValue(value: unknown, format: ValueFormat, currency?: string): string {
  return formatCell(value, format, { compact: true, currency });
}

const tickNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percentTick = (v: number) => formatCell(v, "percent");
/** Axis ticks: like labels, but decimals without trailing zeros (5, 10, 12.5). */
function tickFormatFor(format: ValueFormat, currency?: string): (v: number) => string {
  return format === "decimal" ? (v) => tickNumber.format(v) : (v) => formatValue(v, format, currency);
}

/** Rough text width at 12px, for margins (deterministic; no font metrics at build time). */
function textWidth(text: string): number {
  return Math.ceil(text.length * 6.6);
}

/** Shorten a label to `max` characters with an ellipsis (the full text stays in the table). */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

function longest(values: Iterable<unknown>): number {
  let max = 0;
  for (const v of values) max = Math.max(max, textWidth(String(v ?? "")));
  return max;
}

function distinct<T>(data: readonly T[], key: keyof T): unknown[] {
  return [...new Set(data.map((d) => d[key]))];
}

// ————————————————————————————————————————————————————————— line

/** Shared by the Plot-based builders. */
export interface ChartSize {
  /** Drawing width in px (default 640); render a second, narrow copy (~360) for phones via Figure's svgNarrow. */
  width?: number;
  height?: number;
}

export interface LineChartOptions<T extends Row> extends ChartSize {
  data: readonly T[];
  /** Period label field, e.g. "FY2026-Q1"; drawn in `periods` order, else in order of appearance. */
  x: KeysOf<T, string>;
  y: KeysOf<T, number | null | undefined>;
  /** Series field (one line per value, with a legend). */
  z?: KeysOf<T, string>;
  yLabel: string;
  /** y values are fractions (0.42 → "42%"). */
  percent?: boolean;
  /** Explicit period order (also shows periods without data). */
  periods?: readonly string[];
  /** Start the y axis at zero (default true). */
  zero?: boolean;
  /**
   * Series to colour (and list in the legend); the others are drawn thin and grey for context.
   * Use it when there are more series than colours (6), e.g. the company plus the pod that drifted.
   */
  highlight?: readonly string[];
}

export function lineChart<T extends Row>(options: LineChartOptions<T>): string {
  const { data, x, y, z, yLabel, percent = false, zero = true, width = CHART_WIDTH, height = 300 } = options;
  const periods = options.periods ?? (distinct(data, x) as string[]);
  const series = z ? (distinct(data, z) as string[]) : [];
  const format: ValueFormat = percent ? "percent" : "decimal";
  const title = (d: T) =>
    `${z ? `${String(d[z])} · ` : ""}${String(d[x])}: ${formatValue(d[y], format)}`;
  // Label every k-th period when they would collide (always keeping the latest).
  const plotWidth = width - 48 - 24;
  const perLabel = longest(periods) + 10;
  const step = Math.max(1, Math.ceil((periods.length * perLabel) / plotWidth));
  const tickPeriods = periods.filter((_, i) => (periods.length - 1 - i) % step === 0);
  const colour = z ? { stroke: z } : { stroke: PALETTE[0] };
  const dotColour = z ? { fill: z } : { fill: PALETTE[0] };
  const highlight = z && options.highlight ? new Set(options.highlight) : undefined;
  const inFront = highlight ? data.filter((d) => highlight.has(d[z!] as string)) : data;
  const behind = highlight ? data.filter((d) => !highlight.has(d[z!] as string)) : [];
  const coloured = highlight ? series.filter((s) => highlight.has(s)) : series;

  return renderPlot({
    width,
    height,
    marginLeft: 48,
    marginRight: 24,
    marginBottom: 36,
    x: { type: "point", domain: [...periods], ticks: tickPeriods, label: null, padding: 0.3 },
    y: {
      grid: true,
      zero,
      nice: true,
      label: yLabel,
      ticks: 5,
      tickFormat: percent ? percentTick : undefined,
    },
    color: z
      ? { type: "ordinal", domain: coloured, range: [...PALETTE], legend: coloured.length > 0 }
      : undefined,
    marks: [
      ...(zero ? [Plot.ruleY([0], { strokeOpacity: 0.4 })] : []),
      ...(behind.length > 0
        ? [
            Plot.lineY(behind as T[], { x, y, z, stroke: "var(--chart-muted)", strokeWidth: 1.25 }),
            Plot.dot(behind as T[], { x, y, fill: "var(--chart-muted)", r: 2, title }),
          ]
        : []),
      Plot.lineY(inFront as T[], { x, y, z: z ?? null, ...colour, strokeWidth: 2 }),
      Plot.dot(inFront as T[], { x, y, ...dotColour, r: 3.5, stroke: "var(--surface)", strokeWidth: 1, title }),
    ],
  });
}

// ————————————————————————————————————————————————————————— bar

export interface BarChartOptions<T extends Row> extends Omit<ChartSize, "height"> {
  data: readonly T[];
  /** Value field (bar length). */
  x: KeysOf<T, number | null | undefined>;
  /** Category field (e.g. pod name), one bar each. */
  y: KeysOf<T, string>;
  /** Axis label for the value. */
  label: string;
  /** Bar order: by value (default "descending"), or as given ("none"). */
  sort?: "descending" | "ascending" | "none";
  format?: ValueFormat;
  /** A category to emphasise (e.g. the pod whose page this is); others are muted. */
  highlight?: string;
  /** ISO 4217 code when format is "money" (default USD). */
  currency?: string;
}

export function barChart<T extends Row>(options: BarChartOptions<T>): string {
  const { data, x, y, label, sort = "descending", format = "decimal", highlight, currency, width = CHART_WIDTH } = options;
  const rows = [...data];
  const val = (d: T) => (typeof d[x] === "number" ? (d[x] as number) : 0);
  if (sort === "descending") rows.sort((a, b) => val(b) - val(a));
  if (sort === "ascending") rows.sort((a, b) => val(a) - val(b));
  const domain = rows.map((d) => d[y] as string);
  const labelWidth = Math.min(Math.round(width * 0.4), longest(domain) + 12);
  const fill = (d: T) =>
    highlight === undefined || d[y] === highlight ? PALETTE[0] : "var(--chart-muted)";

  const fmt = (v: unknown) => formatValue(v, format, currency);
  return renderPlot({
    width,
    height: 58 + rows.length * 30,
    marginLeft: labelWidth,
    marginRight: 56,
    marginTop: 46,
    marginBottom: 12,
    x: {
      axis: "top",
      grid: true,
      label,
      labelOffset: 42,
      ticks: width < 480 ? 3 : 5,
      tickFormat: tickFormatFor(format, currency),
    },
    y: { domain, label: null, padding: 0.25, tickSize: 0 },
    marks: [
      Plot.barX(rows, { x, y, fill, title: (d: T) => `${String(d[y])}: ${fmt(d[x])}` }),
      Plot.ruleX([0], { strokeOpacity: 0.5 }),
      Plot.text(rows, {
        x,
        y,
        text: (d: T) => fmt(d[x]),
        textAnchor: "start",
        dx: 5,
        fill: "currentColor",
      }),
    ],
  });
}

// ————————————————————————————————————————————————————————— heatmap

export interface HeatmapOptions<T extends Row> extends Omit<ChartSize, "height"> {
  data: readonly T[];
  /** Column field (e.g. the recognised function). */
  x: KeysOf<T, string>;
  /** Row field (e.g. the recognising function). */
  y: KeysOf<T, string>;
  /** Numeric field: cell shade and label. */
  fill: KeysOf<T, number | null | undefined>;
  /** What the number is, e.g. "Recognitions". */
  label: string;
  xLabel?: string;
  yLabel?: string;
  /** Row/column order; default: order of appearance. */
  xDomain?: readonly string[];
  yDomain?: readonly string[];
  format?: ValueFormat;
}

export function heatmap<T extends Row>(options: HeatmapOptions<T>): string {
  const { data, x, y, fill, label, format = "int", width = CHART_WIDTH } = options;
  const xDomain = options.xDomain ?? (distinct(data, x) as string[]);
  const yDomain = options.yDomain ?? (distinct(data, y) as string[]);
  // Layout: row labels on the left (truncated to fit), column labels on top, rotated when they
  // do not fit a cell (−40°, or vertical when even that leaves cells too narrow).
  const yLabelSpace = options.yLabel ? 22 : 0;
  const rowLabelWidth = Math.min(Math.round(width * 0.38), longest(yDomain) + 12);
  const marginLeft = rowLabelWidth + yLabelSpace;
  const xTicks = xDomain.map((v) => truncate(v, 22));
  const xLen = longest(xTicks);
  const n = Math.max(1, xDomain.length);
  const cellFor = (right: number) => Math.floor((width - marginLeft - right) / n);
  let angle = 0;
  let marginRight = 12;
  let cell = cellFor(marginRight);
  if (xLen > cell - 6) {
    angle = -40;
    marginRight = Math.max(12, Math.ceil(xLen * 0.77 - cellFor(12) / 2));
    cell = cellFor(marginRight);
    if (cell < 34) {
      angle = -90;
      marginRight = 12;
      cell = cellFor(marginRight);
    }
  }
  cell = Math.max(24, cell);
  const marginTop =
    // rotated labels: their estimated length runs short of the rendered text, so leave room above
    (angle === 0 ? 26 : Math.ceil(xLen * (angle === -90 ? 1.15 : 0.75)) + 16) + (options.xLabel ? 18 : 0);
  const cellHeight = 30;
  const values = data.map((d) => d[fill]).filter((v): v is number & T[typeof fill] => typeof v === "number");
  const max = Math.max(1, ...(values as number[]));

  return renderPlot({
    width: marginLeft + marginRight + cell * n,
    height: marginTop + 8 + yDomain.length * cellHeight,
    marginLeft,
    marginTop,
    marginRight,
    marginBottom: 8,
    x: {
      axis: "top",
      domain: [...xDomain],
      label: options.xLabel ?? null,
      labelArrow: "none",
      labelAnchor: "center",
      tickRotate: angle,
      tickSize: 0,
      tickFormat: (v: string) => truncate(v, 22),
      padding: 0.04,
    },
    y: {
      domain: [...yDomain],
      label: options.yLabel ?? null,
      labelArrow: "none",
      labelAnchor: "center",
      tickSize: 0,
      tickFormat: (v: string) => truncate(v, Math.floor((rowLabelWidth - 12) / 6.6)),
      padding: 0.04,
    },
    opacity: { type: "linear", domain: [0, max], range: [0.06, 0.85] },
    marks: [
      Plot.cell(data as T[], {
        x,
        y,
        fill: PALETTE[0],
        fillOpacity: fill,
        title: (d: T) => `${String(d[y])} → ${String(d[x])}: ${formatValue(d[fill], format)} ${label.toLowerCase()}`,
      }),
      Plot.text(data as T[], {
        x,
        y,
        text: (d: T) => formatValue(d[fill], format),
        fill: "currentColor",
        stroke: "var(--surface)",
        strokeWidth: 3,
        fontWeight: 600,
      }),
    ],
  });
}

// ————————————————————————————————————————————————————————— scatter

export interface ScatterOptions<T extends Row> extends ChartSize {
  data: readonly T[];
  x: KeysOf<T, number | null | undefined>;
  y: KeysOf<T, number | null | undefined>;
  /** Field used to label each dot (e.g. pod name). */
  text: KeysOf<T, string>;
  xLabel: string;
  yLabel: string;
  /** Which axes hold fractions shown as percentages (0.42 → "42%"): true = both, or "x" / "y". */
  percent?: boolean | "x" | "y";
  /** Draw the y = x reference line (useful when both axes share a unit). */
  diagonal?: boolean;
  /** Earlier positions of each dot, oldest first, drawn as a faint trail ending at the dot (e.g. the last quarters). */
  trail?: readonly T[];
}

/** Label positions around a dot, tried in order: above, below, right, left, then the diagonals. */
const LABEL_SPOTS = [
  { dx: 0, dy: -11, anchor: "middle" },
  { dx: 0, dy: 14, anchor: "middle" },
  { dx: 8, dy: 0, anchor: "start" },
  { dx: -8, dy: 0, anchor: "end" },
  { dx: 7, dy: -10, anchor: "start" },
  { dx: -7, dy: -10, anchor: "end" },
  { dx: 7, dy: 12, anchor: "start" },
  { dx: -7, dy: 12, anchor: "end" },
] as const;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

export function scatter<T extends Row>(options: ScatterOptions<T>): string {
  const { data, x, y, text, xLabel, yLabel, percent = false, diagonal = false, trail, width = CHART_WIDTH, height = 380 } = options;
  const xPercent = percent === true || percent === "x";
  const yPercent = percent === true || percent === "y";
  const xFormat: ValueFormat = xPercent ? "percent" : "decimal";
  const yFormat: ValueFormat = yPercent ? "percent" : "decimal";
  const numbers = (key: keyof T) =>
    data.map((d) => d[key]).filter((v): v is T[keyof T] & number => typeof v === "number");
  const xs = numbers(x) as number[];
  const ys = numbers(y) as number[];
  const lo = Math.min(0, ...xs, ...ys);
  const hi = Math.max(percent ? 0 : 1, ...xs, ...ys);
  const points = data.filter((d) => typeof d[x] === "number" && typeof d[y] === "number");

  const frame: Plot.PlotOptions = {
    width,
    height,
    marginLeft: 52,
    marginRight: 24,
    marginBottom: 44,
    marginTop: 28,
    inset: 12,
    x: { grid: true, label: xLabel, labelAnchor: "center", labelArrow: "none", ticks: width < 480 ? 4 : 6, tickFormat: xPercent ? percentTick : undefined, nice: true },
    y: { grid: true, label: yLabel, labelArrow: "none", ticks: 5, tickFormat: yPercent ? percentTick : undefined, nice: true },
  };
  const dots = Plot.dot(points as T[], {
    x,
    y,
    r: 5,
    fill: PALETTE[0],
    stroke: "var(--surface)",
    strokeWidth: 1.5,
    title: (d: T) =>
      `${String(d[text])}: ${xLabel} ${formatValue(d[x], xFormat)}, ${yLabel} ${formatValue(d[y], yFormat)}`,
  });

  const trails = trail
    ? [
        Plot.line(trail as T[], { x, y, z: text, stroke: "var(--chart-muted)", strokeWidth: 1.5, curve: "linear" }),
        Plot.dot(trail as T[], { x, y, r: 2, fill: "var(--chart-muted)" }),
      ]
    : [];

  // Place labels greedily (deterministic: in data order) where they overlap no dot and no earlier label.
  const scale = plotScales({ ...frame, marks: [...trails, dots] });
  const centres = points.map((d) => ({ cx: scale.x(d[x]), cy: scale.y(d[y]) }));
  const taken: Box[] = centres.map(({ cx, cy }) => ({ x0: cx - 7, y0: cy - 7, x1: cx + 7, y1: cy + 7 }));
  const spotOf = points.map((d, i) => {
    const { cx, cy } = centres[i]!;
    const w = textWidth(String(d[text] ?? "")) + 4;
    let best = 0;
    let bestCost = Infinity;
    let bestBox: Box | undefined;
    LABEL_SPOTS.forEach((spot, s) => {
      const left = spot.anchor === "middle" ? cx + spot.dx - w / 2 : spot.anchor === "start" ? cx + spot.dx : cx + spot.dx - w;
      const box = { x0: left, y0: cy + spot.dy - 7, x1: left + w, y1: cy + spot.dy + 7 };
      const outside = box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height ? 1e6 : 0;
      const cost = outside + taken.reduce((sum, t) => sum + overlap(box, t), 0) + s * 0.01;
      if (cost < bestCost) {
        best = s;
        bestCost = cost;
        bestBox = box;
      }
    });
    if (bestBox) taken.push(bestBox);
    return best;
  });
  const labels = LABEL_SPOTS.map((spot, s) => {
    const group = points.filter((_, i) => spotOf[i] === s);
    return group.length === 0
      ? null
      : Plot.text(group as T[], {
          x,
          y,
          text,
          dx: spot.dx,
          dy: spot.dy,
          textAnchor: spot.anchor,
          fill: "currentColor",
          stroke: "var(--surface)",
          strokeWidth: 3,
        });
  }).filter((m) => m !== null);

  return renderPlot({
    ...frame,
    marks: [
      ...(diagonal ? [Plot.line([[lo, lo], [hi, hi]], { strokeDasharray: "4 4", strokeOpacity: 0.5 })] : []),
      ...trails,
      dots,
      ...labels,
    ],
  });
}

// ————————————————————————————————————————————————————————— sparkline

export interface SparklineOptions {
  /** Values in order; null leaves a gap. */
  values: readonly (number | null | undefined)[];
  width?: number;
  height?: number;
  /** Accessible name; when absent the sparkline is decorative (aria-hidden). */
  label?: string;
}

/** A tiny trend line (no axes), drawn directly: cheap enough for one per table row. */
export function sparkline(options: SparklineOptions): string {
  const { values, width = 120, height = 32, label } = options;
  const pad = 3;
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const a11y = label
    ? `role="img" aria-label="${escapeAttr(label)}"`
    : `aria-hidden="true" focusable="false"`;
  const open = `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${a11y}>`;
  if (finite.length === 0) return `${open}</svg>`;

  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const px = (i: number) => round(values.length > 1 ? pad + i * step : width / 2);
  const py = (v: number) => round(max === min ? height / 2 : height - pad - ((v - min) / span) * (height - 2 * pad));

  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${px(i)},${py(v)}`;
    pen = true;
  });
  let lastIndex = values.length - 1;
  while (lastIndex >= 0 && typeof values[lastIndex] !== "number") lastIndex--;
  const last = values[lastIndex] as number;

  return (
    open +
    `<path d="${d}" fill="none" style="stroke:var(--chart-1)" stroke-width="1.75" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<circle cx="${px(lastIndex)}" cy="${py(last)}" r="2.5" style="fill:var(--chart-1)"/>` +
    `</svg>`
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
