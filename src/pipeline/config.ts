// The company's settings: one zod schema, every field documented, every default stated.
// Read from `podium.config.json` in the data folder; a missing file means all defaults.
import { z } from "zod";
import { SECTIONS, type Section } from "../site/sections.ts";

export const FUNCTIONS = [
  "engineering",
  "product",
  "design",
  "data",
  "marketing",
  "inside sales",
  "outside sales",
  "account management",
  "support",
  "sales engineering",
] as const;

const defaultSides: Record<string, "build" | "sell"> = {
  engineering: "build",
  product: "build",
  design: "build",
  data: "build",
  marketing: "sell",
  "inside sales": "sell",
  "outside sales": "sell",
  "account management": "sell",
  support: "sell",
  "sales engineering": "sell",
};

const weight = z.number().min(0).max(1);

/**
 * Whether `name` is a time zone name both the runtime and DuckDB know: the IANA names (and their aliases, such as
 * US/Eastern) known to ICU, which both use. An offset such as "+02:00" is refused: Intl takes it, DuckDB does not.
 */
export function isTimeZone(name: string): boolean {
  if (name === "UTC") return true;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code in capitals, such as USD or EUR");

/** The pod leaderboard's metrics (pod_leaderboard.sql); leaderboard_weights names the ones in the composite. */
export const LEADERBOARD_METRICS = [
  "revenue_per_head",
  "win_rate",
  "gross_retention",
  "build_points_per_head",
  "two_way_share",
  "balance",
  "cross_pod_recognition_per_head",
  "feedback_median_days",
] as const;

/** What a person's profile page can show; money never is one of them. */
export const PERSON_FIELDS = ["function", "pod_history", "recognition", "participation", "build_goal"] as const;

/**
 * One audience's privacy profile (config `audiences`): which sections it gets, whether it sees people's names, what a
 * profile page shows it and its minimum group size. Every field is optional: a profile starts from the built-in one of
 * the same name (a new name starts from `public`, the most private) and changes only what it gives.
 */
const AudienceSchema = z
  .object({
    pages: z
      .array(z.enum(SECTIONS))
      .optional()
      .describe(
        `The sections this audience gets, from ${SECTIONS.join(", ")}; overview (the home page) is required. A section left out is not built at all, and no page links to it.`,
      ),
    names: z
      .boolean()
      .optional()
      .describe(
        "Whether people's names appear: pod member lists, shout-outs (giver, recipients and message), unsung givers, the deck's shout-outs and roster. Off: people are only counted, and the leak scan fails the build if any person's name is in any published file.",
      ),
    person_fields: z
      .array(z.enum(PERSON_FIELDS))
      .optional()
      .describe("What a profile page shows this audience, within `privacy.person_fields`."),
    min_group_size: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("This audience's minimum group size; never below the company's `min_group_size`, which applies when it is not given."),
  })
  .strict();

export type AudienceProfile = z.infer<typeof AudienceSchema>;

/** A profile with every field but the minimum group size settled. */
export interface AudienceDefaults {
  pages: Section[];
  names: boolean;
  person_fields: PersonField[];
  min_group_size?: number;
}

export type PersonField = (typeof PERSON_FIELDS)[number];

const PUBLIC: AudienceDefaults = {
  pages: ["overview", "pods", "recognition", "balance", "feedback", "data"],
  names: false,
  person_fields: [],
  min_group_size: 10,
};

/** The audience a build is for when none is named (`--audience`). */
export const DEFAULT_AUDIENCE = "internal";

/**
 * The built-in audiences. internal: every employee, everything but the leadership review. leadership: everything.
 * public: aggregates only, no names, no people pages, no all-hands deck, groups of at least 10.
 */
export const DEFAULT_AUDIENCES: Readonly<Record<string, AudienceDefaults>> = {
  internal: { pages: SECTIONS.filter((s) => s !== "review"), names: true, person_fields: [...PERSON_FIELDS] },
  leadership: { pages: [...SECTIONS], names: true, person_fields: [...PERSON_FIELDS] },
  public: PUBLIC,
};

export const ConfigSchema = z
  .object({
    company_name: z.string().min(1).default("Sample Company").describe("Shown in the site header and the deck."),
    currency: currencyCode.default("USD").describe("ISO 4217 code all amounts are reported in."),
    currency_rates: z
      .record(currencyCode, z.number().positive())
      .default({})
      .describe("Rate to convert one unit of another currency into the company currency; a deal in a currency without a rate is an error."),
    timezone: z
      .string()
      .min(1)
      .refine(isTimeZone, "must be an IANA time zone name such as Europe/Paris, America/New_York or UTC")
      .default("UTC").describe("IANA time zone; timestamps are converted to it before they are put in a period."),
    fiscal_year_start_month: z
      .number()
      .int()
      .min(1)
      .max(12)
      .default(1)
      .describe("Month (1-12) the fiscal year starts in; the fiscal year is named after the calendar year in which it ends."),
    sides: z
      .record(z.string(), z.enum(["build", "sell"]))
      .default(defaultSides)
      .describe("Which side each function is on: build or sell."),
    default_points: z
      .record(z.string(), z.number().nonnegative())
      .default({ feature: 8, fix: 2, launch: 5, design: 3, doc: 1, experiment: 3 })
      .describe("Points a build item of each kind earns when it has no points of its own."),
    unlock_threshold: z.number().positive().default(1).describe("Build attainment at which commission unlocks (1.0 = 100% of goal)."),
    commission_rates: z
      .record(z.string(), z.number().min(0).max(1))
      .default({
        "inside sales": 0.08,
        "outside sales": 0.1,
        "account management": 0.06,
        "sales engineering": 0.04,
        marketing: 0.02,
        support: 0.02,
        engineering: 0.02,
        product: 0.02,
        design: 0.02,
        data: 0.02,
      })
      .describe("Commission rate of each function on its sell amount; used only for group totals, never per person."),
    leaderboard_weights: z
      .partialRecord(z.enum(LEADERBOARD_METRICS), weight)
      .default({
        revenue_per_head: 0.25,
        build_points_per_head: 0.25,
        two_way_share: 0.2,
        cross_pod_recognition_per_head: 0.15,
        win_rate: 0.15,
      })
      .describe("Weights of the pod leaderboard's composite; they must sum to 1."),
    role_template: z
      .record(z.string(), z.number().int().nonnegative())
      .default({
        marketing: 1,
        "inside sales": 2,
        "outside sales": 2,
        "account management": 1,
        support: 2,
        "sales engineering": 1,
      })
      .describe("The roles every pod should hold: function → minimum headcount."),
    unsung_min_given: z.number().int().positive().default(3).describe("Pairs given, with none received, that make someone an unsung giver."),
    min_group_size: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe("Groups with fewer active people than this have their figures suppressed, for every audience (an audience may raise it)."),
    privacy: z
      .object({
        people_pages: z.boolean().default(true).describe("Publish a profile page per person (and link names to it)."),
        person_fields: z
          .array(z.enum(PERSON_FIELDS))
          .default([...PERSON_FIELDS])
          .describe(
            "What a profile shows: function, pod_history, recognition (shout-outs received, with messages), participation (built / sold yes or no per period), build_goal (progress to the quarter's build goal and the distance to unlock, in points and typical items). Never money.",
          ),
      })
      .strict()
      .default({ people_pages: true, person_fields: [...PERSON_FIELDS] })
      .describe(
        "What the site may publish about individual people, for every audience (an audience may publish less). Names are shown where people appear to an audience with `names`.",
      ),
    audiences: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, "an audience's name is lower-case letters, digits, - and _"), AudienceSchema)
      .default({})
      .transform((given) => {
        const merged: Record<string, AudienceDefaults> = { ...DEFAULT_AUDIENCES };
        for (const [name, profile] of Object.entries(given)) merged[name] = { ...(Object.hasOwn(DEFAULT_AUDIENCES, name) ? DEFAULT_AUDIENCES[name] : PUBLIC), ...profile };
        return merged;
      })
      .describe(
        "Privacy profiles, one per audience a site is built for (`npm run build -- --audience NAME`, default internal). Built in: internal (everything but the review), leadership (everything), public (overview, pods, recognition, balance, feedback and data; no names; groups of at least 10). A profile named here changes only the fields it gives; a new name starts from public.",
      ),
    alerts: z
      .object({
        balance_drop: z
          .number()
          .positive()
          .max(1)
          .default(0.15)
          .describe("A pod's balance alert fires when its balance fell in each of the last `balance_drop_quarters` quarters and by more than this in total."),
        balance_drop_quarters: z.number().int().min(1).max(8).default(2).describe("Quarters over which a pod's balance drop is measured."),
        min_two_way_share: z
          .number()
          .min(0)
          .max(1)
          .default(0.2)
          .describe("A function's alert fires when the share of its people who both built and sold in a quarter is below this."),
        p90_rising_quarters: z
          .number()
          .int()
          .min(1)
          .max(8)
          .default(3)
          .describe("A feedback alert fires when the p90 days from feedback to shipped rose this many quarters in a row (company or pod)."),
      })
      .strict()
      .default({ balance_drop: 0.15, balance_drop_quarters: 2, min_two_way_share: 0.2, p90_rising_quarters: 3 })
      .describe("Drift alerts on the leadership review: thresholds of each rule. A pod missing a template role on every day of a quarter always alerts."),
  })
  .strict()
  .refine((c) => Math.abs(Object.values(c.leaderboard_weights).reduce((a, b) => a + b, 0) - 1) < 1e-9, {
    message: "leaderboard_weights must sum to 1",
    path: ["leaderboard_weights"],
  })
  .superRefine((c, ctx) => {
    for (const [name, profile] of Object.entries(c.audiences)) {
      if (!profile.pages.includes("overview"))
        ctx.addIssue({ code: "custom", message: "must include overview: the home page every other page links back to", path: ["audiences", name, "pages"] });
      if (profile.pages.includes("people") && !profile.names)
        ctx.addIssue({ code: "custom", message: "people's pages show their names: leave out people, or set names to true", path: ["audiences", name, "pages"] });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export const CONFIG_FILE = "podium.config.json";
