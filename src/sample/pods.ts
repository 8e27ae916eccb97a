// The pods: a catalog of territories (vertical, geography, segment, industry, general), ids as slugs, and which pod
// carries which story. With more pods than the catalog holds, territories repeat with a number ("Healthcare 2").
import { dayNumber } from "./calendar.ts";
import { accountNames } from "./names.ts";
import type { Rng } from "./random.ts";
import type { Orientation, Pod } from "./types.ts";

interface Territory {
  slug: string;
  name: string;
  orientation: Orientation;
  focus: string;
  flavor: string;
}

// Order matters: the first pods carry the stories (see index.ts) and the last one is formed mid-history.
const CATALOG: readonly Territory[] = [
  { slug: "core", name: "Core Product", orientation: "general", focus: "Company-wide product and platform", flavor: "general" },
  { slug: "healthcare", name: "Healthcare", orientation: "vertical", focus: "Hospitals, clinics and payers", flavor: "health" },
  { slug: "fintech", name: "Fintech", orientation: "vertical", focus: "Banks, lenders and payment companies", flavor: "finance" },
  { slug: "emea", name: "EMEA", orientation: "geography", focus: "Europe, the Middle East and Africa", flavor: "emea" },
  { slug: "mid-market", name: "Mid-Market", orientation: "segment", focus: "Companies with 100-1,000 employees", flavor: "general" },
  { slug: "apac", name: "APAC", orientation: "geography", focus: "Asia-Pacific", flavor: "apac" },
  { slug: "smb", name: "SMB", orientation: "segment", focus: "Companies under 100 employees", flavor: "general" },
  { slug: "manufacturing", name: "Manufacturing", orientation: "industry", focus: "Manufacturers and industrial suppliers", flavor: "industry" },
  { slug: "enterprise", name: "Enterprise", orientation: "segment", focus: "Companies over 1,000 employees", flavor: "general" },
  { slug: "us-west", name: "US West", orientation: "geography", focus: "Western United States", flavor: "general" },
  { slug: "public-sector", name: "Public Sector", orientation: "vertical", focus: "Government and education", flavor: "public" },
  { slug: "retail", name: "Retail", orientation: "industry", focus: "Retailers and e-commerce", flavor: "retail" },
  { slug: "latam", name: "LATAM", orientation: "geography", focus: "Latin America", flavor: "latam" },
  { slug: "logistics", name: "Logistics", orientation: "industry", focus: "Freight, shipping and warehousing", flavor: "logistics" },
  { slug: "us-east", name: "US East", orientation: "geography", focus: "Eastern United States", flavor: "general" },
];

/** The pod formed mid-history is always Retail-like: the last pod gets this territory. */
const FORMED: Territory = { slug: "retail", name: "Retail", orientation: "industry", focus: "Retailers and e-commerce", flavor: "retail" };

export function podCount(people: number): number {
  return Math.max(2, Math.round(people / 22.5));
}

/** Creates `count` pods; the last is formed on `formedMid`, the others years before history starts. */
export function createPods(rng: Rng, count: number, historyStart: number, formedMid: number): Pod[] {
  const used = new Set<string>();
  const pods: Pod[] = [];
  const catalog = CATALOG.filter((t) => t.slug !== FORMED.slug);
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const round = last ? 0 : Math.floor(i / catalog.length);
    const t = last ? FORMED : catalog[i % catalog.length]!;
    const suffix = round === 0 ? "" : ` ${round + 1}`;
    const formed =
      i === 0 ? dayNumber(2018, 2, 1) : last ? formedMid : rng.int(dayNumber(2019, 1, 1), historyStart - 120);
    pods.push({
      index: i,
      id: `pod-${t.slug}${round === 0 ? "" : `-${round + 1}`}`,
      name: `${t.name}${suffix}`,
      orientation: t.orientation,
      focus: t.focus,
      short: t.name,
      formed,
      accounts: accountNames(rng, t.flavor, 28, used),
    });
  }
  return pods;
}

/** Role template every pod follows (config role_template), then 1-4 builders. */
export const TEMPLATE = [
  "marketing", "inside sales", "inside sales", "outside sales", "outside sales",
  "account management", "support", "support", "sales engineering",
] as const;
