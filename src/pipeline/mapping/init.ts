// `podium init`: proposes a mapping file from the exports it finds in a data folder. Headers are sniffed, presets
// recognised by their columns, Podium fields matched to columns by name and common synonyms, value maps filled in
// with the values the files hold (guessed where the words are clear); whatever it cannot know is marked TODO for
// the analyst, and `podium check` refuses a mapping that still has a TODO.
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { INPUTS } from "../inputs.ts";
import { fieldsOf } from "../load/inputs.ts";
import { requiredFields } from "../validate/rows.ts";
import { FUNCTIONS } from "../config.ts";
import { BUILD_KINDS, DEAL_STAGES, DEAL_TYPES, ORIENTATIONS } from "../validate/schemas.ts";
import { PERSON_FIELDS } from "./index.ts";
import { PRESETS } from "./presets.ts";
import type { MappedEntity, PresetName } from "./schema.ts";
import { findColumn, formatOfName, readSource, type Source } from "./sources.ts";
import { squash } from "./values.ts";

/** Other names systems give Podium's fields (besides the field's own name). */
const SYNONYMS: Record<string, string[]> = {
  person_id: ["employee id", "employee #", "employee number", "user id"],
  name: ["full name", "display name", "employee name"],
  email: ["work email", "e-mail", "mail"],
  function: ["department", "job function", "team function"],
  pod_id: ["pod", "squad"],
  start_date: ["hire date", "start", "joined"],
  end_date: ["termination date", "end", "left"],
  deal_id: ["opportunity_id", "opportunity id", "record id", "id"],
  account: ["account name", "company", "customer", "client"],
  owner_id: ["owner", "sales_agent", "sales agent", "rep", "deal owner", "opportunity owner", "salesperson"],
  amount: ["close_value", "value", "deal value", "revenue", "arr"],
  stage: ["deal_stage", "deal stage", "status", "stagename"],
  type: ["deal type", "opportunity type"],
  created_at: ["engage_date", "create date", "created date", "created", "opened"],
  closed_at: ["close_date", "close date", "closed date", "closed"],
  title: ["summary", "subject"],
  kind: ["type", "issue type", "category"],
  shipped_at: ["merged_at", "mergedat", "resolved", "shipped", "released", "done"],
  contributors: ["assignee", "author", "authors"],
  feedback_id: ["ticket id", "id"],
  captured_by: ["reporter", "submitted by", "author"],
  received_at: ["created", "submitted", "date"],
  summary: ["description", "title", "subject"],
  period: ["quarter"],
};

/** Words that say which Podium value a source value means. */
const GUESSES: Record<string, [RegExp, string][]> = {
  stage: [[/\bwon\b|closed.?won/i, "won"], [/\blost\b|closed.?lost/i, "lost"], [/.*/, "open"]],
  type: [[/renew/i, "renewal"], [/churn|cancel/i, "churn"], [/upsell|upgrade|expan|existing/i, "expansion"], [/\bnew\b/i, "new"]],
  kind: [[/bug|fix|defect|incident/i, "fix"], [/doc/i, "doc"], [/design/i, "design"], [/experiment|spike/i, "experiment"], [/launch|release/i, "launch"], [/feature|story|task|improvement|epic/i, "feature"]],
  function: [
    [/sales.?eng|solutions?.?(eng|arch)|presales/i, "sales engineering"], [/inside.?sales|\bsdr\b|\bbdr\b/i, "inside sales"],
    [/field.?sales|outside.?sales|account exec/i, "outside sales"], [/account.?manage/i, "account management"],
    [/support|service|helpdesk/i, "support"], [/market/i, "marketing"], [/design|\bux\b/i, "design"], [/product/i, "product"],
    [/\bdata\b|analytic|\bbi\b/i, "data"], [/engineer|develop|software|\bit\b|tech/i, "engineering"],
  ],
  orientation: ORIENTATIONS.map((o) => [new RegExp(o, "i"), o] as [RegExp, string]),
};
const ENUMS: Record<string, readonly string[]> = { stage: DEAL_STAGES, type: DEAL_TYPES, kind: BUILD_KINDS, function: FUNCTIONS, orientation: ORIENTATIONS };

interface Found {
  rel: string;
  source: Source;
  preset?: PresetName;
  entity?: MappedEntity;
  score: number;
}

const yamlKey = (s: string) => (/^[A-Za-z_][\w .\/()-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s) && s.trim() === s ? s : JSON.stringify(s));
const yamlValue = (s: string) => (s === "TODO" ? s : yamlKey(s));

async function walk(dir: string, root: string, depth: number, out: string[], slack: string[]) {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (entries.some((e) => e.name === "users.json") && entries.some((e) => e.name === "channels.json" || e.isDirectory())) {
    for (const e of entries) if (e.isDirectory()) slack.push(relative(root, join(dir, e.name)));
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name.startsWith("podium.")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory() && depth < 3) await walk(path, root, depth + 1, out, slack);
    else if (e.isFile() && /\.(csv|tsv|txt|json|jsonl|ndjson)$/i.test(e.name) && !/^(README|PROVENANCE|LICENSE)/i.test(e.name)) out.push(relative(root, path));
  }
}

/** How many of an entity's fields a source's columns name (required ones count double). */
function score(entity: MappedEntity, columns: string[]): number {
  const spec = INPUTS.find((i) => i.entity === entity)!;
  const required = new Set(requiredFields(spec.schema));
  let s = 0;
  for (const f of fieldsOf(spec)) if (columnFor(f, columns)) s += required.has(f) ? 2 : 1;
  return s;
}

function columnFor(field: string, columns: string[]): string | undefined {
  for (const name of [field, ...(SYNONYMS[field] ?? [])]) {
    const c = findColumn(columns, name);
    if (c !== undefined) return c;
  }
  return undefined;
}

function distinct(source: Source, column: string, max = 25): string[] | undefined {
  const seen = new Set<string>();
  for (const r of source.records) {
    const v = r.values[column];
    if (typeof v !== "string" || v.trim() === "") continue;
    seen.add(v.trim());
    if (seen.size > max) return undefined;
  }
  return [...seen].sort();
}

function guess(field: string, value: string): string | undefined {
  for (const [re, to] of GUESSES[field] ?? []) if (re.test(value)) return to;
  const enumValues = ENUMS[field];
  return enumValues?.find((e) => squash(e) === squash(value));
}

/** The proposed mapping file's text for the exports in `dataDir`. */
export async function proposeMapping(dataDir: string): Promise<{ text: string; todos: number }> {
  const files: string[] = [];
  const slack: string[] = [];
  await walk(dataDir, dataDir, 0, files, slack);
  const standard = new Set<string>(INPUTS.map((i) => i.file));
  const found: Found[] = [];
  for (const rel of files) {
    if (standard.has(rel)) continue;
    const source = await readSource(join(dataDir, rel), rel, formatOfName(rel));
    if (source.columns.length === 0) continue;
    const preset = (Object.keys(PRESETS) as PresetName[]).find((p) => PRESETS[p].signature.length > 0 && PRESETS[p].signature.every((c) => findColumn(source.columns, c) !== undefined));
    if (preset) {
      found.push({ rel, source, preset, entity: PRESETS[preset].entity, score: 100 });
      continue;
    }
    let best: { entity?: MappedEntity; score: number } = { score: 0 };
    for (const spec of INPUTS) {
      const s = score(spec.entity as MappedEntity, source.columns);
      if (s > best.score) best = { entity: spec.entity as MappedEntity, score: s };
    }
    found.push({ rel, source, entity: best.score >= 4 ? best.entity : undefined, score: best.score });
  }

  let todos = 0;
  const todo = (why: string) => {
    todos++;
    return `TODO   # ${why}`;
  };
  const out: string[] = [
    "# Podium mapping proposed by `npm run podium -- init`. Replace every TODO, then run `npm run podium -- check --data <this folder>`.",
    "# The format is documented in docs/mapping.md. Inputs not named here are read from their standard files (people.csv, pods.csv, …).",
  ];
  const used = new Map<MappedEntity, Found[]>();
  for (const f of found) if (f.entity) used.set(f.entity, [...(used.get(f.entity) ?? []), f].sort((a, b) => b.score - a.score));
  const sections: string[][] = [];
  const peopleSource = used.get("people")?.[0];
  const needsMatch = new Set<string>();

  for (const spec of INPUTS) {
    const entity = spec.entity as MappedEntity;
    const lines: string[] = [];
    if (entity === "recognition" && slack.length > 0) {
      const channel = slack.find((c) => /kudos|shout|thank|recogni|props|general/i.test(c)) ?? slack[0]!;
      lines.push(`recognition:`, `  preset: slack-export`, `  files: ${yamlValue(channel)}   # the channel folder; other channels found: ${slack.filter((c) => c !== channel).join(", ") || "none"}`);
      needsMatch.add("slack");
      sections.push(lines);
      continue;
    }
    const candidates = used.get(entity);
    if (!candidates) {
      if (await stat(join(dataDir, spec.file)).then(() => true, () => false)) lines.push(`# ${entity}: read from ${spec.file}`);
      else if (spec.required) lines.push(`# ${entity}: TODO no export found; add ${spec.file} (columns: ${fieldsOf(spec).join(", ")}) or map an export here`), todos++;
      sections.push(lines);
      continue;
    }
    const f = candidates[0]!;
    const required = new Set(requiredFields(spec.schema));
    lines.push(`${entity}:`);
    if (f.preset) lines.push(`  preset: ${f.preset}   # recognised from its columns`);
    lines.push(`  file: ${yamlValue(f.rel)}`);
    if (candidates.length > 1) lines.push(`  # also looks like ${entity}: ${candidates.slice(1).map((c) => c.rel).join(", ")}`);
    const columns: string[] = [];
    const values: string[] = [];
    const defaults: string[] = [];
    const match: string[] = [];
    const presetColumns = f.preset ? PRESETS[f.preset].mapping.columns ?? {} : {};
    const presetDefaults = f.preset ? PRESETS[f.preset].mapping.defaults ?? {} : {};
    for (const field of fieldsOf(spec)) {
      const fromPreset = presetColumns[field];
      let column: string | undefined;
      if (fromPreset !== undefined) {
        const has = (c: string) =>
          /\{/.test(c) ? [...c.matchAll(/\{([^{}]+)\}/g)].every((m) => findColumn(f.source.columns, m[1]!) !== undefined) : findColumn(f.source.columns, c.split(".")[0]!) !== undefined;
        const hit = [fromPreset].flat().find(has);
        if (hit === undefined) {
          if ((required.has(field) && !(field in presetDefaults)) || (field === "pod_id" && entity === "people"))
            columns.push(`    ${field}: ${todo(`${required.has(field) ? "required: " : ""}which column${field === "pod_id" ? " names the pod" : ""}? found: ${f.source.columns.join(", ")}`)}`);
          continue;
        }
        column = /\{/.test(hit) ? undefined : findColumn(f.source.columns, hit.split(".")[0]!);
      } else {
        column = columnFor(field, f.source.columns);
        if (column !== undefined) columns.push(`    ${field}: ${yamlValue(column)}`);
        else if (required.has(field)) {
          if (field === "type" && entity === "deals") defaults.push(`    type: new   # no deal type column: every deal counts as new`);
          else columns.push(`    ${field}: ${todo(`required: which column? found: ${f.source.columns.join(", ")}`)}`);
        } else if (field === "pod_id" && entity === "people")
          columns.push(`    ${field}: ${todo(`which column names the pod? found: ${f.source.columns.join(", ")}`)}`);
      }
      if (column === undefined) continue;
      // Value maps for enumerated fields, from the values the file holds.
      if (ENUMS[field] && !(f.preset && PRESETS[f.preset].mapping.values?.[field])) {
        const seen = distinct(f.source, column);
        const allowed = ENUMS[field]!;
        if (seen && seen.some((v) => !allowed.includes(v.toLowerCase()))) {
          values.push(`    ${field}:   # one of: ${allowed.join(", ")}`);
          for (const v of seen) {
            const g = guess(field, v);
            values.push(`      ${yamlKey(v)}: ${g ?? todo(`one of: ${allowed.join(", ")}`)}`);
          }
        }
      }
      // Blank cells in a required column need a default (or skip_unless).
      if (required.has(field) && f.source.format === "csv" && !(field in presetDefaults)) {
        const blank = f.source.records.filter((r) => String(r.values[column] ?? "").trim() === "").length;
        if (blank > 0) defaults.push(`    ${field}: ${todo(`${blank} of ${f.source.records.length} rows have no ${column}: the value they take (or list ${field} under skip_unless to skip them)`)}`);
      }
      // How person fields are matched: e-mails, else names.
      if ((PERSON_FIELDS[entity] ?? []).includes(field) && peopleSource && !(f.preset && PRESETS[f.preset].mapping.match?.[field])) {
        const seen = f.source.records.slice(0, 50).map((r) => String(r.values[column] ?? "")).filter((v) => v !== "");
        if (seen.length > 0 && seen.every((v) => v.includes("@"))) match.push(`    ${field}: email`);
        else if (seen.some((v) => /\s/.test(v))) match.push(`    ${field}: name`);
        needsMatch.add(field);
      }
    }
    if (f.preset && PRESETS[f.preset].mapping.match) for (const k of Object.values(PRESETS[f.preset].mapping.match!)) [k].flat().forEach((x) => needsMatch.add(x));
    if (columns.length > 0) lines.push("  columns:", ...columns);
    if (values.length > 0) lines.push("  values:", ...values);
    if (defaults.length > 0) lines.push("  defaults:", ...defaults);
    if (match.length > 0) lines.push("  match:", ...match);
    sections.push(lines);
  }

  if (peopleSource && needsMatch.size > 0) {
    const pm = ["people_match:   # how other systems' names for people (e-mails, logins, Slack ids, owner names) find a person_id"];
    if (needsMatch.has("github")) {
      const gh = ["GitHub Username", "GitHub", "GitHub Login", "github_login"].map((c) => findColumn(peopleSource.source.columns, c)).find((c) => c !== undefined);
      pm.push("  keys:", `    github: ${gh ? yamlValue(gh) : todo("the people file's column of GitHub logins (or add an identities file)")}`);
    } else pm.push("  keys: {}");
    out.push("", ...pm);
  }
  for (const s of sections) if (s.length > 0) out.push("", ...s);
  const unknown = found.filter((f) => !f.entity).map((f) => f.rel);
  if (unknown.length > 0) out.push("", `# Files not recognised (map them above if they hold an input): ${unknown.join(", ")}`);
  return { text: `${out.join("\n")}\n`, todos };
}
