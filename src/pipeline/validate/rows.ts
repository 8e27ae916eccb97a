// The validate stage: each record read from a file goes through its input's zod schema; every issue
// becomes a Problem located at the field's line and column in the file.
import type { z } from "zod";
import type { InputSpec } from "../inputs.ts";
import type { SourceRecord } from "../read/index.ts";
import type { Problem } from "./problems.ts";

export interface ValidRow<T> {
  line: number;
  data: T;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

interface SchemaNode {
  def?: { type?: string; in?: unknown; innerType?: unknown; schema?: unknown; shape?: unknown };
  shape?: Record<string, unknown>;
  safeParse?: (v: unknown) => { success: boolean };
}

/** The object shape of an input schema, looking through pipes and wrappers (superRefine keeps the ZodObject). */
function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  for (let node = schema as SchemaNode | undefined, depth = 0; node && depth < 10; depth++) {
    if (node.shape && typeof node.shape === "object") return node.shape;
    const def = node.def;
    node = (def?.in ?? def?.innerType ?? def?.schema) as SchemaNode | undefined;
  }
  return undefined;
}

/** Fields the schema requires: those whose own schema rejects a missing value. */
export function requiredFields(schema: unknown): string[] {
  const shape = shapeOf(schema);
  if (!shape) return [];
  return Object.entries(shape)
    .filter(([, field]) => (field as SchemaNode).safeParse?.(undefined).success === false)
    .map(([name]) => name);
}

/** `contributors[1].share` */
export function formatPath(path: Path): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function valueAt(values: unknown, path: Path): unknown {
  let v = values;
  for (const part of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

/** Whether a custom issue names another field of the schema, as the message of a rule across fields does. */
const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** The offending value, quoted, when it is short enough to read in a one-line report. */
function shown(v: unknown): string {
  if (typeof v === "string") {
    const s = JSON.stringify(v);
    return s.length <= 42 ? s : "";
  }
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v !== undefined) {
    const s = JSON.stringify(v);
    return s !== undefined && s.length <= 42 ? s : "";
  }
  return "";
}

/** Zod's generic messages ("Invalid input: …") read badly after a field name; replace the ones we can. */
function messageOf(issue: Issue): string {
  const m = issue.message;
  if (issue.code === "invalid_type" && m === "is required") return `must be ${issue.expected === "string" ? "text" : issue.expected}`;
  if (issue.code === "invalid_union" && m === "Invalid input") return "does not have an accepted form";
  if (issue.code === "unrecognized_keys") return `has unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return m;
}

function ruleOf(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
    case "invalid_union":
      return "type";
    case "invalid_value":
      return "enum";
    case "too_small":
    case "too_big":
      return "range";
    default:
      return /^is required\b/.test(issue.message) ? "required" : "format";
  }
}

/** Zod reports a union failure as one issue; when one alternative clearly matched the value's shape, its issues say more. */
function expand(issue: Issue): Issue[] {
  if (issue.code !== "invalid_union") return [issue];
  const branches = issue.errors.filter((errs) => errs.length > 0 && !errs.some((e) => e.code === "invalid_type" && e.path.length === 0));
  if (branches.length !== 1) return [issue];
  return branches[0]!.flatMap((e) => expand({ ...e, path: [...issue.path, ...e.path] } as Issue));
}

/** Validates the records of one input file against its schema. */
export function validateRows<T>(
  spec: InputSpec,
  displayPath: string,
  records: SourceRecord[],
  /** CSV: the header's columns (ReadResult.columns); defaults to the first record's fields. */
  columns?: readonly string[],
): { rows: ValidRow<T>[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const rows: ValidRow<T>[] = [];

  // A required CSV column missing from the header is one problem, not one per row.
  const absent = new Set<string>();
  const header = spec.format === "csv" ? (columns ?? (records[0] ? Object.keys(records[0].values) : undefined)) : undefined;
  if (header) {
    const found = new Set(header);
    for (const name of requiredFields(spec.schema)) if (!found.has(name)) absent.add(name);
    if (absent.size > 0) {
      const missing = [...absent].map((c) => `"${c}"`).join(", ");
      const list = header.length > 30 ? `${header.slice(0, 30).join(", ")}, … (${header.length} in all)` : header.join(", ");
      let hint = "";
      if (header.length === 1 && /[;\t|]/.test(header[0]!)) hint = " (the file seems separated by semicolons, tabs or bars; it must be comma-separated)";
      else {
        const near = [...absent].flatMap((c) => {
          const twin = header.find((h) => h.toLowerCase().replace(/[\s-]+/g, "_") === c);
          return twin ? [`"${twin}" for "${c}"`] : [];
        });
        if (near.length > 0) hint = ` (column names are exact: found ${near.join(", ")})`;
      }
      problems.push({
        file: displayPath, line: 1, column: 0, rule: "columns",
        message: `missing column${absent.size === 1 ? "" : "s"} ${missing}; found: ${list || "(none)"}${hint}`,
      });
    }
  }

  for (const record of records) {
    const result = spec.schema.safeParse(record.values);
    if (result.success) {
      rows.push({ line: record.line, data: result.data as T });
      continue;
    }
    const seen = new Set<string>();
    for (const issue of result.error.issues.flatMap(expand)) {
      const field = String(issue.path[0] ?? "");
      if (absent.has(field)) continue;
      const path = formatPath(issue.path);
      if (seen.has(path)) continue; // one problem per field: the first issue says it
      seen.add(path);
      const value = valueAt(record.values, issue.path);
      let rule = ruleOf(issue);
      let message = messageOf(issue);
      if (isMissing(value) && issue.code !== "unrecognized_keys") {
        // A blank value fails a field's own checks ("must be a date…"): say it is required. Keep a message from
        // a rule across fields ("is required for a won deal").
        const crossField = issue.code === "custom" && /^is required\b/.test(issue.message);
        rule = "required";
        if (!crossField) message = "is required";
      } else if (rule !== "required" && issue.code !== "unrecognized_keys") {
        const got = shown(value);
        if (got !== "") message += `, got ${got}`;
      }
      const name = path === "" ? "record" : path;
      const text = message.startsWith(`${name} `) ? message : `${name} ${message}`;
      problems.push({ file: displayPath, ...record.locate(field), rule, message: text });
    }
  }
  return { rows, problems };
}
