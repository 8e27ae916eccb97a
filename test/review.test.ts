// Drift alerts (marts/drift_alerts.sql): each rule on a fixture that triggers it and one that does not, thresholds from
// config, and the sample company's drifting pod.
import { describe, expect, it } from "vitest";
import { withModels } from "./helpers.ts";
import { driftFixture, item, wonDeal } from "./fixtures/drift/make.ts";

interface Alert {
  period: string;
  rule: string;
  group_type: string;
  group_id: string;
  role: string | null;
  value: number;
  threshold: number;
  from_period: string | null;
  from_value: number | null;
  message: string;
}

const alerts = (dir: string, rule: string) =>
  withModels(dir, (db) => db.query<Alert>("select * from drift_alerts where rule = $rule order by period, group_id, role", { rule }));

describe("balance_drop: a pod's balance fell two quarters running, by more than 0.15", () => {
  // Each later quarter: pod A = p1 building `points` + p2 selling 100k; pod B = p3 and p6 building 10, p3 selling 100k.
  // Builders' median is 10, so pod A's balance is 1 - |x/10 - 1| / (x/10 + 1): x=4 → 0.571, x=2 → 0.333, x=10 → 1.
  // FY2025-Q1 (the tiny company) has pod A at 0.986.
  const quarters = (a: number[]) =>
    driftFixture({
      build: a.flatMap((x, i) => {
        const day = ["2025-05-10", "2025-08-10"][i]!;
        return [item(`ba${i}`, day, "p1", x), item(`bb${i}`, day, "p3", 10), item(`bc${i}`, day, "p6", 10)];
      }),
      csv: {
        "deals.csv": a.flatMap((_, i) => {
          const day = ["2025-05-20", "2025-08-20"][i]!;
          return [wonDeal(`da${i}`, day, "p2", "A", 100000), wonDeal(`db${i}`, day, "p3", "B", 100000)];
        }),
      },
    });

  it("fires when the balance falls in each of two quarters by more than the threshold in total", async () => {
    const rows = await alerts(await quarters([4, 2]), "balance_drop");
    expect(rows.map((r) => [r.period, r.group_id])).toEqual([["FY2025-Q3", "A"]]);
    const [a] = rows;
    expect(a!.from_period).toBe("FY2025-Q1");
    expect(a!.value).toBeCloseTo(1 - 0.8 / 1.2, 9);
    expect(a!.threshold).toBe(0.15);
    expect(a!.message).toMatch(/Health's balance fell in each of the last 2 quarters, from 0\.99 in FY2025-Q1 to 0\.33 in FY2025-Q3/);
  });

  it("does not fire when the balance recovers, or falls twice by less than the threshold", async () => {
    expect(await alerts(await quarters([4, 10]), "balance_drop")).toEqual([]);
    // 0.986 → 0.947 → 0.889: two falls, 0.097 in total.
    expect(await alerts(await quarters([9, 8]), "balance_drop")).toEqual([]);
  });

  it("reads its threshold and span from config", async () => {
    const dir = await quarters([4, 2]);
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${dir}/podium.config.json`, JSON.stringify({ min_group_size: 1, alerts: { balance_drop: 0.7 } }));
    expect(await alerts(dir, "balance_drop")).toEqual([]);
    await writeFile(`${dir}/podium.config.json`, JSON.stringify({ min_group_size: 1, alerts: { balance_drop_quarters: 1 } }));
    expect((await alerts(dir, "balance_drop")).map((r) => r.period)).toEqual(["FY2025-Q2", "FY2025-Q3"]);
  });
});

describe("low_two_way_share: a function where fewer than 20% both built and sold", () => {
  it("fires for functions whose people only sold (tiny Q1: inside sales p4, design p5)", async () => {
    const rows = await alerts(await driftFixture(), "low_two_way_share");
    expect(rows.map((r) => [r.period, r.group_id, r.value])).toEqual([
      ["FY2025-Q1", "design", 0],
      ["FY2025-Q1", "inside sales", 0],
    ]);
    expect(rows[0]!.message).toBe("0 of 1 people in design (0%) both built and sold in FY2025-Q1, below 20%.");
  });

  it("does not fire once they also build, nor for groups under min_group_size", async () => {
    const building = await driftFixture({ build: [{ ...item("b9", "2025-01-30", "p4", 2), contributors: ["p4", "p5"] }] });
    expect(await alerts(building, "low_two_way_share")).toEqual([]);
    expect(await alerts(await driftFixture({ config: { min_group_size: 5 } }), "low_two_way_share")).toEqual([]);
    expect(await alerts(await driftFixture({ config: { alerts: { min_two_way_share: 0 } } }), "low_two_way_share")).toEqual([]);
  });
});

describe("feedback_p90_rising: the feedback p90 rose three quarters in a row", () => {
  // FY2025-Q1 company p90 = 35.2 days (7, 32, 36). Then one item resolved per quarter, captured by p3.
  const loop = (days: [string, string][]) =>
    driftFixture({
      build: days.map(([, resolved], i) => item(`bf${i}`, resolved, "p1", 3)),
      csv: { "feedback.csv": days.map(([received, resolved], i) => `ff${i},Acme,p3,${received},Faster please,bf${i},${resolved}`) },
    });

  it("fires when the p90 rises in each of three quarters", async () => {
    // 35.2 → 50 → 60 → 70 days
    const rows = await alerts(await loop([["2025-04-01", "2025-05-21"], ["2025-07-01", "2025-08-30"], ["2025-10-01", "2025-12-10"]]), "feedback_p90_rising");
    const company = rows.filter((r) => r.group_type === "company");
    expect(company.map((r) => [r.period, r.value, r.from_period])).toEqual([["FY2025-Q4", 70, "FY2025-Q1"]]);
    expect(company[0]!.message).toBe("Sample Company's feedback p90 rose 3 quarters in a row, from 35 days in FY2025-Q1 to 70 days in FY2025-Q4.");
  });

  it("does not fire when one quarter falls back", async () => {
    // 35.2 → 50 → 60 → 55 days
    const rows = await alerts(await loop([["2025-04-01", "2025-05-21"], ["2025-07-01", "2025-08-30"], ["2025-10-01", "2025-11-25"]]), "feedback_p90_rising");
    expect(rows).toEqual([]);
  });
});

describe("missing_role: a pod lacking a template role for a whole quarter", () => {
  const template = { role_template: { support: 1 } };

  it("fires for a pod without the role on every day of the quarter (up to the as-of date, 2025-03-20)", async () => {
    const rows = await alerts(await driftFixture({ config: template }), "missing_role");
    expect(rows.map((r) => [r.period, r.group_id, r.role, r.value, r.threshold])).toEqual([["FY2025-Q1", "A", "support", 0, 1]]);
    expect(rows[0]!.message).toBe("Health had no support on any of the 79 days of FY2025-Q1 it had members (template: 1).");
  });

  it("does not fire when the role was held for part of the quarter", async () => {
    const dir = await driftFixture({ config: template, csv: { "people.csv": ["p7,Gus Hale,,support,A,2025-02-01,2025-02-20"] } });
    expect(await alerts(dir, "missing_role")).toEqual([]);
  });
});

describe("the sample company", () => {
  it("flags its drifting pod in the latest quarter", async () => {
    const rows = await withModels(new URL("../data", import.meta.url).pathname, (db) =>
      db.query<Alert>("select * from drift_alerts where period = (select period from int_periods where period_grain = 'quarter' and is_latest)"),
    );
    expect(rows.some((r) => r.rule === "balance_drop" && r.group_id === "pod-healthcare")).toBe(true);
    expect(rows.some((r) => r.rule === "missing_role" && r.group_id === "pod-emea" && r.role === "sales engineering")).toBe(true);
    expect(rows.some((r) => r.rule === "feedback_p90_rising" && r.group_id === "pod-mid-market")).toBe(true);
  });
});
