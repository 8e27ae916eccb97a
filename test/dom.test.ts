// The document charts are drawn in (src/charts/dom.ts): a small DOM of our own, writing markup as linkedom did.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { newDocument } from "../src/charts/dom.ts";

const SVG = "http://www.w3.org/2000/svg";

describe("the charts' document", () => {
  it("writes attributes newest first, leaves out an empty class, id or style, and closes empty SVG elements", () => {
    const document = newDocument();
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "plot");
    svg.setAttribute("width", "640");
    svg.setAttribute("class", "plot-1"); // set again: keeps its place
    svg.setAttribute("id", "");
    const line = svg.appendChild(document.createElementNS(SVG, "line"));
    line.setAttribute("x1", String(0.5));
    const div = document.createElement("div");
    expect(svg.outerHTML).toBe('<svg width="640" class="plot-1"><line x1="0.5" /></svg>');
    expect(div.outerHTML).toBe("<div></div>");
    line.removeAttribute("x1");
    line.setAttribute("y1", "2");
    line.setAttribute("x1", "1"); // removed and set again: newest
    expect(line.outerHTML).toBe('<line x1="1" y1="2" />');
  });

  it("escapes text and attribute values, but not an HTML style's CSS", () => {
    const document = newDocument();
    const text = document.createElementNS(SVG, "text");
    text.setAttribute("aria-label", 'Harbor "<Enterprise>" & Co');
    text.textContent = "R&D <3\u00a0>";
    expect(text.outerHTML).toBe('<text aria-label="Harbor &quot;&lt;Enterprise&gt;&quot; &amp; Co">R&amp;D &lt;3&#160;&gt;</text>');
    const style = document.createElement("style");
    style.textContent = ":where(.swatch > svg) { margin: 0 }";
    expect(style.outerHTML).toBe("<style>:where(.swatch > svg) { margin: 0 }</style>");
  });

  it("keeps styles in the style attribute, by CSS name or by property", () => {
    const document = newDocument();
    const figure = document.createElement("figure") as unknown as HTMLElement;
    figure.setAttribute("style", "color: red");
    figure.style.maxWidth = "initial";
    figure.style.setProperty("fill", "var(--chart-1)");
    expect(figure.getAttribute("style")).toBe("color:red;max-width:initial;fill:var(--chart-1)");
    expect(figure.style.getPropertyValue("max-width")).toBe("initial");
    figure.style.removeProperty("color");
    expect(figure.outerHTML).toBe('<figure style="max-width:initial;fill:var(--chart-1)"></figure>');
  });

  it("moves, inserts and removes nodes, and orders them as d3 asks", () => {
    const document = newDocument();
    const g = document.createElementNS(SVG, "g");
    const [a, b, c] = ["a", "b", "c"].map((id) => {
      const node = document.createElementNS(SVG, "rect");
      node.setAttribute("id", id);
      return node;
    }) as unknown as [Element, Element, Element];
    g.append(a, c);
    g.insertBefore(b, c);
    expect([...g.childNodes].map((n) => (n as Element).id)).toEqual(["a", "b", "c"]);
    expect(a.compareDocumentPosition(c) & 4).toBe(4); // c follows a
    expect(c.compareDocumentPosition(a) & 2).toBe(2);
    expect(a.nextSibling).toBe(b);
    g.appendChild(a); // moved, not copied
    expect(g.childNodes.length).toBe(3);
    expect(g.lastChild).toBe(a);
    b.remove();
    expect(g.querySelectorAll("*")).toEqual([c, a]);
    expect(() => g.querySelectorAll(".tick line")).toThrow("unsupported selector: .tick line");
  });

  it("draws Plot's marks, legends and titles as linkedom's DOM did, byte for byte", () => {
    const rows = [
      { q: "FY2026-Q1", v: 0.41, s: "Build & run" },
      { q: "FY2026-Q2", v: 0.44, s: "Build & run" },
      { q: "FY2026-Q1", v: 0.52, s: "Sell <direct>" },
      { q: "FY2026-Q2", v: 0.38, s: "Sell <direct>" },
    ];
    const options = (): Plot.PlotOptions => ({
      color: { legend: true },
      style: { fontSize: "12px", overflow: "visible" },
      marks: [
        Plot.ruleY([0]),
        Plot.line(rows, { x: "q", y: "v", stroke: "s", marker: true }),
        Plot.dot(rows, { x: "q", y: "v", fill: "s", title: (d) => `${d.s}: ${d.v}` }),
        Plot.text(rows, { x: "q", y: "v", text: "s", dy: -8, lineWidth: 5 }),
        Plot.barY(rows, { x: "q", y: "v", fill: "var(--chart-1)", fillOpacity: 0.2 }),
        Plot.cell(rows, { x: "q", y: "s", fill: "v" }),
      ],
    });
    const ours = (Plot.plot({ ...options(), document: newDocument() }) as unknown as Element).outerHTML;
    const theirs = (Plot.plot({ ...options(), document: parseHTML("<html><body></body></html>").document }) as unknown as Element).outerHTML;
    // Plot numbers clip paths and markers with process-wide counters: compare with those numbers taken out
    const ids = (html: string) => html.replace(/plot-(clip|marker)-\d+/g, "plot-$1-N");
    expect(ours).toContain("<figure");
    expect(ids(ours)).toBe(ids(theirs));
  });

  it("gives each chart a document of its own", () => {
    const a = newDocument();
    const b = newDocument();
    a.body.append(a.createElement("p"));
    expect(b.body.childNodes.length).toBe(0);
  });
});
