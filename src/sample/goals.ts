// Quarterly goals: a build goal in points for every person in every quarter they are employed (builders higher,
// prorated for partial quarters) and an informational sell goal.
import type { Rng } from "./random.ts";
import type { Fn, Person, World } from "./types.ts";
import { activeWindow } from "./world.ts";

const BUILD_GOAL: Record<Fn, [number, number]> = {
  engineering: [20, 40], data: [18, 30], design: [16, 28], product: [14, 24],
  marketing: [6, 12], "inside sales": [6, 10], "outside sales": [6, 10], "account management": [6, 10],
  support: [8, 12], "sales engineering": [8, 12],
};
const SELL_GOAL: Record<Fn, [number, number]> = {
  engineering: [10_000, 25_000], data: [10_000, 25_000], design: [10_000, 25_000], product: [15_000, 40_000],
  marketing: [50_000, 100_000], "inside sales": [150_000, 250_000], "outside sales": [200_000, 400_000],
  "account management": [250_000, 450_000], support: [30_000, 60_000], "sales engineering": [100_000, 200_000],
};

export interface Goals {
  /** Build goal of a person in a quarter (by quarter index), undefined when not employed in it. */
  build(p: Person, quarter: number): number | undefined;
  rows(): { person: Person; period: string; build: number; sell: number }[];
}

export function createGoals(rng: Rng, world: World): Goals {
  const goals = new Map<Person, { build: (number | undefined)[]; sell: number }>();
  for (const p of world.people) {
    const [lo, hi] = BUILD_GOAL[p.fn];
    const base = lo + 2 * rng.int(0, (hi - lo) / 2);
    const [slo, shi] = SELL_GOAL[p.fn];
    const sell = slo + 5000 * rng.int(0, (shi - slo) / 5000);
    const build = world.quarters.map((q) => {
      const w = activeWindow(p, q);
      if (!w) return undefined;
      const raised = q.year >= 2026 ? Math.round(base * 1.1) : base; // goals went up 10% in FY2026
      const fraction = (w[1] - w[0] + 1) / (q.end - q.start + 1);
      return Math.max(2, Math.round(raised * fraction));
    });
    goals.set(p, { build, sell });
  }
  return {
    build: (p, q) => goals.get(p)?.build[q],
    rows: () => {
      const out: ReturnType<Goals["rows"]> = [];
      for (const p of world.people) {
        const g = goals.get(p)!;
        g.build.forEach((b, i) => {
          if (b !== undefined) out.push({ person: p, period: world.quarters[i]!.label, build: b, sell: g.sell });
        });
      }
      return out;
    },
  };
}
