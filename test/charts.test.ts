import { describe, expect, it } from "vitest";
import * as Plot from "@observablehq/plot";
import { renderPlot } from "../src/charts/render.ts";
import { barChart, heatmap, lineChart, scatter, sparkline } from "../src/charts/charts.ts";
import { formatValue } from "../src/components/format.ts";
import { href } from "../src/components/url.ts";

const count = (markup: string, needle: string) => markup.split(needle).length - 1;

const periods = [
  { period: "FY2026-Q1", share: 0.41, side: "Build" },
  { period: "FY2026-Q2", share: 0.44, side: "Build" },
  { period: "FY2026-Q3", share: 0.47, side: "Build" },
];
const pods = [
  { name: "North Star", points: 14.2, build: 0.46, sell: 0.38 },
  { name: "Harbor <Enterprise>", points: 9.8, build: 0.31, sell: 0.55 },
  { name: "Evergreen & Co", points: 11.1, build: 0.52, sell: 0.22 },
];
const matrix = ["engineering", "sales"].flatMap((from, i) =>
  ["engineering", "sales"].map((to, j) => ({ from, to, n: i * 2 + j + 1 })),
);

describe("renderPlot", () => {
  it("returns an SVG string with Plot's defaults overridden for the site", () => {
    const svg = renderPlot({ marks: [Plot.dot([{ a: 1, b: 2 }], { x: "a", y: "b" })] });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('width="640"');
    expect(svg).toContain("background:transparent");
    expect(svg).toContain("font-size:12px");
    expect(count(svg, "<circle")).toBe(1);
  });

  it("throws when Plot warns", () => {
    // Numeric strings on an ordinal scale make Plot warn.
    expect(() => renderPlot({ marks: [Plot.dot([{ a: "1" }, { a: "2" }], { x: "a" })] })).toThrow(
      /^plot warning: .*appear to be numbers/s,
    );
    // …and console.warn is restored afterwards.
    expect(console.warn.name).not.toBe("");
  });

  it("renumbers Plot's global clip ids per chart, so output is stable across calls", () => {
    const options = (): Plot.PlotOptions => ({
      marks: [Plot.lineY([1, 3, 2], { clip: true }), Plot.dot([1, 3, 2], { x: (_: number, i: number) => i, y: (d: number) => d, clip: true })],
    });
    const a = renderPlot(options());
    const b = renderPlot(options());
    expect(a).toBe(b);
    expect(a).toMatch(/<clipPath id="c[0-9a-z]+-plot-clip-0"/);
    expect(a).not.toMatch(/plot-clip-\d{2,}/);
  });

  it("writes coordinates to a tenth of a pixel, in every attribute (x1…y2 included)", () => {
    // a 7-wide domain over 600 px puts the grid lines and the dots at sevenths of a pixel: 105.714…
    const svg = renderPlot({ x: { grid: true, domain: [0, 7] }, marks: [Plot.dot([1, 2.5], { x: (d: number) => d })] });
    expect(svg).toMatch(/<line [^>]*x1="105\.7"/); // the grid is drawn with x1/x2
    expect(svg).not.toMatch(/="[^"]*\d\.\d\d/); // no value in any attribute with two decimals or more
    expect(svg).toMatch(/cx="\d+\.\d"/);
  });

  it("moves var() colours out of presentation attributes", () => {
    const svg = renderPlot({ marks: [Plot.dot([{ a: 1 }], { x: "a", fill: "var(--chart-1)" })] });
    expect(svg).not.toContain('fill="var(');
    expect(svg).toContain('style="fill:var(--chart-1)"');
  });
});

describe("chart builders", () => {
  it("lineChart: one dot per point, period labels, percent ticks", () => {
    const svg = lineChart({ data: periods, x: "period", y: "share", yLabel: "Build share", percent: true });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(count(svg, "<circle")).toBe(3);
    for (const p of periods) expect(svg).toContain(`>${p.period}<`);
    expect(svg).toContain("40%");
    expect(svg).toContain("Build share");
    expect(lineChart({ data: periods, x: "period", y: "share", yLabel: "Build share", percent: true })).toBe(svg);
  });

  it("lineChart with series: a legend and one line per series", () => {
    const data = [...periods, ...periods.map((d) => ({ ...d, side: "Sell", share: 1 - d.share }))];
    const out = lineChart({ data, x: "period", y: "share", z: "side", yLabel: "Share", percent: true });
    expect(count(out, "<circle")).toBe(6);
    expect(out).toContain(">Build<");
    expect(out).toContain(">Sell<");
    expect(count(out, "<path style=\"stroke:var(--chart-")).toBe(2);
  });

  it("lineChart thins crowded period labels on narrow charts but keeps the latest", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ period: `FY20${24 + Math.floor(i / 4)}-Q${(i % 4) + 1}`, share: i / 12 }));
    const narrow = lineChart({ data: many, x: "period", y: "share", yLabel: "Share", width: 360 });
    expect(count(narrow, "<circle")).toBe(12);
    const tickLabels = narrow.match(/<text[^>]*>FY20\d\d-Q\d<\/text>/g) ?? [];
    expect(tickLabels.length).toBeGreaterThan(1);
    expect(tickLabels.length).toBeLessThan(12);
    expect(tickLabels.at(-1)).toContain(">FY2026-Q4<");
  });

  it("lineChart highlight: other series muted, legend lists only the highlighted", () => {
    const names = ["A", "B", "C", "D", "E", "F", "G", "H"];
    const data = names.flatMap((name, k) => periods.map((d) => ({ ...d, side: name, share: d.share + k / 100 })));
    const out = lineChart({ data, x: "period", y: "share", z: "side", yLabel: "Share", highlight: ["C"] });
    expect(count(out, "<circle")).toBe(24);
    const muted = out.match(/<g[^>]*stroke:var\(--chart-muted\)[^>]*>.*?<\/g>/s)?.[0] ?? "";
    expect(count(muted, "<path")).toBe(7);
    expect(count(out, "stroke:var(--chart-1)")).toBe(1);
    expect(out).toContain(">C</span>");
    expect(out).not.toContain(">A</span>");
  });

  it("barChart: one rect per bar, escaped pod names, sorted descending", () => {
    const svg = barChart({ data: pods, x: "points", y: "name", label: "Points per head" });
    expect(count(svg, "<rect")).toBe(3);
    expect(svg).toContain("Harbor &lt;Enterprise&gt;");
    expect(svg).toContain("Evergreen &amp; Co");
    expect(svg).not.toContain("<Enterprise>");
    expect(svg.indexOf(">North Star<")).toBeLessThan(svg.indexOf(">Evergreen &amp; Co<"));
    expect(svg).toContain(">14.2<");
    expect(barChart({ data: pods, x: "points", y: "name", label: "Points per head" })).toBe(svg);
  });

  it("barChart: highlight mutes the other bars; money is compact", () => {
    const svg = barChart({ data: pods, x: "points", y: "name", label: "Revenue", format: "money", highlight: "North Star" });
    expect(count(svg, "fill:var(--chart-1)")).toBe(1);
    expect(count(svg, "fill:var(--chart-muted)")).toBe(2);
    expect(svg).toContain(">$14<");
  });

  it("heatmap: one cell per pair with its value as text", () => {
    const svg = heatmap({ data: matrix, x: "to", y: "from", fill: "n", label: "Recognitions", xLabel: "To", yLabel: "From" });
    expect(count(svg, "<rect")).toBe(4);
    for (const n of [1, 2, 3, 4]) expect(svg).toContain(`>${n}<`);
    expect(svg).toContain(">engineering<");
    expect(svg).toContain(">sales<");
    expect(heatmap({ data: matrix, x: "to", y: "from", fill: "n", label: "Recognitions", xLabel: "To", yLabel: "From" })).toBe(svg);
  });

  it("heatmap: long labels are truncated on narrow charts", () => {
    const fns = ["engineering", "account management", "sales engineering", "customer success operations"];
    const data = fns.flatMap((from) => fns.map((to) => ({ from, to, n: 1 })));
    const svg = heatmap({ data, x: "to", y: "from", fill: "n", label: "Recognitions", width: 360 });
    expect(count(svg, "<rect")).toBe(16);
    expect(svg).toContain("…");
    expect(svg).toMatch(/width="(\d+)"/);
    expect(Number(svg.match(/width="(\d+)"/)![1])).toBeLessThanOrEqual(360);
  });

  it("scatter: one dot and one label per pod", () => {
    const svg = scatter({ data: pods, x: "build", y: "sell", text: "name", xLabel: "Build share", yLabel: "Sell share", percent: true });
    expect(count(svg, "<circle")).toBe(3);
    expect(svg).toContain(">North Star<");
    expect(svg).toContain(">Build share<");
    expect(svg).toContain("50%");
    expect(scatter({ data: pods, x: "build", y: "sell", text: "name", xLabel: "Build share", yLabel: "Sell share", percent: true })).toBe(svg);
  });

  it("scatter: percent on one axis only; crowded labels are spread out", () => {
    const crowd = [
      ...["APAC", "US West", "Core Product", "Enterprise"].map((name, i) => ({ name, build: 0.33 + i * 0.004, balance: 0.66 + i * 0.004 })),
      { name: "Healthcare", build: 0.12, balance: 0.27 },
      { name: "SMB", build: 0.47, balance: 0.94 },
    ];
    const svg = scatter({ data: crowd, x: "build", y: "balance", text: "name", xLabel: "Build share", yLabel: "Balance", percent: "x" });
    expect(svg).toContain(">30%<");
    expect(svg).not.toMatch(/>0\.\d+%</);
    const anchors = new Set([...svg.matchAll(/<g[^>]*aria-label="text"[^>]*>/g)].map((m) => m[0]));
    expect(anchors.size).toBeGreaterThan(1); // labels were not all put above their dots
    for (const c of crowd) expect(svg).toContain(`>${c.name}<`);
  });

  it("sparkline: 120×32, no axes, gaps for nulls, labelled or decorative", () => {
    const svg = sparkline({ values: [1, 3, null, 4, 2], label: "Trend: 1 to 2" });
    expect(svg).toContain('width="120"');
    expect(svg).toContain('height="32"');
    expect(svg).toContain('role="img" aria-label="Trend: 1 to 2"');
    expect(count(svg, "M")).toBe(2); // two segments around the gap
    expect(count(svg, "<circle")).toBe(1);
    expect(svg).not.toContain("<text");
    expect(sparkline({ values: [5, 5] })).toContain('aria-hidden="true"');
    expect(sparkline({ values: [] })).toMatch(/^<svg[^>]*><\/svg>$/);
    expect(sparkline({ values: [1, 2], label: 'a"<b' })).toContain('aria-label="a&quot;&lt;b"');
  });
});

describe("format", () => {
  it("formats deterministically in en-US, missing as an em dash", () => {
    expect(formatValue(1234567.8, "int")).toBe("1,234,568");
    expect(formatValue(12.345, "decimal")).toBe("12.3");
    expect(formatValue(0.4567, "percent")).toBe("46%");
    expect(formatValue(0.4567, "percent", { digits: 1 })).toBe("45.7%");
    expect(formatValue(1840000, "money")).toBe("$1,840,000");
    expect(formatValue(1840000, "money", { currency: "EUR" })).toBe("€1,840,000");
    expect(formatValue(1840000, "money", { compact: true })).toBe("$1.8M");
    expect(formatValue(12.5, "days")).toBe("12.5 days");
    expect(formatValue(1, "days")).toBe("1 day");
    expect(formatValue(null, "int")).toBe("—");
    expect(formatValue(undefined)).toBe("—");
    expect(formatValue(Number.NaN, "percent")).toBe("—");
    expect(formatValue("<b>x</b>", "text")).toBe("<b>x</b>"); // escaped by Astro when rendered
    expect(formatValue(true)).toBe("Yes");
  });
});

describe("href", () => {
  it("joins the base and a path, pages with a trailing slash, files without", () => {
    expect(href("/")).toBe("/");
    expect(href("/", "/podium/")).toBe("/podium/");
    expect(href("pods", "/podium")).toBe("/podium/pods/");
    expect(href("/pods/north-star", "/podium/")).toBe("/podium/pods/north-star/");
    expect(href("data/people.csv", "/podium/")).toBe("/podium/data/people.csv");
    expect(href("/pods/#top")).toBe("/pods/#top");
    expect(href("pods?x=1", "/")).toBe("/pods/?x=1");
    expect(() => href("https://example.com/")).toThrow();
  });
});
