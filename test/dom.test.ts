// The document charts are drawn in (src/charts/dom.ts): linkedom loaded with its per-node maps kept on the nodes.
import { describe, expect, it } from "vitest";
import { newDocument } from "../src/charts/dom.ts";

describe("the charts' document", () => {
  it("leaves the global WeakMap as it was", () => {
    expect(Function.prototype.toString.call(globalThis.WeakMap)).toContain("[native code]");
    const key = {};
    expect(new WeakMap([[key, 1]]).get(key)).toBe(1);
  });

  it("keeps what linkedom attaches to a node: listeners, style, dataset, child lists", () => {
    const document = newDocument();
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const heard: string[] = [];
    const listener = (e: Event) => heard.push(e.type);
    svg.addEventListener("input", listener);
    svg.dispatchEvent(new document.defaultView!.Event("input"));
    svg.removeEventListener("input", listener);
    svg.dispatchEvent(new document.defaultView!.Event("input"));
    expect(heard).toEqual(["input"]);

    const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
    (g as unknown as HTMLElement).style.setProperty("fill", "var(--chart-1)");
    expect(g.getAttribute("style")).toBe("fill:var(--chart-1)");
    const div = document.createElement("div");
    div.dataset.period = "FY2026-Q3";
    expect(div.getAttribute("data-period")).toBe("FY2026-Q3");

    expect(svg.childNodes.length).toBe(0);
    svg.append(g);
    expect(svg.childNodes.length).toBe(1);
    expect(svg.outerHTML).toBe('<svg><g style="fill:var(--chart-1)" /></svg>');
  });

  it("gives each chart a document of its own", () => {
    const a = newDocument();
    const b = newDocument();
    a.body.append(a.createElement("p"));
    expect(b.body.childNodes.length).toBe(0);
  });
});
