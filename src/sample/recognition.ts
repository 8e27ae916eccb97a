// Shout-outs as a Slack #kudos export. Givers are drawn by generosity; recipients are pod-mates, people they
// recently built or sold with, or anyone (so much of it crosses functions and pods). Unsung givers give often and
// are never mentioned; two messages mention their own giver (the pipeline must drop and report those pairs).
import { epochSeconds, pad, workMoment, workdayBetween, type Moment } from "./calendar.ts";
import type { Rng } from "./random.ts";
import type { BuildRecord, DealRecord, Person, World } from "./types.ts";
import { activeOn, activeWindow, podAt, type QuarterIndex } from "./world.ts";

export interface RecognitionRecord {
  id: string;
  giver: Person;
  at: Moment;
  ts: string;
  text: string;
}

const OPENERS = ["Huge thanks to {R}", "Shout-out to {R}", "Big kudos to {R}", "Can we all appreciate {R}",
  "So grateful to {R}", "Calling out {R}", "A round of applause for {R}", "Hat tip to {R}", "Sending thanks to {R}",
  "Endless gratitude to {R}", "{R}, you are stars", "Kudos to {R}"];
const DEAL_NEW = ["for jumping on the {A} discovery call on short notice", "for the demo that turned {A} around",
  "for the technical deep-dive with {A}", "for prepping the {A} security review in a day",
  "for the follow-up notes after the {A} call", "for bringing {A} in through a referral", "for answering every question {A} threw at us"];
const DEAL_RENEWAL = ["for jumping on the {A} renewal call", "for rescuing the {A} renewal", "for the honest exit conversation with {A}",
  "for the {A} business review the customer called the best they had all year", "for turning the {A} escalation into a renewal"];
const BUILD = ["for shipping “{T}” ahead of schedule", "for “{T}”: it unblocked {A}", "for pairing with me on “{T}”",
  "for the careful review on “{T}”", "for sticking with “{T}” until it was right", "for “{T}”; {A} noticed within a day",
  "for turning customer notes into “{T}”"];
const GENERIC = ["for covering my support queue while I was out", "for the crisp onboarding session with our new hires",
  "for answering every question in the help-sales channel", "for the thoughtful review of my first pull request",
  "for organizing the pod offsite", "for turning a messy spreadsheet into a dashboard everyone uses",
  "for mentoring me through my first renewal", "for staying calm during the outage and keeping customers posted",
  "for the lunch-and-learn on the public API", "for the pricing cheat sheet the whole team now uses",
  "for making the quarterly planning doc readable"];
const CLOSERS = ["", " 🙌", "!", " — you made it look easy.", ". Thank you!", " 🎉", ". Legends.", " 💪"];

function mentions(ids: string[]): string {
  const m = ids.map((id) => `<@${id}>`);
  return m.length === 1 ? m[0]! : `${m.slice(0, -1).join(", ")} and ${m[m.length - 1]}`;
}

/** Cumulative weights for O(log n) weighted picks over large lists. */
function weightedPicker(rng: Rng, people: readonly Person[], weight: (p: Person) => number): () => Person {
  const cum: number[] = [];
  let total = 0;
  for (const p of people) cum.push((total += weight(p)));
  return () => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return people[lo]!;
  };
}

export function generateRecognition(
  rng: Rng, world: World, index: QuarterIndex[], builds: Map<Person, BuildRecord>[], deals: Map<Person, DealRecord>[],
): RecognitionRecord[] {
  const { quarters, stories } = world;
  const unsung = new Set(stories.unsung);
  const selfMentionQuarters = new Set([Math.max(0, quarters.length - 3), quarters.length - 1]);
  const out: (RecognitionRecord & { seq: number })[] = [];

  for (const q of quarters) {
    const { active, members } = index[q.index]!;
    if (active.length < 2) continue;
    const pickGiver = weightedPicker(rng, active, (p) => (unsung.has(p) ? 0 : p.generosity));
    const givers: Person[] = [];
    for (const u of stories.unsung) if (activeWindow(u, q)) for (let i = Math.round(rng.int(3, 5) * world.activity); i > 0; i--) givers.push(u);
    for (let i = Math.round(active.length * 1.2 * world.activity); i > 0; i--) givers.push(pickGiver());
    let selfMention = selfMentionQuarters.has(q.index);

    for (const giver of givers) {
      const [from, to] = activeWindow(giver, q)!;
      const day = workdayBetween(rng, from, to);
      const pod = podAt(giver, day);
      const known = [...(builds[q.index]!.get(giver)?.contributors.map((c) => c.person) ?? []), ...(deals[q.index]!.get(giver)?.credits.map((c) => c.person) ?? [])];
      const want = rng.weighted([1, 2, 3], [60, 28, 12]);
      const to_: Person[] = [];
      for (let t = 0; t < 12 && to_.length < want; t++) {
        const r = rng.next();
        const pool = r < 0.35 && pod ? members.get(pod) ?? active : r < 0.65 && known.length > 0 ? known : active;
        const c = rng.pick(pool);
        if (c !== giver && !unsung.has(c) && !to_.includes(c) && activeOn(c, day)) to_.push(c);
      }
      if (to_.length === 0) continue;
      if (selfMention && !unsung.has(giver)) {
        to_.push(giver);
        selfMention = false;
      }
      const first = to_[0]!;
      const build = builds[q.index]!.get(first);
      const deal = deals[q.index]!.get(first);
      const account = rng.pick((podAt(first, day) ?? rng.pick(world.pods)).accounts);
      const r = rng.next();
      let action: string;
      let value: string;
      if (deal && r < 0.4) {
        const renewalish = deal.type === "renewal" || deal.type === "churn";
        action = rng.pick(renewalish ? DEAL_RENEWAL : DEAL_NEW).replace("{A}", deal.account);
        value = rng.chance(0.75) ? "customer-first" : "one-team";
      } else if (build && r < 0.8) {
        action = rng.pick(BUILD).replace("{T}", build.title).replace("{A}", account);
        value = rng.pick(["ship-it", "ship-it", "ownership", "craft"]);
      } else {
        action = rng.pick(GENERIC);
        value = rng.pick(["one-team", "one-team", "ownership", "customer-first"]);
      }
      const text = `${rng.pick(OPENERS).replace("{R}", mentions(to_.map((p) => p.id)))} ${action}${rng.pick(CLOSERS)} #${value}`;
      const at = workMoment(rng, day);
      const ts = `${epochSeconds(at)}.${pad(rng.int(1, 9999) * 100, 6)}`;
      out.push({ seq: out.length, id: "", giver, at, ts, text });
    }
  }
  out.sort((a, b) => epochSeconds(a.at) - epochSeconds(b.at) || (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0) || a.seq - b.seq);
  const width = Math.max(5, String(out.length).length);
  out.forEach((m, i) => (m.id = `r${String(i + 1).padStart(width, "0")}`));
  return out;
}
