// CRM deals and sell credit. Inside and outside sales open new and expansion deals, account managers renewals,
// expansions and the churn conversations; each deal's credit is shared by up to four people, often engineers,
// designers and support (everyone sells). The improving pod's win rate climbs quarter by quarter (story 2).
import { epochSeconds, fmtStamp, pickStyle, workMoment, workdayBetween, type Moment } from "./calendar.ts";
import type { Rng } from "./random.ts";
import type { DealRecord, DealType, Fn, Person, Pod, Stage, World } from "./types.ts";
import { activeOn, activeWindow, podAt, type QuarterIndex } from "./world.ts";

const OWNERS: Partial<Record<Fn, { perQuarter: [number, number]; types: DealType[]; weights: number[] }>> = {
  "inside sales": { perQuarter: [3, 7], types: ["new", "expansion"], weights: [85, 15] },
  "outside sales": { perQuarter: [3, 5], types: ["new", "expansion"], weights: [70, 30] },
  "account management": { perQuarter: [4, 7], types: ["renewal", "expansion", "churn"], weights: [60, 25, 15] },
};
const CYCLE: Record<DealType, [number, number]> = { new: [20, 110], expansion: [15, 60], renewal: [10, 45], churn: [5, 30] };
const AMOUNT: Record<DealType, [number, number, number]> = {
  new: [28_000, 5_000, 150_000], expansion: [18_000, 5_000, 100_000], renewal: [60_000, 15_000, 250_000], churn: [35_000, 8_000, 180_000],
};
const SHARES: Record<number, readonly (readonly number[])[]> = {
  1: [[1]], 2: [[0.5, 0.5], [0.75, 0.25], [0.6, 0.4]], 3: [[0.5, 0.25, 0.25], [0.5, 0.3, 0.2]],
  4: [[0.25, 0.25, 0.25, 0.25], [0.5, 0.25, 0.125, 0.125]],
};

function contributionOf(rng: Rng, fn: Fn): string {
  switch (fn) {
    case "sales engineering": return "technical win";
    case "support": return rng.pick(["customer call", "customer call", "referral"]);
    case "marketing": return rng.pick(["sourced", "sourced", "referral"]);
    case "account management": return rng.pick(["customer call", "referral"]);
    case "inside sales": case "outside sales": return rng.pick(["sourced", "referral"]);
    default: return rng.pick(["demo", "technical win", "customer call", "referral"]);
  }
}

export interface DealOutput {
  deals: DealRecord[];
  /** Per quarter: a deal each person held credit on (recognition messages refer to it). */
  recent: Map<Person, DealRecord>[];
}

export function generateDeals(rng: Rng, world: World, index: QuarterIndex[]): DealOutput {
  const { quarters, stories, end } = world;
  const Q = quarters.length;
  const baseWin = new Map<Pod, number>(world.pods.map((p) => [p, 0.36 + 0.16 * rng.next()]));
  const quarterOf = (day: number) => quarters.findIndex((q) => q.start <= day && day <= q.end);
  const deals: (DealRecord & { seq: number })[] = [];
  const recent = quarters.map(() => new Map<Person, DealRecord>());
  const credit: number[] = [];

  for (const q of quarters) {
    const { active, members } = index[q.index]!;
    const platform = active.filter((p) => p.stints.length === 0);
    for (const owner of active) {
      const spec = OWNERS[owner.fn];
      if (!spec) continue;
      const [from, to] = activeWindow(owner, q)!;
      const n = Math.round((rng.int(...spec.perQuarter) * world.activity * (to - from + 1)) / (q.end - q.start + 1));
      for (let i = 0; i < n; i++) {
        const day = workdayBetween(rng, from, to);
        const pod = podAt(owner, day);
        const type = rng.weighted(spec.types, spec.weights);
        const [median, lo, hi] = AMOUNT[type];
        const scale = world.activity;
        let amount = Math.min(hi / scale, Math.max(lo / scale, Math.round(rng.logNormal(median / scale, 0.7) / 100) * 100));
        if (rng.chance(0.03)) amount += 0.5;
        const created: Moment = workMoment(rng, day);
        let closeDay: number | undefined = day + rng.int(...CYCLE[type]);
        if (owner.end !== undefined && closeDay > owner.end) closeDay = owner.end - day >= 3 ? rng.int(day + 3, owner.end) : undefined;
        if (type === "churn") closeDay = Math.min(closeDay ?? day, end); // a churn is always closed (lost)
        else if (closeDay !== undefined && (closeDay > end || rng.chance(0.03))) closeDay = undefined; // still open, or stalled
        let stage: Stage = "open";
        if (closeDay !== undefined) {
          const cq = quarterOf(closeDay);
          let p = type === "renewal" ? 0.86 : baseWin.get(pod!) ?? 0.42;
          if (pod === stories.improving) p = type === "renewal" ? 0.8 + 0.15 * (cq / Math.max(1, Q - 1)) : 0.2 + 0.5 * (cq / Math.max(1, Q - 1));
          if (type === "churn") stage = "lost";
          else if (pod === stories.improving) {
            // Error diffusion instead of coin flips, so the climb shows quarter after quarter.
            credit[cq] = (credit[cq] ?? rng.next()) + p;
            stage = credit[cq]! >= 1 ? "won" : "lost";
            if (stage === "won") credit[cq]! -= 1;
          } else stage = rng.chance(p) ? "won" : "lost";
        }
        const closed = closeDay === undefined ? undefined : workMoment(rng, closeDay);
        const creditDay = closeDay ?? day;
        const deal: DealRecord & { seq: number } = {
          seq: deals.length, id: "", account: rng.pick((pod ?? rng.pick(world.pods)).accounts), pod,
          tagPod: pod !== undefined && rng.chance(0.85), owner, amount, currency: rng.chance(0.6) ? "USD" : "", type, stage,
          created, createdAt: fmtStamp(created, pickStyle(rng)), closed, closedAt: closed ? fmtStamp(closed, pickStyle(rng)) : "",
          credits: [],
        };
        deals.push(deal);
        if (stage === "won" && rng.chance(0.04)) continue; // no credit rows: the owner gets it all
        const k = rng.weighted([1, 2, 3, 4], [25, 35, 28, 12]);
        const team: Person[] = [owner];
        for (let t = 0; t < 10 && team.length < k; t++) {
          const pool = pod && rng.chance(0.6) ? members.get(pod) ?? active : rng.chance(0.5) && platform.length > 0 ? platform : active;
          const c = rng.pick(pool);
          if (!team.includes(c) && activeOn(c, creditDay)) team.push(c);
        }
        const shares = rng.pick(SHARES[team.length]!);
        deal.credits = team.map((person, j) => ({
          person, share: shares[j]!,
          contribution: j === 0 ? (stage === "open" ? "sourced" : "closed") : contributionOf(rng, person.fn),
        }));
        const rq = recent[closeDay !== undefined ? quarterOf(closeDay) : q.index]!;
        for (const c of deal.credits) rq.set(c.person, deal);
      }
    }
  }
  deals.sort((a, b) => epochSeconds(a.created) - epochSeconds(b.created) || a.seq - b.seq);
  const width = Math.max(5, String(deals.length).length);
  deals.forEach((d, i) => (d.id = `d${String(i + 1).padStart(width, "0")}`));
  return { deals, recent };
}
