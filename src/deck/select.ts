// Stated selection rules of the deck: which shout-outs are read out, which pod is in the spotlight.
import type { Shoutout, Period, SiteData } from "../site/types.ts";

export const SHOUTOUT_RULE =
  "Cross-function shout-outs first, then cross-pod ones, newest first; at most one per giver, and from givers in different pods while there are enough.";

/**
 * Picks up to `count` shout-outs of a quarter by SHOUTOUT_RULE. Deterministic: ties go to the recognition id.
 * First pass: one per giver and one per giver pod (people without a pod count as one pod each); second pass, only when
 * the first found too few: one per giver.
 */
export function pickShoutouts(all: readonly Shoutout[], period: string, count = 3): Shoutout[] {
  const candidates = all
    .filter((s) => s.period === period)
    .sort(
      (a, b) =>
        Number(b.is_cross_function) - Number(a.is_cross_function) ||
        Number(b.is_cross_pod) - Number(a.is_cross_pod) ||
        (a.given_on < b.given_on ? 1 : a.given_on > b.given_on ? -1 : 0) ||
        (a.recognition_id < b.recognition_id ? -1 : a.recognition_id > b.recognition_id ? 1 : 0),
    );
  const picked: Shoutout[] = [];
  const givers = new Set<string>();
  const pods = new Set<string>();
  for (const s of candidates) {
    if (picked.length >= count) break;
    if (givers.has(s.giver_id) || (s.giver_pod_id !== null && pods.has(s.giver_pod_id))) continue;
    picked.push(s);
    givers.add(s.giver_id);
    if (s.giver_pod_id !== null) pods.add(s.giver_pod_id);
  }
  for (const s of candidates) {
    if (picked.length >= count) break;
    if (givers.has(s.giver_id)) continue;
    picked.push(s);
    givers.add(s.giver_id);
  }
  return picked;
}

export const SPOTLIGHT_RULE = "The pods with members take turns by quarter, in pod id order: quarter number n shows pod n (wrapping around).";

/** The pod in the spotlight for a quarter: pods with members in it, ordered by id, take turns by the period index. */
export function spotlightPod(data: SiteData, period: Period): string | undefined {
  const pods = [...new Set(data.members.filter((m) => m.period_grain === "quarter" && m.period === period.period).map((m) => m.pod_id))].sort();
  if (pods.length === 0) return undefined;
  return pods[(((period.period_index - 1) % pods.length) + pods.length) % pods.length];
}
