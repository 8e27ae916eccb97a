// Customer feedback and the build item that resolved it. Support, account managers and sales engineers capture
// most of it; about two thirds is resolved by a later shipped item. In the slow-feedback pod (story 5) the time from
// received to resolved grows quarter by quarter.
import { epochSeconds, fmtStamp, pickStyle, workMoment, workdayBetween, type Moment } from "./calendar.ts";
import type { Rng } from "./random.ts";
import type { BuildRecord, Fn, Person, Pod, World } from "./types.ts";
import { activeWindow, podAt, type QuarterIndex } from "./world.ts";

export interface FeedbackRecord {
  id: string;
  account: string;
  capturedBy: Person;
  at: Moment;
  receivedAt: string;
  summary: string;
  resolvedBy: BuildRecord | undefined;
}

const CAPTURE_WEIGHT: Record<Fn, number> = {
  support: 5, "account management": 4, "sales engineering": 3, "outside sales": 2, "inside sales": 2, product: 2,
  marketing: 1, design: 1, engineering: 0.6, data: 0.5,
};
const ASKS = ["bulk edit", "saved views", "a CSV export", "an audit trail", "role-based access", "webhooks", "custom fields",
  "scheduled reports", "two-factor login", "usage alerts", "approval flows", "multi-currency totals", "a Slack integration",
  "SAML single sign-on", "a sandbox environment", "API rate limits they can see"];
const AREAS = ["billing", "onboarding", "reporting", "the mobile app", "search", "notifications", "the admin console",
  "invoicing", "dashboards", "the CRM sync", "permissions", "data import", "exports", "checkout"];
const PROBLEMS = ["timeouts on large uploads", "duplicate notification emails", "dates shown a day off", "slow dashboards",
  "broken pagination", "rounding differences on invoices", "missing rows after an import", "logouts every hour"];
const TEMPLATES = [
  "Asks for {ask} in {area}", "Needs {ask} before rolling out to more teams", "Would expand seats if {area} had {ask}",
  "Reports {problem} in {area}", "Frustrated by {problem}; wants a fix date", "Confused by {area}; asked for a clearer setup guide",
  "Procurement requires {ask} to sign", "Champion asked for {ask} after the quarterly review",
];

function firstAtOrAfter(items: readonly BuildRecord[], day: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.at.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `items` must be sorted by ship time (as generateBuild returns them). */
export function generateFeedback(rng: Rng, world: World, index: QuarterIndex[], items: readonly BuildRecord[]): FeedbackRecord[] {
  const { quarters, stories } = world;
  const Q = quarters.length;
  const byPod = new Map<Pod, BuildRecord[]>();
  for (const it of items) if (it.pod) (byPod.get(it.pod) ?? byPod.set(it.pod, []).get(it.pod)!).push(it);
  const out: (FeedbackRecord & { seq: number })[] = [];

  for (const q of quarters) {
    const { active } = index[q.index]!;
    if (active.length === 0) continue;
    const cum: number[] = [];
    let total = 0;
    for (const p of active) cum.push((total += CAPTURE_WEIGHT[p.fn]));
    for (let n = Math.round(active.length * 0.4 * world.activity); n > 0; n--) {
      const r = rng.next() * total;
      let lo = 0;
      for (let hi = cum.length - 1; lo < hi; ) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! > r) hi = mid;
        else lo = mid + 1;
      }
      const capturedBy = active[lo]!;
      const [from, to] = activeWindow(capturedBy, q)!;
      const at = workMoment(rng, workdayBetween(rng, from, to));
      const pod = podAt(capturedBy, at.day);
      const summary = rng.pick(TEMPLATES).replace("{ask}", rng.pick(ASKS)).replace("{area}", rng.pick(AREAS)).replace("{problem}", rng.pick(PROBLEMS));
      let resolvedBy: BuildRecord | undefined;
      if (rng.chance(0.72)) {
        const slow = pod === stories.slowFeedback;
        const days = slow ? rng.logNormal(8 + (85 * q.index) / Math.max(1, Q - 1), 0.2) : rng.logNormal(18, 0.6);
        const target = at.day + Math.max(1, Math.round(days));
        for (const list of [pod ? byPod.get(pod) ?? [] : [], items]) {
          const i = firstAtOrAfter(list, target) + rng.int(0, 2);
          if (i < list.length) {
            resolvedBy = list[i];
            break;
          }
        }
      }
      out.push({
        seq: out.length, id: "", account: rng.pick((pod ?? rng.pick(world.pods)).accounts), capturedBy, at,
        receivedAt: fmtStamp(at, pickStyle(rng)), summary, resolvedBy,
      });
    }
  }
  out.sort((a, b) => epochSeconds(a.at) - epochSeconds(b.at) || a.seq - b.seq);
  const width = Math.max(5, String(out.length).length);
  out.forEach((f, i) => (f.id = `f${String(i + 1).padStart(width, "0")}`));
  return out;
}
