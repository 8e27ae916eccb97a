// The input files of a data folder: one entry per entity, naming its file, format and schema.
// Everything that walks the inputs (reader, loader, dictionary, README) walks this list.
import type { z } from "zod";
import {
  BuildItemSchema,
  DealCreditSchema,
  DealSchema,
  FeedbackSchema,
  GoalSchema,
  MembershipSchema,
  PersonSchema,
  PodSchema,
  RecognitionSchema,
} from "./validate/schemas.ts";

export type InputFormat = "csv" | "json" | "jsonl";

export interface InputSpec {
  /** Table the validated rows are loaded into (`raw_<entity>`). */
  entity: string;
  file: string;
  format: InputFormat;
  required: boolean;
  schema: z.ZodType;
  /** Fields that identify a row uniquely. */
  key: string[];
  description: string;
}

export const INPUTS = [
  { entity: "people", file: "people.csv", format: "csv", required: true, schema: PersonSchema, key: ["person_id"],
    description: "The HR roster: one row per person, current and former." },
  { entity: "pods", file: "pods.csv", format: "csv", required: true, schema: PodSchema, key: ["pod_id"],
    description: "The pods: businesses inside the business, each with a territory." },
  { entity: "memberships", file: "memberships.csv", format: "csv", required: false, schema: MembershipSchema, key: ["person_id", "from"],
    description: "Pod membership history, moves and rotation stints. Without it, people.pod_id is each person's only membership." },
  { entity: "build", file: "build.jsonl", format: "jsonl", required: true, schema: BuildItemSchema, key: ["id"],
    description: "Shipped work (features, fixes, launches, designs, docs, experiments), one JSON object per line." },
  { entity: "deals", file: "deals.csv", format: "csv", required: true, schema: DealSchema, key: ["deal_id"],
    description: "CRM deals: new, expansion, renewal and churn; open, won or lost." },
  { entity: "deal_credits", file: "deal_credits.csv", format: "csv", required: false, schema: DealCreditSchema, key: ["deal_id", "person_id"],
    description: "Sell credit: who contributed to which deal and with what share." },
  { entity: "recognition", file: "recognition.json", format: "json", required: true, schema: RecognitionSchema, key: ["client_msg_id"],
    description: "Shout-outs, as a Slack channel export: a JSON array of messages." },
  { entity: "feedback", file: "feedback.csv", format: "csv", required: true, schema: FeedbackSchema, key: ["feedback_id"],
    description: "Customer feedback and the build item that resolved it." },
  { entity: "goals", file: "goals.csv", format: "csv", required: true, schema: GoalSchema, key: ["person_id", "period"],
    description: "Quarterly build goals per person." },
] as const satisfies readonly InputSpec[];

export type Entity = (typeof INPUTS)[number]["entity"];
