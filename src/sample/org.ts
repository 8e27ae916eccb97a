// People and pod memberships. Every pod starts from the role template plus 1-4 builders; each slot is a chain of
// occupants over time (leavers replaced after a gap, planned moves to other pods, one slot left empty for the
// missing-role story). People outside pods (platform engineering, product, design, data, a few central sellers) fill
// the rest of the headcount. A rotation cohort then spends one quarter each in the core pod.
import type { Quarter } from "./calendar.ts";
import { nameFactory } from "./names.ts";
import { TEMPLATE, createPods, podCount } from "./pods.ts";
import type { Rng } from "./random.ts";
import type { Fn, Person, Pod, Stint, Stories } from "./types.ts";

const BUILDERS: readonly Fn[] = ["engineering", "engineering", "design", "product", "data"];
const OUTSIDE: readonly Fn[] = [
  "engineering", "product", "design", "data", "marketing", "support", "inside sales", "account management", "outside sales", "sales engineering",
];
const OUTSIDE_WEIGHTS = [56, 10, 9, 9, 6, 4, 2, 2, 1, 1];
const LEAVE_PER_QUARTER = 0.02;

interface Move {
  day: number;
  dest: Pod;
}

export interface Org {
  pods: Pod[];
  people: Person[];
  stories: Omit<Stories, "nearMiss" | "unsung">;
}

export function createOrg(rng: Rng, total: number, quarters: readonly Quarter[]): Org {
  const start = quarters[0]!.start;
  const end = quarters[quarters.length - 1]!.end;
  const Q = quarters.length;
  const formedDay = quarters[Math.floor(Q / 2)]!.start;
  const pods = createPods(rng.fork("pods"), podCount(total), start, formedDay);
  const P = pods.length;
  // With few pods, stories share pods; they never land on the pod formed mid-history.
  const storyPod = (k: number): Pod => pods[k < P - 1 ? k : P > 2 ? 1 + ((k - 1) % (P - 2)) : 0]!;
  const core = pods[0]!;
  const formed = pods[P - 1]!;
  const [drift, improving, missingRole, slowFeedback] = [storyPod(1), storyPod(2), storyPod(3), storyPod(4)];
  const missingDay = quarters[Math.max(0, Q - 4)]!.start + rng.int(0, 20);

  const nextName = nameFactory(rng.fork("names"));
  const people: Person[] = [];
  const hire = (fn: Fn, day: number): Person => {
    const { name, email } = nextName();
    const p: Person = {
      key: people.length, id: "", name, email, fn, start: day, end: undefined, stints: [],
      drive: Math.min(1.4, Math.max(0.7, rng.normal(1.04, 0.13))),
      generosity: rng.logNormal(1, 0.6),
    };
    people.push(p);
    return p;
  };
  const preHistoryStart = () => rng.int(start - 6 * 365, start - 1);
  const leaveDay = (from: number): number | undefined => {
    const quartersLeft = Math.max(0, (end - Math.max(from, start)) / 91);
    if (!rng.chance(1 - (1 - LEAVE_PER_QUARTER) ** quartersLeft)) return undefined;
    const d = rng.int(Math.max(from + 45, start), end);
    return d <= end - 1 ? d : undefined;
  };

  // Slots per pod; the core pod keeps 1-2 builders so the rotation cohort fits within 14 members.
  const slots = pods.map((pod) => [...TEMPLATE, ...Array.from({ length: pod === core ? rng.int(1, 2) : rng.int(1, 4) }, () => rng.pick(BUILDERS))]);

  // Planned moves: three sellers seed the pod formed mid-history; a few others move between existing pods.
  const plans = new Map<string, Move>();
  const ordinary = pods.filter((p) => p !== core && p !== formed);
  const quiet = ordinary.filter((p) => ![drift, improving, missingRole, slowFeedback].includes(p));
  const seedFrom = quiet.length > 0 ? quiet : ordinary;
  if (formed !== core && seedFrom.length > 0) {
    for (const role of ["inside sales", "outside sales", "support"] as const) {
      const pod = rng.pick(seedFrom);
      const slot = slots[pod.index]!.indexOf(role);
      plans.set(`${pod.index}:${slot}`, { day: formedDay - 1, dest: formed });
    }
  }
  const incoming = new Set<Pod>();
  const movable = ordinary.filter((p) => p !== missingRole);
  for (let i = 0; i < Math.max(1, Math.round(total / 50)) && movable.length > 1; i++) {
    const from = rng.pick(movable);
    const slot = rng.int(0, slots[from.index]!.length - 1);
    const dests = movable.filter((p) => p !== from && !incoming.has(p) && slots[p.index]!.length <= 12);
    if (dests.length === 0 || plans.has(`${from.index}:${slot}`)) continue;
    const dest = rng.pick(dests);
    incoming.add(dest);
    plans.set(`${from.index}:${slot}`, { day: rng.int(start + 30, end - 60), dest });
  }

  const seeds = new Map<string, Person[]>(); // role → movers waiting to start in the formed pod
  const fillSlot = (pod: Pod, slot: number, role: Fn) => {
    const waiting = pod === formed ? seeds.get(role) : undefined;
    let occupant = waiting?.shift() ?? hire(role, pod === formed ? formedDay : preHistoryStart());
    let from = Math.max(occupant.start, pod.formed);
    for (let first = true; ; first = false) {
      const plan = first ? plans.get(`${pod.index}:${slot}`) : undefined;
      const vacated = first && pod === missingRole && role === "sales engineering" && missingDay > from;
      const day = plan ? plan.day : vacated ? missingDay : leaveDay(from);
      if (day === undefined) {
        occupant.stints.push({ pod, from, to: undefined, rotation: undefined });
        return;
      }
      occupant.stints.push({ pod, from, to: day, rotation: undefined });
      if (plan) {
        if (plan.dest === formed) seeds.set(role, [...(seeds.get(role) ?? []), occupant]);
        else occupant.stints.push({ pod: plan.dest, from: day + 1, to: undefined, rotation: undefined });
      } else occupant.end = day;
      if (vacated) return; // never replaced: the pod lacks a sales engineer from here on
      const next = day + rng.int(14, 60);
      if (next > end - 7) return;
      occupant = hire(role, next);
      from = next;
    }
  };
  for (const pod of pods) slots[pod.index]!.forEach((role, i) => fillSlot(pod, i, role));

  // People outside any pod.
  while (people.length < total) {
    const fn = rng.weighted(OUTSIDE, OUTSIDE_WEIGHTS);
    const p = hire(fn, rng.chance(0.8) ? preHistoryStart() : rng.int(start, end - 20));
    p.end = leaveDay(p.start);
  }

  // Rotation cohort: sellers from steady pods spend one quarter in the core pod, in two waves.
  const waves = [quarters[Math.max(0, Q - 5)]!, quarters[Math.max(0, Q - 4)]!];
  const rotationName = `Build Rotation ${waves[0]!.year}`;
  const cohort = Math.min(6, Math.max(2, Math.round(total / 42)));
  const rotation: Stories["rotation"] = [];
  const candidates = rng.shuffle(
    people.filter((p) =>
      ["inside sales", "outside sales", "support", "account management"].includes(p.fn) && p.end === undefined &&
      p.stints.length === 1 && p.stints[0]!.to === undefined && p.stints[0]!.from <= waves[0]!.start - 30 &&
      ![core, drift, missingRole, formed].includes(p.stints[0]!.pod)),
  );
  for (const person of candidates.slice(0, cohort)) {
    const quarter = waves[rotation.length % 2]!;
    const home = person.stints[0]!;
    const stints: Stint[] = [
      { pod: home.pod, from: home.from, to: quarter.start - 1, rotation: undefined },
      { pod: core, from: quarter.start, to: quarter.end, rotation: rotationName },
      { pod: home.pod, from: quarter.end + 1, to: undefined, rotation: undefined },
    ];
    person.stints = stints;
    rotation.push({ person, quarter });
  }

  // Ids in order of start date.
  const width = Math.max(4, String(people.length).length);
  const byStart = people.slice().sort((a, b) => a.start - b.start || a.key - b.key);
  byStart.forEach((p, i) => (p.id = `p${String(i + 1).padStart(width, "0")}`));
  return {
    pods,
    people: byStart,
    stories: { core, drift, improving, missingRole, slowFeedback, formed, rotationName, rotation },
  };
}
