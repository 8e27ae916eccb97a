// The deck's pure helpers: the stated selection rules and headline wording, and a deck of the tiny company.
import { describe, expect, it } from "vitest";
import type { Shoutout } from "../src/site/types.ts";
import { pickShoutouts, spotlightPod } from "../src/deck/select.ts";
import { changeWords, clip, listWords, moveWords, titleCase } from "../src/deck/words.ts";
import { buildDeck, latestQuarterOf } from "../src/deck/slides.ts";
import { withModels, FIXTURES } from "./helpers.ts";

const shout = (id: string, giver: string, pod: string | null, crossFunction: boolean, crossPod: boolean, day = "2026-01-10"): Shoutout => ({
  period: "FY2026-Q1",
  recognition_id: id,
  given_on: day,
  giver_id: giver,
  giver_name: giver.toUpperCase(),
  giver_slug: null,
  giver_function: "support",
  giver_pod_id: pod,
  giver_pod: pod,
  recipients: "R",
  recipient_list: [{ name: "R", slug: null }],
  recipient_functions: "engineering",
  recipient_pods: null,
  period_grain: "quarter",
  message: `message ${id}`,
  value_tag: null,
  is_cross_function: crossFunction,
  is_cross_pod: crossPod,
});

describe("pickShoutouts", () => {
  it("puts cross-function first, then cross-pod, newest first", () => {
    const list = [
      shout("r1", "a", "A", false, true, "2026-03-01"),
      shout("r2", "b", "B", true, false, "2026-01-01"),
      shout("r3", "c", "C", true, true, "2026-01-01"),
      shout("r4", "d", "D", true, true, "2026-02-01"),
    ];
    expect(pickShoutouts(list, "FY2026-Q1", 4).map((s) => s.recognition_id)).toEqual(["r4", "r3", "r2", "r1"]);
  });

  it("takes at most one per giver, and givers from different pods while there are enough", () => {
    const list = [
      shout("r1", "a", "A", true, true, "2026-03-03"),
      shout("r2", "a", "B", true, true, "2026-03-02"), // same giver: never
      shout("r3", "b", "A", true, true, "2026-03-01"), // same pod as r1: only if too few
      shout("r4", "c", "C", false, false, "2026-03-01"),
    ];
    expect(pickShoutouts(list, "FY2026-Q1", 2).map((s) => s.recognition_id)).toEqual(["r1", "r4"]);
    expect(pickShoutouts(list, "FY2026-Q1", 3).map((s) => s.recognition_id)).toEqual(["r1", "r4", "r3"]);
    expect(pickShoutouts(list, "FY2025-Q4", 3)).toEqual([]);
  });
});

describe("words", () => {
  it("writes changes for reading", () => {
    expect(changeWords(42, 30, "int")).toBe("up 40%");
    expect(changeWords(448, 446, "int")).toBe("up 0.4%");
    expect(changeWords(0.56, 0.588, "percent")).toBe("down 2.8 pts");
    expect(changeWords(0.99, 0.94, "decimal")).toBe("up 0.05");
    expect(changeWords(21, 22, "days")).toBe("down 1 day");
    expect(changeWords(5, 5, "int")).toBe("unchanged");
    expect(changeWords(5, null, "int")).toBe("");
  });
  it("names, lists and moves", () => {
    expect(titleCase("inside sales")).toBe("Inside Sales");
    expect(listWords(["a", "b", "c"])).toBe("a, b and c");
    expect(moveWords(2)).toBe("up 2 places");
    expect(moveWords(-1)).toBe("down 1 place");
    expect(moveWords(null)).toBe("new on the board");
    expect(clip("one two three four", 10)).toBe("one two…");
  });
});

describe("a deck of the tiny company", () => {
  it("has ten slides, each with a headline and notes, spotlighting pods in turn", async () => {
    await withModels(`${FIXTURES}tiny`, async (_db, { siteData }) => {
      const period = latestQuarterOf(siteData);
      const deck = buildDeck(siteData, period);
      expect(deck.slides.map((s) => s.kind)).toEqual([
        "title", "numbers", "podium", "movers", "shoutouts", "spotlight", "chart", "tables", "tables", "chart",
      ]);
      expect(deck.slides.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const s of deck.slides) {
        expect(s.headline.length).toBeGreaterThan(10);
        expect(s.notes.length).toBeGreaterThan(0);
      }
      // Q1 is the first quarter: index 1 → the first pod by id.
      expect(spotlightPod(siteData, period)).toBe("A");
      expect(spotlightPod(siteData, { ...period, period_index: 2 })).toBe("B");
      // Support (p3) thanked Engineering (p1, p6) twice.
      expect(deck.slides[4]!.headline).toBe("Support thanked Engineering 2 times this quarter");
      // No person's money on any slide: commission appears as shares only.
      expect(JSON.stringify(deck)).not.toMatch(/commission_at_stake/);
    });
  });
});
