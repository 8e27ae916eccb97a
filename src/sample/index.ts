// The sample company "Northwind Labs": a deterministic, seeded generator of every input file Podium reads.
// Same options → byte-identical files: no clock, no Math.random, no locale; history is fixed to the quarters
// ending 2026-09-30.
//
// Stories a reader can find in the default data (250 people, 8 quarters, seed 42; pod ids follow the pod catalog in
// pods.ts, so they are the same for any seed with 5+ pods; the CLI prints who carries each story):
//  1. Drifting out of balance: pod-healthcare. Its members' build budgets fall over the last four quarters
//     (×0.92, ×0.62, ×0.40, ×0.24) while its deals keep coming. Default data: build points per head 13.1 → 9.6 →
//     6.3 → 4.2 and pod balance 0.89 → 0.50 → 0.38 → 0.27 from FY2025-Q4 to FY2026-Q3.
//  2. Improving: pod-fintech. Build budgets ramp from ×0.70 to ×1.35 and its win probability from 20% to 70%
//     (outcomes by error diffusion, not coin flips). Default data: points per head 9.3 → 19.5 and win rate
//     0.23 → 0.70, rising every quarter.
//  3. Missing a role: pod-emea loses its only sales engineer early in the fourth-last quarter and never replaces
//     them: no sales engineer in FY2026-Q1..Q3 (role template: 1 sales engineering).
//  4. Just under the unlock: about people/35 people (7 by default: p0021 p0023 p0088 p0118 p0130 p0137 p0210) end
//     the latest quarter at 86-98% of their build goal, from solo items so the figure is exact.
//  5. Slower feedback loop: pod-mid-market. Days from received to resolved grow by received quarter; default data:
//     median by resolved quarter 14 → 81 days, rising every quarter.
//  Also: pod-retail is formed mid-history (formed_at = start of the middle quarter; three sellers move in, the rest are
//  hired that day); a "Build Rotation <year>" cohort of up to six sellers spends one quarter each in pod-core, in two
//  waves; a few people move between pods (one membership closes, the next opens the next day); leavers are replaced
//  after a gap; a few unsung givers give recognition every quarter and are never mentioned; two messages mention
//  their own giver.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dayNumber, fmtDate, quartersEnding } from "./calendar.ts";
import { generateBuild } from "./build.ts";
import { generateDeals } from "./deals.ts";
import { generateFeedback } from "./feedback.ts";
import { createGoals } from "./goals.ts";
import { COMPANY } from "./names.ts";
import { createOrg } from "./org.ts";
import { createRng } from "./random.ts";
import { generateRecognition } from "./recognition.ts";
import type { Person, World } from "./types.ts";
import { activeWindow, indexQuarters, podInQuarter } from "./world.ts";
import { fmtNumber, writeCsv, writeJsonArray, writeJsonl } from "./write.ts";

export interface SampleOptions {
  people?: number;
  quarters?: number;
  seed?: number | string;
  /** Deals, shout-outs and feedback per person per quarter, times this (default 1, the bundled sample's level); deal
   * amounts are divided by it, so sell totals stay comparable. Build items follow goals and do not scale. */
  activity?: number;
  out?: string;
}

export const HISTORY_END = dayNumber(2026, 9, 30);

export interface SampleSummary {
  out: string;
  rows: Record<string, number>;
  stories: Record<string, string | string[]>;
}

export function buildWorld(options: SampleOptions = {}): World {
  const total = options.people ?? 250;
  const count = options.quarters ?? 8;
  if (!Number.isInteger(total) || total < 40) throw new Error("--people must be a whole number of at least 40");
  if (!Number.isInteger(count) || count < 1 || count > 40) throw new Error("--quarters must be a whole number from 1 to 40");
  const activity = options.activity ?? 1;
  if (!(activity >= 1 && activity <= 20)) throw new Error("--activity must be a number from 1 to 20");
  const seed = String(options.seed ?? 42);
  const rng = createRng(`podium-sample:${seed}`);
  const quarters = quartersEnding(HISTORY_END, count);
  const org = createOrg(rng.fork("org"), total, quarters);
  const last = quarters[quarters.length - 1]!;
  const pick = rng.fork("stories");
  const steady = org.people.filter((p) => p.start < quarters[0]!.start && p.end === undefined);
  const unsung = pick.shuffle(steady).slice(0, Math.max(2, Math.round(total / 60)));
  const world: World = {
    seed, activity, quarters, start: quarters[0]!.start, end: last.end, pods: org.pods, people: org.people,
    stories: { ...org.stories, unsung, nearMiss: [] },
  };
  return world;
}

export function generateSample(options: SampleOptions = {}): SampleSummary {
  const out = options.out ?? "data";
  const world = buildWorld(options);
  const { quarters, stories } = world;
  const rng = createRng(`podium-sample:${world.seed}`);
  const index = indexQuarters(world.people, quarters);
  const goals = createGoals(rng.fork("goals"), world);

  // Story 4: people employed all of the latest quarter, outside the drifting pod, goal of at least 8 points.
  const last = quarters[quarters.length - 1]!;
  const unsung = new Set(stories.unsung);
  const nearPool = index[last.index]!.active.filter((p) =>
    p.start <= last.start && p.end === undefined && !unsung.has(p) && (goals.build(p, last.index) ?? 0) >= 8 &&
    podInQuarter(p, last) !== stories.drift);
  stories.nearMiss = rng.fork("near-miss").shuffle(nearPool).slice(0, Math.max(3, Math.round(world.people.length / 35)));

  const build = generateBuild(rng.fork("build"), world, index, goals);
  const deals = generateDeals(rng.fork("deals"), world, index);
  const recognition = generateRecognition(rng.fork("recognition"), world, index, build.recent, deals.recent);
  const feedback = generateFeedback(rng.fork("feedback"), world, index, build.items);

  mkdirSync(out, { recursive: true });
  const f = (name: string) => join(out, name);
  const rows: Record<string, number> = {};
  const byId = world.people.slice().sort((a, b) => (a.id < b.id ? -1 : 1));
  const lastPod = (p: Person) => p.stints[p.stints.length - 1]?.pod.id;

  rows["people.csv"] = writeCsv(f("people.csv"), ["person_id", "name", "email", "function", "pod_id", "start_date", "end_date"],
    byId.map((p) => [p.id, p.name, p.email, p.fn, lastPod(p), fmtDate(p.start), p.end === undefined ? undefined : fmtDate(p.end)]));
  rows["pods.csv"] = writeCsv(f("pods.csv"), ["pod_id", "name", "orientation", "focus", "formed_at"],
    world.pods.map((p) => [p.id, p.name, p.orientation, p.focus, fmtDate(p.formed)]));
  rows["memberships.csv"] = writeCsv(f("memberships.csv"), ["person_id", "pod_id", "from", "to", "rotation"],
    byId.flatMap((p) => p.stints.map((s) => [p.id, s.pod.id, fmtDate(s.from), s.to === undefined ? undefined : fmtDate(s.to), s.rotation])));
  rows["build.jsonl"] = writeJsonl(f("build.jsonl"), build.items.map((it) => ({
    id: it.id, title: it.title, kind: it.kind, shipped_at: it.shippedAt,
    ...(it.omitPoints ? {} : { points: it.points }),
    contributors: it.equalSplit ? it.contributors.map((c) => c.person.id) : it.contributors.map((c) => ({ person_id: c.person.id, share: c.share })),
    ...(it.tagPod && it.pod ? { pod_id: it.pod.id } : {}),
  })));
  rows["deals.csv"] = writeCsv(f("deals.csv"),
    ["deal_id", "account", "pod_id", "owner_id", "amount", "currency", "type", "stage", "created_at", "closed_at"],
    deals.deals.map((d) => [d.id, d.account, d.tagPod ? d.pod?.id : undefined, d.owner.id, d.amount, d.currency, d.type, d.stage, d.createdAt, d.closedAt]));
  rows["deal_credits.csv"] = writeCsv(f("deal_credits.csv"), ["deal_id", "person_id", "contribution", "share"],
    deals.deals.flatMap((d) => d.credits.map((c) => [d.id, c.person.id, c.contribution, c.share])));
  rows["recognition.json"] = writeJsonArray(f("recognition.json"), recognition.map((m) => ({
    type: "message", client_msg_id: m.id, user: m.giver.id, ts: m.ts, text: m.text,
  })));
  rows["feedback.csv"] = writeCsv(f("feedback.csv"),
    ["feedback_id", "account", "captured_by", "received_at", "summary", "resolved_by", "resolved_at"],
    feedback.map((x) => [x.id, x.account, x.capturedBy.id, x.receivedAt, x.summary, x.resolvedBy?.id, x.resolvedBy?.shippedAt]));
  rows["goals.csv"] = writeCsv(f("goals.csv"), ["person_id", "period", "build_goal", "sell_goal"],
    goals.rows().sort((a, b) => (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0)).map((g) => [g.person.id, g.period, g.build, g.sell]));
  const config = { company_name: COMPANY.name, timezone: "America/New_York", fiscal_year_start_month: 1 };
  writeFileSync(f("podium.config.json"), `${JSON.stringify(config, null, 2)}\n`);

  const ids = (people: readonly Person[]) => people.map((p) => p.id).sort();
  return {
    out,
    rows,
    stories: {
      drifting: stories.drift.id, improving: stories.improving.id, missing_role: `${stories.missingRole.id} (sales engineering)`,
      slower_feedback: stories.slowFeedback.id, formed_mid_history: `${stories.formed.id} on ${fmtDate(stories.formed.formed)}`,
      rotation: stories.rotation.map((r) => `${r.person.id} in ${r.quarter.label}`), rotation_host: stories.core.id,
      near_unlock: ids(stories.nearMiss), unsung_givers: ids(stories.unsung),
      employed_latest_quarter: fmtNumber(world.people.filter((p) => activeWindow(p, last)).length),
    },
  };
}
