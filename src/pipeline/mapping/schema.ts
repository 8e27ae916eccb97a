// The mapping file (podium.mapping.yaml / .yml / .json in the data folder): which of a company's own exports feed
// each Podium input, which of their columns mean which Podium field, and how their values are converted. Every
// field is described; docs/mapping.md explains the format with a worked example.
import { z } from "zod";

export const MAPPING_FILES = ["podium.mapping.yaml", "podium.mapping.yml", "podium.mapping.json"] as const;

export const ENTITIES = ["people", "pods", "memberships", "build", "deals", "deal_credits", "recognition", "feedback", "goals"] as const;
export type MappedEntity = (typeof ENTITIES)[number];

export const PRESET_NAMES = [
  "salesforce-opportunities",
  "hubspot-deals",
  "bamboohr-directory",
  "github-prs",
  "jira-issues",
  "slack-export",
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const nonEmpty = z.string().trim().min(1, "must not be empty");

/** A source column: its header (any case or spacing), a dotted JSON path, or a `{Column}` template; a list tries each in turn. */
const ColumnRef = z
  .union([nonEmpty, z.array(nonEmpty).min(1, "must name at least one column")], {
    error: "must be a column name, a \"{Column} template\", or a list of column names tried in order",
  })
  .describe(
    "Source column(s) for a Podium field: a header name (matched ignoring case, spaces and punctuation), a dotted path into a JSON " +
      "record (`author.login`), a template joining columns (`\"{First Name} {Last Name}\"`; `{_line}` is the row's line), or a list of these tried in order.",
  );

const Scalar = z.union([z.string(), z.number(), z.boolean()], { error: "must be a text, a number or true/false" });

const DateFormat = nonEmpty.describe(
  "`iso`, `excel` (spreadsheet serial day numbers), `unix` (seconds), `unix-ms`, `js` (JavaScript Date.toString()), or a pattern of " +
    "YYYY YY MM M MMM (month name) DD D HH H hh h mm ss A (AM/PM) Z (offset), other characters literal, e.g. `MM/DD/YYYY`, `DD/MMM/YY h:mm A`.",
);

const MoneyFormat = z
  .union([
    z.enum(["us", "eu", "ch"], { error: "must be us, eu, ch or {decimal, thousands}" }),
    z
      .object({
        decimal: z.enum([".", ","], { error: "must be \".\" or \",\"" }).describe("The decimal separator."),
        thousands: z
          .enum([",", ".", " ", "'", ""], { error: "must be \",\", \".\", \" \", \"'\" or \"\"" })
          .optional()
          .describe("The thousands separator; default: \",\" when the decimal is \".\", else \".\"."),
      })
      .strict(),
  ])
  .describe("How numbers are written: `us` ($1,234.56), `eu` (1.234,56 €), `ch` (1'234.56), or {decimal, thousands}. Currency signs and codes are ignored (a code or € £ ¥ sign fills `currency` when it is not mapped).");

const PersonKey = z.union([nonEmpty, z.array(nonEmpty).min(1)]).describe(
  "People-matching key(s) tried for this field: `person_id`, `email`, `name`, `slack` or a key declared in people_match.keys.",
);

export const EntityMappingSchema = z
  .object({
    preset: z
      .enum(PRESET_NAMES, { error: `must be one of: ${PRESET_NAMES.join(", ")}` })
      .optional()
      .describe("A known export format whose columns, values and dates are filled in for you; anything below overrides it."),
    files: z
      .union([nonEmpty, z.array(nonEmpty).min(1, "must name at least one file")], { error: "must be a file name, a glob, or a list of them" })
      .optional()
      .describe("The source file(s), relative to the data folder: a name, a glob (`crm/*.csv`, `**` for sub-folders) or a list. For slack-export: the channel folder."),
    file: nonEmpty.optional().describe("Shorthand for `files` with one file."),
    format: z
      .enum(["csv", "json", "jsonl", "slack"], { error: "must be csv, json, jsonl or slack" })
      .optional()
      .describe("How the files are read; default: from the preset, else from the extension (.json, .jsonl/.ndjson, anything else CSV)."),
    delimiter: z
      .enum([",", ";", "\t", "|"], { error: "must be \",\", \";\", a tab or \"|\"" })
      .optional()
      .describe("CSV field delimiter; default: sniffed from the header row."),
    users: nonEmpty.optional().describe("slack-export only: the workspace's users.json; default: the one in the channel folder's parent."),
    columns: z.record(nonEmpty, ColumnRef).default({}).describe("Podium field → source column(s)."),
    set: z.record(nonEmpty, Scalar).default({}).describe("Podium field → a constant value for every row (e.g. `currency: USD`)."),
    defaults: z.record(nonEmpty, Scalar).default({}).describe("Podium field → the value used when the source cell is empty."),
    values: z
      .record(nonEmpty, z.record(z.string(), Scalar))
      .default({})
      .describe("Podium field → {source value → Podium value}; matched ignoring case and spaces; `\"*\"` is the value for anything else. A list cell (labels) takes the first element that is listed."),
    dates: z
      .record(nonEmpty, z.union([DateFormat, z.array(DateFormat).min(1)]))
      .default({})
      .describe("Podium field → date format(s) tried in order. Without one, ISO dates pass through and a bare 5-digit number in a date field is read as an Excel serial day."),
    money: z.record(nonEmpty, MoneyFormat).default({}).describe("Podium field → how its numbers are written; default `us`."),
    split: z.record(nonEmpty, z.string().min(1, "must not be empty")).default({}).describe("Podium field → separator of a multi-valued cell (e.g. `contributors: \";\"`)."),
    match: z.record(nonEmpty, PersonKey).default({}).describe("Podium field naming a person → the people_match key(s) its values are matched by; default: every key."),
    skip_unless: z
      .array(nonEmpty)
      .default([])
      .describe("Podium fields that must be non-empty for a row to be used; other rows are skipped, not errors (e.g. unmerged pull requests)."),
  })
  .strict();

export const PeopleMatchSchema = z
  .object({
    keys: z
      .record(nonEmpty, ColumnRef)
      .default({})
      .describe("Extra key → column(s) of the people file holding it (e.g. `github: \"GitHub Username\"`). `person_id`, `email` and `name` are always keys; `slack` is one when a Slack export is mapped (users.json e-mails and names)."),
    identities: z
      .array(
        z
          .object({
            file: nonEmpty.describe("An extra file (CSV or JSON) linking other systems' ids to people."),
            person: ColumnRef.describe("Column holding a value that names the person by person_id, email or name."),
            keys: z.record(nonEmpty, ColumnRef).describe("Key → column(s) of this file (e.g. `github: \"GitHub login\"`)."),
          })
          .strict(),
      )
      .default([])
      .describe("Extra identity files, each linking one or more keys to people."),
    by: z
      .array(nonEmpty)
      .optional()
      .describe("Keys tried, in order, for a field without its own `match`; default: person_id, email, the extra keys, slack, name."),
    unmatched: z
      .enum(["error", "warning"], { error: "must be error or warning" })
      .default("error")
      .describe("A value that matches no person: `error` stops the build; `warning` drops the row (or, in a list or a mention, just that person) and reports it."),
  })
  .strict();

export const MappingSchema = z
  .object({
    version: z.literal(1, { error: "must be 1" }).default(1).describe("Version of the mapping format."),
    people_match: PeopleMatchSchema.optional().describe("How values from other systems (e-mails, logins, Slack ids, CRM owner names) are resolved to person_id."),
    ...Object.fromEntries(ENTITIES.map((e) => [e, EntityMappingSchema.optional().describe(`Where the ${e} input comes from; without it, ${e} is read from its standard file name.`)])),
  })
  .strict();

export type EntityMapping = z.infer<typeof EntityMappingSchema>;
export type PeopleMatch = z.infer<typeof PeopleMatchSchema>;
export type Mapping = Omit<z.infer<typeof MappingSchema>, MappedEntity> & Partial<Record<MappedEntity, EntityMapping>>;
export type ColumnSpec = string | string[];
export type MoneySpec = z.infer<typeof MoneyFormat>;
