// Questions asked of the company model over and over: is someone employed on a day, in which pod, in which quarter.
import type { Quarter } from "./calendar.ts";
import type { Person, Pod } from "./types.ts";

export const activeOn = (p: Person, day: number): boolean => p.start <= day && (p.end === undefined || day <= p.end);

/** The days of a quarter a person was employed, or undefined when none. */
export function activeWindow(p: Person, q: Quarter): [number, number] | undefined {
  const a = Math.max(p.start, q.start);
  const b = Math.min(p.end ?? q.end, q.end);
  return a <= b ? [a, b] : undefined;
}

export function podAt(p: Person, day: number): Pod | undefined {
  for (const s of p.stints) if (s.from <= day && (s.to === undefined || day <= s.to)) return s.pod;
  return undefined;
}

/** A person's pod for a quarter as METRICS.md defines it: at its last day, or their last day if they left in it. */
export const podInQuarter = (p: Person, q: Quarter): Pod | undefined => podAt(p, Math.min(q.end, p.end ?? q.end));

/** Per quarter: the people employed in it, and each pod's members (by podInQuarter). Built once, O(people × quarters). */
export interface QuarterIndex {
  active: Person[];
  members: Map<Pod, Person[]>;
}

export function indexQuarters(people: readonly Person[], quarters: readonly Quarter[]): QuarterIndex[] {
  return quarters.map((q) => {
    const active: Person[] = [];
    const members = new Map<Pod, Person[]>();
    for (const p of people) {
      if (!activeWindow(p, q)) continue;
      active.push(p);
      const pod = podInQuarter(p, q);
      if (!pod) continue;
      const list = members.get(pod);
      if (list) list.push(p);
      else members.set(pod, [p]);
    }
    return { active, members };
  });
}
