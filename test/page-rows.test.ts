// The page data holds fewer rows than the downloads where the pages read less (pod × pod flows grow with the square
// of the pods): every row a page reads must still be there. A company with more pods than a chart draws.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exportPageData } from "../src/pipeline/pagedata/export.ts";
import { generateSample } from "../src/sample/index.ts";
import { focusPods } from "../src/site/focus.ts";
import { CHART_PODS } from "../src/site/limits.ts";
import type { Row } from "../src/site/types.ts";
import { podPages } from "../src/site/view.ts";
import { withModels } from "./helpers.ts";

const out = mkdtempSync(join(tmpdir(), "podium-page-rows-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("recognition flows between pods in the page data", () => {
  it("hold every flow the recognition pages draw and name, and every flow the pod pages list", async () => {
    generateSample({ people: 400, quarters: 4, seed: 5, out });
    await withModels(out, async (db, { siteData }) => {
      const all = await db.query<Row>("select * from pub_recognition_pod_flows order by period_grain, period, giver_pod_id, recipient_pod_id");
      const kept = siteData.tables.recognition_pod_flows;
      const inPeriod = (rows: readonly Row[], p: { period_grain: string; period: string }) =>
        rows.filter((r) => r.period_grain === p.period_grain && r.period === p.period);
      expect(siteData.pods.length).toBeGreaterThan(CHART_PODS);
      expect(kept.length).toBeLessThan(0.75 * all.length);

      let checked = 0;
      for (const period of siteData.periods) {
        // as src/pages/[...period]/recognition/index.astro picks them
        const pods = inPeriod(siteData.tables.recognition_pods, period);
        const focus = focusPods(
          pods.map((p) => ({ ...p, cross: Number(p.count_given_to_other_pods ?? 0) + Number(p.count_received_from_other_pods ?? 0) })),
          "cross", "highest", "shout-outs across pods",
        );
        const drawn = (rows: Row[]) => rows.filter((f) => focus.has(f, "giver_pod_id") && focus.has(f, "recipient_pod_id"));
        const largest = (rows: Row[]) => [...rows].filter((f) => f.giver_pod_id !== f.recipient_pod_id).sort((a, b) => Number(b.pairs) - Number(a.pairs))[0];
        const full = inPeriod(all, period);
        const page = inPeriod(kept, period);
        expect(drawn(page), period.period).toEqual(drawn(full));
        expect(largest(page), period.period).toEqual(largest(full));
        checked += drawn(full).length;
      }
      expect(checked).toBeGreaterThan(0);
      // as src/pages/pods/[pod].astro lists them: the pods a pod thanked and that thanked it, in its page's quarter
      for (const { pod, period } of podPages(siteData)) {
        const mine = (rows: Row[]) => inPeriod(rows, period).filter((f) => f.giver_pod_id === pod.pod_id || f.recipient_pod_id === pod.pod_id);
        expect(mine(kept), pod.pod_id).toEqual(mine(all));
      }
    });
  });
});

describe("a page data query that fails", () => {
  it("fails the page data with its error, once (no unhandled rejection beside it)", async () => {
    await withModels("data", async (db, { config, models, warnings, audience }) => {
      await db.run("drop table int_org_events");
      await expect(exportPageData(db, config, models, warnings, audience)).rejects.toThrow(/int_org_events/);
    });
  });
});
