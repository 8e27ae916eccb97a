// The input contract: one zod schema per input file, each field described. The data dictionary and
// README's data section are generated from these; the loader's table columns follow them too.
import { z } from "zod";
import { FUNCTIONS } from "../config.ts";
import { date, id, number, oneOf, optional, share, text, timestamp } from "./fields.ts";
import { is, matches, not, or, sqlCrossField, sqlRefine } from "./sql.ts";

export const ORIENTATIONS = ["general", "vertical", "geography", "industry", "segment"] as const;
export const BUILD_KINDS = ["feature", "fix", "launch", "design", "doc", "experiment"] as const;
export const DEAL_TYPES = ["new", "expansion", "renewal", "churn"] as const;
export const DEAL_STAGES = ["open", "won", "lost"] as const;

export const PersonSchema = z.object({
  person_id: id().describe("Unique id of the person."),
  name: text(200).describe("Display name."),
  email: optional(text(320)).describe("Work email; used only to match people across systems, never published."),
  function: oneOf(FUNCTIONS).describe("The person's function."),
  pod_id: optional(id()).describe("Current pod; used as the only membership when memberships.csv is absent."),
  start_date: date().describe("First working day."),
  end_date: optional(date()).describe("Last working day; empty while employed."),
});

export const PodSchema = z.object({
  pod_id: id().describe("Unique id of the pod."),
  name: text(200).describe("Display name."),
  orientation: oneOf(ORIENTATIONS).describe("How the pod's territory is cut."),
  focus: text(200).describe("The territory: a vertical, a region, an industry or a segment."),
  formed_at: optional(date()).describe("Date the pod was formed."),
});

export const MembershipSchema = z.object({
  person_id: id().describe("The member (people.person_id)."),
  pod_id: id().describe("The pod (pods.pod_id)."),
  from: date().describe("First day in the pod."),
  to: optional(date()).describe("Last day in the pod; empty while current."),
  rotation: optional(text(200)).describe("Name of the rotation program this stint belongs to, if any."),
});

const Contributor = z.union([id(), z.object({ person_id: id(), share: optional(share()) }).strict()], {
  error: "must be a person id or {person_id, share}",
});

export const BuildItemSchema = z.object({
  id: id().describe("Unique id of the shipped item."),
  title: text(300).describe("What shipped."),
  kind: oneOf(BUILD_KINDS).describe("Kind of work."),
  shipped_at: timestamp().describe("When it shipped."),
  points: optional(number().pipe(z.number().nonnegative("must not be negative"))).describe(
    "Points the item earns; empty takes the default for its kind (config default_points).",
  ),
  contributors: z
    .array(Contributor, { error: "must be a list of person ids or {person_id, share}" })
    .meta({ format: "list of ids or {person_id, share}" })
    .min(1, "must name at least one contributor")
    .describe("Who built it: person ids, or {person_id, share}; without shares the credit is split equally."),
  pod_id: optional(id()).describe("Pod the work was done for, if any."),
});

export const DealSchema = sqlCrossField(z.object({
  deal_id: id().describe("Unique id of the deal."),
  account: text(300).describe("Customer account name."),
  pod_id: optional(id()).describe("Pod the deal belongs to; empty means the owner's pod in the closing period."),
  owner_id: id().describe("Deal owner (people.person_id); credited in full when the deal has no credit rows."),
  amount: number().pipe(z.number().nonnegative("must not be negative")).describe("Deal value in `currency`."),
  currency: optional(z.string().trim().length(3, "must be a 3-letter currency code").meta({ format: "ISO 4217 code" })).describe("ISO 4217 code; empty means the company currency."),
  type: oneOf(DEAL_TYPES).describe("new, expansion, renewal or churn."),
  stage: oneOf(DEAL_STAGES).describe("open, won or lost."),
  created_at: timestamp().describe("When the deal was opened."),
  closed_at: optional(timestamp()).describe("When it closed; required for won and lost deals."),
}), (d, ctx) => {
  if (d.stage !== "open" && d.closed_at === undefined)
    ctx.addIssue({ code: "custom", path: ["closed_at"], message: `is required for a ${d.stage} deal` });
}, (d) => or(`${d.stage!.str} = 'open'`, not(is(d.closed_at!, "undefined"))));

export const DealCreditSchema = z.object({
  deal_id: id().describe("The deal (deals.deal_id)."),
  person_id: id().describe("Who holds the credit (people.person_id); anyone in any function."),
  contribution: text(100).describe("What they did: sourced, referral, demo, technical win, closed, customer call…"),
  share: share().describe("Fraction of the deal credited; a deal's shares sum to 1."),
});

/** A mention of a recipient in a recognition message. */
const MENTION = /<@[A-Za-z0-9_.:@-]+>/;

/** A message of a Slack channel export (#kudos): recipients are the `<@id>` mentions, the value a `#tag`. */
export const RecognitionSchema = z.object({
  client_msg_id: id().describe("Unique id of the message."),
  user: id().describe("Who gave the recognition (people.person_id, or a Slack user id mapped to one)."),
  ts: z
    .string({ error: "must be a Slack timestamp such as \"1712345678.000200\"" })
    .regex(/^\d{9,11}(\.\d{1,6})?$/, "must be a Slack timestamp such as \"1712345678.000200\"")
    .meta({ format: "Slack timestamp" })
    .describe("Slack timestamp: seconds since 1970-01-01 UTC."),
  text: text(4000)
    .refine(sqlRefine((t: string) => MENTION.test(t), (v) => matches(v.str, MENTION)), "must mention at least one recipient as <@person_id>")
    .describe("The message; `<@id>` mentions are the recipients, the first `#tag` is the value."),
});

export const FeedbackSchema = sqlCrossField(z.object({
  feedback_id: id().describe("Unique id of the feedback item."),
  account: text(300).describe("Customer account that gave it."),
  captured_by: id().describe("Who captured it (people.person_id)."),
  received_at: timestamp().describe("When it was received."),
  summary: text(1000).describe("What the customer asked for."),
  resolved_by: optional(id()).describe("The build item that resolved it (build.id)."),
  resolved_at: optional(timestamp()).describe("When it was resolved; required with resolved_by."),
}), (f, ctx) => {
  if ((f.resolved_by === undefined) !== (f.resolved_at === undefined))
    ctx.addIssue({
      code: "custom",
      path: [f.resolved_by === undefined ? "resolved_by" : "resolved_at"],
      message: f.resolved_by === undefined ? "is required when resolved_at is set" : "is required when resolved_by is set",
    });
}, (f) => `(${is(f.resolved_by!, "undefined")} = ${is(f.resolved_at!, "undefined")})`);

export const GoalSchema = z.object({
  person_id: id().describe("Whose goal (people.person_id)."),
  period: z
    .string({ error: "is required" })
    .trim()
    .regex(/^FY\d{4}-Q[1-4]$/, "must be a fiscal quarter such as FY2026-Q1")
    .meta({ format: "fiscal quarter (FY2026-Q1)" })
    .describe("Fiscal quarter the goal is for."),
  build_goal: number().pipe(z.number().positive("must be above 0")).describe("Build points to reach in the quarter."),
  sell_goal: optional(number().pipe(z.number().nonnegative("must not be negative"))).describe("Sell amount aimed for (informational)."),
});

export type Person = z.infer<typeof PersonSchema>;
export type Pod = z.infer<typeof PodSchema>;
export type Membership = z.infer<typeof MembershipSchema>;
export type BuildItem = z.infer<typeof BuildItemSchema>;
export type Deal = z.infer<typeof DealSchema>;
export type DealCredit = z.infer<typeof DealCreditSchema>;
export type Recognition = z.infer<typeof RecognitionSchema>;
export type Feedback = z.infer<typeof FeedbackSchema>;
export type Goal = z.infer<typeof GoalSchema>;
