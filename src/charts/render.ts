/**
 * Observable Plot → static SVG markup, at build time, without a browser.
 *
 * - Runs Plot against a small DOM of our own (dom.ts; no DOM globals are touched).
 * - Deterministic: Plot's per-process counters (clip-path / marker ids) are renumbered per chart,
 *   with a prefix derived from the chart's own markup, so two charts on one page never share ids
 *   and the same chart renders byte-identically across calls and processes.
 * - Theme-aware: colours may be given as CSS variables (`var(--chart-1)`); SVG presentation
 *   attributes cannot hold `var()`, so such fills/strokes are moved into `style` attributes.
 * - Loud: any Plot warning (Plot reports them through console.warn) becomes an exception.
 */
import * as Plot from "@observablehq/plot";
import { newDocument } from "./dom.ts";

/** Default chart width in px (the SVG scales down with CSS: `max-width: 100%; height: auto`). */
export const CHART_WIDTH = 640;
/** Width of the phone rendering <Figure chart={...}> adds (shown below 36rem). */
export const NARROW_WIDTH = 360;

const DEFAULT_STYLE = {
  background: "transparent",
  color: "currentColor",
  fontSize: "12px",
  fontFamily: "inherit",
  overflow: "visible",
} as const;

/** Render Plot options to an SVG (or, when Plot adds a legend/title, a `<figure>`) string. */
export function renderPlot(options: Plot.PlotOptions): string {
  const node = runPlot(options);
  moveVarColoursToStyle(node);
  return normaliseIds(roundCoordinates(node.outerHTML));
}

/**
 * Coordinates to a tenth of a pixel: Plot writes doubles in full (`cy="111.12551253619283"`), which made up half of
 * a chart's markup; a tenth of a pixel is below what a screen or a printer shows. Only attribute values change, in every
 * attribute (`x1`, `y2` included).
 */
function roundCoordinates(markup: string): string {
  return markup.replace(/(\s[a-zA-Z][a-zA-Z0-9-]*=")([^"]*\d\.\d\d[^"]*)"/g, (_, name: string, value: string) =>
    `${name}${value.replace(/-?\d*\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`,
  );
}

/** Pixel positions Plot would use for these options (for label placement before the real render). */
export function plotScales(options: Plot.PlotOptions): {
  x: (value: unknown) => number;
  y: (value: unknown) => number;
} {
  const node = runPlot(options) as unknown as { scale(name: "x" | "y"): Plot.Scale | undefined };
  const apply = (name: "x" | "y") => {
    const scale = node.scale(name);
    if (!scale) throw new Error(`plotScales: the plot has no ${name} scale`);
    return (value: unknown) => scale.apply(value);
  };
  return { x: apply("x"), y: apply("y") };
}

function runPlot(options: Plot.PlotOptions): Element {
  const document = newDocument();
  const style =
    typeof options.style === "string" ? options.style : { ...DEFAULT_STYLE, ...(options.style ?? {}) };

  const warnings: string[] = [];
  const originalWarn = console.warn;
  let node: Element;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(" "));
  };
  try {
    node = Plot.plot({
      width: CHART_WIDTH,
      ...options,
      style,
      document,
    }) as unknown as Element;
  } finally {
    console.warn = originalWarn;
  }
  if (warnings.length > 0) {
    throw new Error(`plot warning: ${warnings.join("\n")}`);
  }
  return node;
}

const COLOUR_ATTRS = ["fill", "stroke", "stop-color", "color"] as const;

/** `fill="var(--x)"` is ignored by browsers; `style="fill: var(--x)"` works. */
function moveVarColoursToStyle(root: Element): void {
  const all = [root, ...Array.from(root.querySelectorAll("*"))];
  for (const el of all) {
    const moved: string[] = [];
    for (const attr of COLOUR_ATTRS) {
      const value = el.getAttribute(attr);
      if (value != null && value.includes("var(")) {
        el.removeAttribute(attr);
        moved.push(`${attr}:${value}`);
      }
    }
    if (moved.length > 0) {
      const existing = el.getAttribute("style");
      el.setAttribute("style", existing ? `${moved.join(";")};${existing}` : moved.join(";"));
    }
  }
}

/** Renumber Plot's process-global ids (plot-clip-N, plot-marker-N, …) per chart. */
function normaliseIds(markup: string): string {
  const idPattern = /\bplot-(clip|marker|pattern|gradient)-\d+\b/g;
  const found = [...new Set(markup.match(idPattern) ?? [])];
  if (found.length === 0) return markup;
  // Hash the markup with the ids blanked out, so the prefix depends only on the chart's content.
  const prefix = `c${fnv1a(markup.replace(idPattern, "plot-$1"))}`;
  const renamed = new Map(found.map((id, i) => [id, `${prefix}-${id.replace(/-\d+$/, "")}-${i}`]));
  return markup.replace(idPattern, (id) => renamed.get(id) ?? id);
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
