// How the pages word a figure's change from the period before (the ▲/▼/■ beside a stat).
import { describe, expect, it } from "vitest";
import { changeOf } from "../src/site/view.ts";

describe("a change between periods", () => {
  it("is no change when it is too small to show, and keeps its direction otherwise", async () => {
    expect(changeOf(129_256, 129_300, "int")).toEqual({ text: "±0%", direction: "flat" });
    expect(changeOf(0.3101, 0.3099, "decimal")).toEqual({ text: "±0.00", direction: "flat" });
    expect(changeOf(0.41, 0.4104, "percent")).toEqual({ text: "±0.0 pts", direction: "flat" });
    expect(changeOf(5, 5, "days")).toEqual({ text: "±0 days", direction: "flat" });
    expect(changeOf(0.42, 0.41, "percent")).toEqual({ text: "+1.0 pts", direction: "up" });
    expect(changeOf(90, 100, "int")).toEqual({ text: "−10%", direction: "down" });
    expect(changeOf(0.305, 0.31, "decimal")).toEqual({ text: "−0.01", direction: "down" });
  });
});
