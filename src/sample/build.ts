// Shipped work. Each person gets a quarterly budget of build points (goal × their drive × the story factors of
// their pod); people then lead items, pulling in co-contributors (mostly pod-mates, so sellers build too) whose
// budgets still have room. Near-miss people (story 4) lead only solo items adding up to just under their goal.
import { epochSeconds, fmtStamp, pickStyle, workMoment, workdayBetween } from "./calendar.ts";
import type { Goals } from "./goals.ts";
import type { Rng } from "./random.ts";
import type { BuildRecord, Contribution, Fn, Kind, Person, Pod, World } from "./types.ts";
import { activeOn, activeWindow, podAt, podInQuarter, type QuarterIndex } from "./world.ts";

const KINDS: readonly Kind[] = ["feature", "fix", "launch", "design", "doc", "experiment"];
const KIND_WEIGHTS: Record<Fn, number[]> = {
  engineering: [40, 30, 8, 3, 7, 12], product: [25, 0, 20, 10, 20, 25], design: [15, 0, 5, 60, 10, 10],
  data: [30, 15, 0, 0, 20, 35], marketing: [0, 0, 40, 10, 30, 20], "inside sales": [0, 0, 20, 0, 45, 35],
  "outside sales": [0, 0, 20, 0, 45, 35], "account management": [0, 5, 15, 0, 50, 30],
  support: [0, 35, 0, 0, 50, 15], "sales engineering": [25, 25, 0, 0, 30, 20],
};
const POINTS: Record<Kind, readonly number[]> = {
  feature: [5, 8, 8, 13, 13, 21], fix: [1, 2, 2, 3, 5], launch: [5, 5, 8, 13], design: [3, 3, 5, 8],
  doc: [1, 2, 3], experiment: [3, 3, 5, 8],
};
const SELL_SIDE = new Set<Fn>(["marketing", "inside sales", "outside sales", "account management", "support", "sales engineering"]);
const DEFAULT_POINTS: Record<Kind, number> = { feature: 8, fix: 2, launch: 5, design: 3, doc: 1, experiment: 3 };
const SHARES: Record<number, readonly (readonly number[])[]> = {
  2: [[0.5, 0.5], [0.6, 0.4], [0.7, 0.3], [0.75, 0.25]],
  3: [[0.5, 0.25, 0.25], [0.5, 0.3, 0.2]],
  4: [[0.25, 0.25, 0.25, 0.25], [0.5, 0.25, 0.125, 0.125]],
};

const AREAS = ["billing", "onboarding", "SSO", "reporting", "the mobile app", "search", "notifications", "the audit log",
  "the public API", "the admin console", "invoicing", "dashboards", "the CRM sync", "permissions", "data import", "exports",
  "the scheduler", "checkout", "the help center", "usage analytics"];
const FEATURES = ["bulk edit", "saved views", "CSV export", "an audit trail", "role-based access", "dark mode", "webhooks",
  "custom fields", "scheduled reports", "two-factor login", "usage alerts", "keyboard shortcuts", "offline mode",
  "comment threads", "approval flows", "smart filters", "multi-currency totals", "a Slack integration"];
const BUGS = ["timeouts on large uploads", "duplicate emails", "a time zone off-by-one", "slow first load", "broken pagination",
  "currency rounding", "a stale cache", "a login loop on Safari", "missing rows after import", "a race in retries",
  "wrong totals after refunds", "a memory leak"];
const LAUNCHES = ["the compliance pack", "the partner portal", "usage-based pricing", "the onboarding academy",
  "the new pricing page", "the ROI calculator", "the customer community", "the status page", "the migration service"];
const SCREENS = ["home screen", "settings", "empty states", "navigation", "forms", "charts", "error pages", "sign-up flow"];
const DOCS = ["a setup guide", "a migration playbook", "an FAQ", "the API reference", "a one-pager", "a troubleshooting guide",
  "a case study", "release notes", "a battlecard", "a security overview"];
const EXPERIMENTS = ["an annual-plan discount at checkout", "in-app trial nudges", "a shorter sign-up form",
  "a usage digest email", "a guided first project", "a pricing page with three tiers", "live chat on the docs",
  "a referral credit", "a product tour video", "a win-back email"];

function title(rng: Rng, kind: Kind, pod: Pod | undefined): string {
  const area = rng.pick(AREAS);
  const where = pod && pod.orientation !== "general" ? pod.short : "all customers";
  switch (kind) {
    case "feature": return `Add ${rng.pick(FEATURES)} to ${area}`;
    case "fix": return `Fix ${rng.pick(BUGS)} in ${area}`;
    case "launch": return `Launch ${rng.pick(LAUNCHES)} for ${where}`;
    case "design": return `Redesign ${area} ${rng.pick(SCREENS)}`;
    case "doc": return `Write ${rng.pick(DOCS)} for ${area}`;
    case "experiment": return `Test ${rng.pick(EXPERIMENTS)}${pod && pod.orientation !== "general" ? ` with ${pod.short} accounts` : ""}`;
  }
}

export interface BuildOutput {
  items: BuildRecord[];
  /** Per quarter: the latest item each person worked on (recognition messages refer to it). */
  recent: Map<Person, BuildRecord>[];
}

export function generateBuild(rng: Rng, world: World, index: QuarterIndex[], goals: Goals): BuildOutput {
  const { quarters, stories } = world;
  const Q = quarters.length;
  const items: (BuildRecord & { seq: number })[] = [];
  const recent: Map<Person, BuildRecord>[] = [];
  const rotating = new Map(stories.rotation.map((r) => [r.person, r.quarter]));

  for (const q of quarters) {
    const { active, members } = index[q.index]!;
    const latest = new Map<Person, BuildRecord>();
    recent.push(latest);
    const rem = new Map<Person, number>();
    const exact = new Set<Person>(q.index === Q - 1 ? stories.nearMiss : []);
    for (const p of active) {
      const goal = goals.build(p, q.index) ?? 0;
      if (exact.has(p)) {
        const lo = Math.ceil(0.86 * goal);
        rem.set(p, lo + rng.int(0, Math.max(0, Math.floor(0.98 * goal) - lo)));
        continue;
      }
      // Not everyone builds every quarter: some sellers ship nothing (and so leave their commission locked).
      if (SELL_SIDE.has(p.fn) && rotating.get(p) !== q && rng.chance(0.12)) {
        rem.set(p, 0);
        continue;
      }
      const pod = podInQuarter(p, q);
      let factor = Math.min(1.7, Math.max(0.35, p.drive * rng.normal(1, 0.14)));
      const late = q.index - (Q - 4);
      if (pod === stories.drift && late >= 0) factor *= [0.92, 0.62, 0.4, 0.24][late]!;
      if (pod === stories.improving) factor *= 0.7 + (0.65 * q.index) / Math.max(1, Q - 1);
      if (rotating.get(p) === q) factor = 2.2 * p.drive; // a quarter on the build side
      rem.set(p, goal * factor);
    }
    const platform = active.filter((p) => !podInQuarter(p, q));

    const findPartner = (day: number, pool: readonly Person[], taken: Person[], need: number): Person | undefined => {
      for (let t = 0; t < 8 && pool.length > 0; t++) {
        const c = rng.pick(pool);
        if (taken.includes(c) || exact.has(c) || !activeOn(c, day) || (rem.get(c) ?? 0) < need) continue;
        return c;
      }
      return undefined;
    };

    for (const lead of rng.shuffle(active)) {
      const [from, to] = activeWindow(lead, q)!;
      const solo = exact.has(lead);
      while ((rem.get(lead) ?? 0) >= (solo ? 1 : 0.75)) {
        const left = rem.get(lead)!;
        const day = workdayBetween(rng, from, to);
        const pod = podAt(lead, day);
        const kind = rng.weighted(KINDS, KIND_WEIGHTS[lead.fn]);
        let points = rng.pick(POINTS[kind]);
        let k = solo ? 1 : rng.weighted([1, 2, 3, 4], lead.fn === "engineering" ? [30, 40, 20, 10] : [45, 35, 15, 5]);
        const team: Person[] = [lead];
        let shares = k === 1 ? [1] : rng.pick(SHARES[k]!);
        for (let i = 1; i < k; i++) {
          const pool = pod && rng.chance(0.7) ? members.get(pod) ?? active : !pod && rng.chance(0.7) ? platform : active;
          const c = findPartner(day, pool, team, points * shares[i]!);
          if (c) team.push(c);
        }
        k = team.length;
        const equal = k > 1 && rng.chance(0.55);
        shares = k === 1 ? [1] : equal ? team.map(() => 1 / k) : rng.pick(SHARES[k]!);
        if (solo) points = Math.min(points, Math.floor(left));
        else if (points * shares[0]! > left + 1.5) points = Math.max(1, Math.round(left / shares[0]!));
        const at = workMoment(rng, day);
        const contributors: Contribution[] = team.map((person, i) => ({ person, share: shares[i]! }));
        const record: BuildRecord & { seq: number } = {
          seq: items.length, id: "", title: title(rng, kind, pod), kind, at, shippedAt: fmtStamp(at, pickStyle(rng)),
          points, omitPoints: points === DEFAULT_POINTS[kind] && rng.chance(0.45), contributors, equalSplit: equal || k === 1,
          pod, tagPod: pod !== undefined && rng.chance(0.7),
        };
        items.push(record);
        for (const c of contributors) {
          rem.set(c.person, (rem.get(c.person) ?? 0) - points * c.share);
          latest.set(c.person, record);
        }
      }
    }
  }

  items.sort((a, b) => epochSeconds(a.at) - epochSeconds(b.at) || a.seq - b.seq);
  const width = Math.max(5, String(items.length).length);
  items.forEach((it, i) => (it.id = `b${String(i + 1).padStart(width, "0")}`));
  return { items, recent };
}
