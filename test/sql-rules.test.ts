// The fast path's SQL-compiled rules against zod, the one source of truth (validate/sql.ts, load/fast.ts):
// - every field of every input schema, on generated values: the compiled SQL accepts exactly what zod accepts (bar the
//   documented stricter case) and gives the value zod outputs;
// - the rules across fields (a won deal needs closed_at; resolved_by and resolved_at go together), on whole rows;
// - whole files, mutated from the tiny fixture: the fast path (DuckDB reads, SQL checks, raw tables renamed in place)
//   either declines, or accepts exactly when the JavaScript path finds no problem and fills the same raw tables;
// - a construct the compiler does not know is never skipped: it throws, and that input takes the JavaScript path.
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { INPUTS, type Entity, type InputSpec } from "../src/pipeline/inputs.ts";
import { openDatabase, type Database } from "../src/pipeline/load/database.ts";
import { loadFast, readFast, validateFast } from "../src/pipeline/load/fast.ts";
import { loadInputs } from "../src/pipeline/load/inputs.ts";
import { readInput } from "../src/pipeline/read/index.ts";
import { validateRows } from "../src/pipeline/validate/rows.ts";
import { BUILD_KINDS, DEAL_STAGES, DEAL_TYPES, DealSchema, FeedbackSchema, ORIENTATIONS } from "../src/pipeline/validate/schemas.ts";
import { FUNCTIONS } from "../src/pipeline/config.ts";
import { Compiler, JS_WHITESPACE, Unsupported, canonicalNumber, csvCell, re2, render, value } from "../src/pipeline/validate/sql.ts";
import { FIXTURES } from "./helpers.ts";

const spec = (entity: Entity) => INPUTS.find((s) => s.entity === entity)! as InputSpec;
const shapeOf = (s: InputSpec) => (s.schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;

let db: Database;
let work: string;
beforeAll(async () => {
  db = await openDatabase(":memory:");
  work = await mkdtemp(join(tmpdir(), "podium-sql-rules-"));
});
afterAll(async () => {
  db.close();
  await rm(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------------
// Values

const WHITESPACE = [...JS_WHITESPACE];
/** Characters that look like whitespace but are not to String.prototype.trim. */
const NOT_WHITESPACE = ["\u200B", "\u180E", "\u0085", "\u200D"];
const UNSAFE = ["\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001F", "\u007F", "\u202A", "\u202E", "\u2066", "\u2069"];
const ASCII = ["a", "Z", "0", "7", "9", "_", ".", ":", "@", "-", "+", "e", "E", "x", "T", " ", "#", "<@", ">", "/", ",", '"', "'", "\t", "\n"];
const UNICODE = ["é", "ß", "中", "😀", "👍🏽", "\u212A" /* Kelvin sign */, "İ", "ſ"];
const TOKENS = [
  "2024-02-29", "2023-02-29", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "0099-01-01", "2024-13-01", "2024-1-01",
  "T10:20", " 23:59:59", "T24:00", "T23:60", ":59", ":60", ".123", "Z", "+14:00", "+14:01", "-13:59", "+0530", "+05:3", "+1500",
  "0.5", "1", "1.0", "-0", "-1", "1e3", "1E+2", ".5", "5.", "0x10", "1_000", "Infinity", "NaN", "1e309", "12345678901234567890",
  "0.0000001", "0.000001", "100", "25000", "1.7976931348623159e308",
  "FY2025-Q1", "FY2025-Q5", "fy2025-q1", "open", "OPEN", "won", "Lost", "feature", "Fix", "engineering", "outside sales", "vertical",
  "USD", "usd", "EURO", "<@p1>", "<@>", "1712345678.000200", "171234567", "1712345678.1234567", "p1", "pod-a", "a@b.c",
  ...[...FUNCTIONS, ...ORIENTATIONS, ...BUILD_KINDS, ...DEAL_TYPES, ...DEAL_STAGES].flatMap((e) => [e, e.toUpperCase()]),
];

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE) },
  { weight: 2, arbitrary: fc.constantFrom(...ASCII) },
  { weight: 1, arbitrary: fc.constantFrom(...UNSAFE, ...NOT_WHITESPACE) },
  { weight: 1, arbitrary: fc.constantFrom(...UNICODE) },
);
/** Mostly short strings of interesting pieces; a token padded with whitespace is often valid. */
const cellArb = fc.oneof(
  fc.array(fragment, { maxLength: 6 }).map((a) => a.join("")),
  fc.tuple(fc.array(fc.constantFrom(...WHITESPACE), { maxLength: 2 }), fc.constantFrom(...TOKENS), fc.array(fc.constantFrom(...WHITESPACE), { maxLength: 2 }))
    .map(([a, t, b]) => a.join("") + t + b.join("")),
);

/** Strings around each length limit, with characters of 1 to 4 bytes and 1 or 2 UTF-16 units (zod counts code points). */
function boundaries(): string[] {
  const out: string[] = [];
  for (const n of [1, 2, 3, 4, 100, 200, 300, 320, 1000, 2000, 4000]) {
    for (const k of [n - 1, n, n + 1]) {
      if (k < 0) continue;
      out.push("a".repeat(k), "é".repeat(k), ` ${"b".repeat(k)} `, `<@p1>${"c".repeat(Math.max(0, k - 5))}`);
      if (k >= 1) out.push(`${"d".repeat(k - 1)}😀`, `😀${"e".repeat(Math.max(0, k - 2))}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// Evaluating both

interface Verdict {
  ok: boolean;
  /** String(output) as the raw table holds it; null for undefined (or when not ok). */
  out: string | null;
}

function byZod(schema: z.ZodType, v: unknown): Verdict {
  const r = schema.safeParse(v);
  return r.success ? { ok: true, out: r.data === undefined ? null : String(r.data) } : { ok: false, out: null };
}

async function bySql(schema: z.ZodType, values: readonly string[]): Promise<Verdict[]> {
  await db.run("create or replace temp table vals (i integer, v varchar)");
  const appender = await db.connection.createAppender("vals", "main", "temp");
  values.forEach((v, i) => {
    appender.appendInteger(i);
    appender.appendVarchar(v);
    appender.endRow();
  });
  appender.flushSync();
  appender.closeSync();
  const c = new Compiler();
  const r = c.compile(schema, csvCell("v"));
  const out = `(${render(r.out)})::varchar`;
  const rows = await db.query<{ ok: boolean; out: string | null; canonical: boolean | null }>(
    `${c.select(`i, coalesce(${r.ok}, false) as ok, ${out} as out, ${canonicalNumber(out)} as canonical`, "vals")} order by i`,
  );
  const numeric = r.out.types.includes("number");
  // A number text JavaScript would write otherwise is converted by JavaScript after the check (fast.ts fixNumbers).
  return rows.map((x) => ({ ok: x.ok, out: x.ok ? (numeric && x.out !== null && !x.canonical ? String(Number(x.out)) : x.out) : null }));
}

const ENUMS = new Set(["function", "orientation", "kind", "type", "stage"]);
/** The documented stricter case: an enum value with a character outside printable ASCII takes the JavaScript path. */
const stricter = (field: string, v: string) => ENUMS.has(field) && /[^\x20-\x7e]/.test(v.trim());

describe("compiled field rules agree with zod", () => {
  const values = [...fc.sample(cellArb, { numRuns: 600, seed: 20261123 }), ...boundaries(), ...TOKENS, ""];
  const fields = INPUTS.flatMap((s) => Object.keys(shapeOf(s)).filter((f) => f !== "contributors").map((f) => [s.entity, f] as const));

  it.each(fields)("%s.%s", async (entity, field) => {
    const schema = shapeOf(spec(entity))[field]!;
    const sql = await bySql(schema, values);
    let accepted = 0;
    values.forEach((v, i) => {
      const zod = byZod(schema, v);
      const got = sql[i]!;
      if (got.ok) expect({ v, ...got }).toEqual({ v, ...zod }); // accepted by SQL: zod accepts it, with the same output
      else if (zod.ok && !stricter(field, v)) expect({ v, sql: got.ok }).toEqual({ v, sql: true });
      if (got.ok) accepted++;
    });
    expect(accepted).toBeGreaterThan(0); // the values reach the accepting side too
  });

  it("is stricter only where documented: an enum value spelled with a Kelvin sign", async () => {
    const schema = shapeOf(spec("people")).function!;
    const kelvin = "Mar\u212Aeting"; // toLowerCase() turns the Kelvin sign into "k"
    expect(byZod(schema, kelvin)).toEqual({ ok: true, out: "marketing" });
    expect(await bySql(schema, [kelvin, " Marketing "])).toEqual([{ ok: false, out: null }, { ok: true, out: "marketing" }]);
  });
});

describe("compiled rules across fields agree with zod", () => {
  it("a won or lost deal needs closed_at", async () => {
    const base = { deal_id: "d1", account: "Acme", pod_id: "", owner_id: "p1", amount: "10", currency: "", type: "new", created_at: "2025-01-01" };
    const rows = fc.sample(
      fc.record({ stage: fc.constantFrom("open", "won", "lost", "Won ", "OPEN", "closed", ""), closed_at: fc.constantFrom("", "  ", "2025-02-01", "bad") }),
      { numRuns: 80, seed: 7 },
    );
    await agreeOnRows(DealSchema, rows.map((r) => ({ ...base, ...r })));
  });

  it("resolved_by and resolved_at go together", async () => {
    const base = { feedback_id: "f1", account: "Acme", captured_by: "p1", received_at: "2025-01-01", summary: "More exports" };
    const rows = fc.sample(
      fc.record({ resolved_by: fc.constantFrom("", " ", "b1", "b 1"), resolved_at: fc.constantFrom("", "\u3000", "2025-02-01", "2025-02-30") }),
      { numRuns: 60, seed: 8 },
    );
    await agreeOnRows(FeedbackSchema, rows.map((r) => ({ ...base, ...r })));
  });
});

async function agreeOnRows(schema: z.ZodObject, rows: Record<string, string>[]): Promise<void> {
  const fields = Object.keys(schema.shape);
  await db.run(`create or replace temp table vals (i integer, ${fields.map((f) => `"${f}" varchar`).join(", ")})`);
  for (const [i, r] of rows.entries()) await db.run(`insert into vals values (${i}, ${fields.map((_, k) => `$${k + 1}`).join(", ")})`, fields.map((f) => r[f] ?? ""));
  const c = new Compiler();
  const row = c.compileRow(schema, (f) => csvCell(`"${f}"`));
  const got = await db.query<{ ok: boolean }>(`${c.select(`i, coalesce(${row.ok}, false) as ok`, "vals")} order by i`);
  rows.forEach((r, i) => expect({ r, ok: got[i]!.ok }).toEqual({ r, ok: schema.safeParse(r).success }));
}

describe("what the compiler does not know", () => {
  const compile = (schema: z.ZodType) => new Compiler().compile(schema, csvCell("v"));

  it("throws instead of skipping a rule", () => {
    expect(() => compile(z.string().email())).toThrow(Unsupported);
    expect(() => compile(z.string().refine((s) => s.length > 2))).toThrow(Unsupported);
    expect(() => compile(z.string().toLowerCase())).toThrow(Unsupported);
    expect(() => compile(z.preprocess((v) => v, z.string()))).toThrow(Unsupported);
    expect(() => compile(z.coerce.number())).toThrow(Unsupported);
    expect(() => compile(z.boolean())).toThrow(Unsupported);
    expect(() => compile(z.string().regex(/^\s+$/))).toThrow(Unsupported); // RE2's \s is not JavaScript's
    expect(() => compile(z.string().regex(/^a.b$/))).toThrow(Unsupported); // nor is its "."
    expect(() => compile(z.string().regex(/^[^a]{2}$/))).toThrow(Unsupported); // a negated class counts UTF-16 units
    expect(() => compile(z.string().regex(/a/i))).toThrow(Unsupported);
    expect(() => new Compiler().compileRow(z.object({ a: z.string() }).superRefine(() => {}), () => csvCell("v"))).toThrow(Unsupported);
  });

  it("translates the regex subset it takes to the same RE2 pattern", () => {
    expect(re2(/^[A-Za-z0-9_.:@-]+$/)).toBe("^[A-Za-z0-9_.:@-]+$");
    expect(re2(/^\d{9,11}(\.\d{1,6})?$/)).toBe("^[0-9]{9,11}(\\.[0-9]{1,6})?$");
    expect(re2(/[\u0000-\u0008\u202A]/g, true)).toBe("[\\x{0}-\\x{8}\\x{202A}]");
  });

  it("compiles every input schema", () => {
    for (const s of INPUTS) {
      const c = new Compiler();
      const source = (f: string) => (f === "contributors" ? value(["array"], { list: "l" }) : csvCell("v"));
      expect(() => c.compileRow(s.schema, source), s.entity).not.toThrow();
    }
  });

  it("sends an input whose schema does not compile to the JavaScript path", async () => {
    const people = spec("people");
    const odd = { ...people, schema: (people.schema as unknown as z.ZodObject).extend({ email: z.string().email().optional() }) } as InputSpec;
    const fast = await readFast(odd, join(FIXTURES, "tiny/people.csv"), "people.csv");
    expect(fast).toBeDefined();
    expect(await validateFast(db, fast!)).toBe("declined");
    expect(await validateFast(db, (await readFast(people, join(FIXTURES, "tiny/people.csv"), "people.csv"))!)).toBe("valid");
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Whole files: the fast path against the JavaScript path

interface Outcome {
  /** "read": the fast path declined the file's form; "declined": its value kinds; "rows": a row failed its rules; "ok": taken. */
  fast: "read" | "declined" | "rows" | "ok";
  js: boolean;
  fastTables?: Record<string, unknown[]>;
  jsTables?: Record<string, unknown[]>;
}

async function tablesOf(d: Database, entity: string): Promise<Record<string, unknown[]>> {
  const names = entity === "build" ? ["raw_build", "raw_build_contributors"] : [`raw_${entity}`];
  const out: Record<string, unknown[]> = {};
  for (const n of names) {
    const columns = await d.query<{ name: string; type: string }>(`select name, type from pragma_table_info('${n}')`);
    out[n] = [columns, ...(await d.query(`select * from ${n}`))];
  }
  return out;
}

async function compare(s: InputSpec, path: string): Promise<Outcome> {
  const fastDb = await openDatabase(":memory:");
  const jsDb = await openDatabase(":memory:");
  try {
    const outcome: Outcome = { fast: "read", js: false };
    const fast = await readFast(s, path, s.file);
    if (fast) {
      outcome.fast = { valid: "ok", invalid: "rows", declined: "declined" }[await validateFast(fastDb, fast)] as Outcome["fast"];
      if (outcome.fast === "ok") {
        await loadFast(fastDb, fast);
        outcome.fastTables = await tablesOf(fastDb, s.entity);
      }
    }
    const read = await readInput(path, s.file, s.format);
    const valid = validateRows<Record<string, unknown>>(s, s.file, read.records, read.columns);
    outcome.js = read.problems.length === 0 && valid.problems.length === 0;
    if (outcome.js) {
      await loadInputs(jsDb, [{ spec: s, displayPath: s.file, present: true, countRead: read.records.length, rows: valid.rows }]);
      outcome.jsTables = await tablesOf(jsDb, s.entity);
    }
    return outcome;
  } finally {
    fastDb.close();
    jsDb.close();
  }
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pad = (r: () => number, v: string) => (r() < 0.5 ? pick(r, WHITESPACE) : "") + v + (r() < 0.5 ? pick(r, WHITESPACE) : "");

/** A variation of a cell that often keeps it valid (and sometimes does not). */
function vary(r: () => number, v: string): string {
  const x = r();
  if (x < 0.15) return pad(r, v);
  if (x < 0.25) return r() < 0.5 ? v.toUpperCase() : v[0]?.toUpperCase() + v.slice(1);
  if (x < 0.35 && /^\d+(\.\d+)?$/.test(v)) return pick(r, [`+${v}`, `${v}.0`, `${v}e0`, `0${v}`, Number(v).toExponential(), ` ${v} `, `-${v}`]);
  if (x < 0.45 && /^\d{4}-\d{2}-\d{2}/.test(v))
    return pick(r, [`${v.slice(0, 10)}T10:00`, `${v.slice(0, 10)} 23:59:59.5+05:30`, `${v.slice(0, 10)}T10:00:00Z`, `${v.slice(0, 10)}T24:00`, `${v.slice(0, 10)}T10:00+1401`, v.slice(0, 9)]);
  if (x < 0.5) return "";
  if (x < 0.55) return `${v}${pick(r, UNSAFE)}`;
  if (x < 0.6) return `${pick(r, UNICODE)}${v}`;
  if (x < 0.63) return fc.sample(cellArb, { numRuns: 1, seed: Math.floor(r() * 1e9) })[0]!;
  return v;
}

function csvCellText(r: () => number, v: string): string {
  const quote = /[",\n]/.test(v) || r() < 0.15;
  return quote ? `"${v.replaceAll('"', '""')}"` : v;
}

async function mutateCsv(r: () => number, s: InputSpec, target: string): Promise<void> {
  const read = await readInput(join(FIXTURES, "tiny", s.file), s.file, "csv");
  const header = read.columns!;
  const lines = [header.join(",")];
  const intensity = r() * r() * 0.4; // most files change a little, some a lot
  for (const record of read.records) {
    if (r() < 0.1) lines.push(""); // a blank line: records no longer one a line
    let cells = header.map((h) => String(record.values[h] ?? ""));
    cells = cells.map((v) => (r() < intensity ? vary(r, v) : v));
    if (r() < 0.05) cells[Math.floor(r() * cells.length)] += "\nmore"; // a line break inside a quoted cell
    lines.push(cells.map((v) => csvCellText(r, v)).join(","));
    if (r() < 0.1) lines.push(lines.at(-1)!); // the same row twice (duplicates are the reference checks' business)
  }
  await writeFile(target, lines.join("\n") + (r() < 0.7 ? "\n" : ""));
}

/** A JSON value whose number may be written as raw text (e.g. 8.0), which JSON.stringify would not keep. */
const RAW = "\u0001raw:";
const raw = (text: string) => `${RAW}${text}`;
const stringify = (v: unknown, space?: number) => JSON.stringify(v, null, space).replace(/"\\u0001raw:([^"]*)"/g, "$1");

function varyJson(r: () => number, key: string, v: unknown): unknown {
  const x = r();
  if (typeof v === "number") return x < 0.2 ? String(v) : x < 0.35 ? raw(`${v}.0`) : x < 0.45 ? raw(`${v}e0`) : x < 0.5 ? ` ${v} ` : v;
  if (typeof v === "string") return x < 0.05 ? 7 : x < 0.08 ? null : vary(r, v);
  if (Array.isArray(v) && key === "contributors")
    return v.map((c) => {
      if (typeof c === "string") return r() < 0.3 ? { person_id: vary(r, c), share: r() < 0.5 ? 0.5 : "0.50" } : vary(r, c);
      const o = c as Record<string, unknown>;
      const y = r();
      if (y < 0.2) return o.person_id;
      if (y < 0.3) return { person_id: o.person_id };
      if (y < 0.35) return { ...o, extra: 1 };
      if (y < 0.5) return { ...o, share: varyJson(r, "share", o.share) };
      return o;
    });
  return v;
}

async function mutateJson(r: () => number, s: InputSpec, target: string): Promise<void> {
  const read = await readInput(join(FIXTURES, "tiny", s.file), s.file, s.format);
  const intensity = r() * r() * 0.4; // most files change a little, some a lot
  const records = read.records.flatMap((rec) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec.values)) if (r() < 0.97) o[k] = r() < intensity ? varyJson(r, k, v) : v;
    if (r() < 0.1) o.unknown_key = "kept out";
    return r() < 0.15 ? [o, o] : [o];
  });
  if (s.format === "jsonl") await writeFile(target, records.map((o) => stringify(o) + (r() < 0.1 ? "\n" : "")).join("\n") + "\n");
  else {
    const space = r() < 0.5 ? 2 : undefined;
    const text = r() < 0.5 ? stringify(records, space) : `[\n${records.map((o) => stringify(o)).join(r() < 0.5 ? ",\n" : ", ")}\n]`;
    await writeFile(target, text);
  }
}

describe("the fast path against the JavaScript path, on whole files", () => {
  it.each(INPUTS.filter((s) => s.entity !== "memberships").map((s) => s.entity))(
    "%s: takes a file only when zod finds no problem, and loads the same raw tables",
    async (entity) => {
      const s = spec(entity);
      const seen = { read: 0, declined: 0, rows: 0, ok: 0, jsOk: 0 };
      for (let run = 0; run < 50; run++) {
        const r = mulberry32(run * 7919 + entity.length);
        const path = join(work, `${entity}-${run}-${s.file}`);
        if (run === 0) await copyFile(join(FIXTURES, "tiny", s.file), path);
        else if (s.format === "csv") await mutateCsv(r, s, path);
        else await mutateJson(r, s, path);
        const o = await compare(s, path);
        seen[o.fast]++;
        if (o.js) seen.jsOk++;
        const label = `${entity} run ${run}:\n${(await readFile(path, "utf8")).slice(0, 2000)}`;
        if (o.fast === "ok") {
          expect(o.js, label).toBe(true);
          expect(o.fastTables, label).toEqual(o.jsTables);
        }
        if (o.fast === "rows") expect(o.js, `${label}\n(the SQL rejected a file zod accepts)`).toBe(false);
        await rm(path);
      }
      if (process.env.SQL_RULES_STATS) console.log(entity, JSON.stringify(seen));
      expect(seen.ok, JSON.stringify(seen)).toBeGreaterThanOrEqual(3); // the fast path did take files
      expect(seen.rows + seen.read + seen.declined, JSON.stringify(seen)).toBeGreaterThanOrEqual(3); // and declined some
    },
    120_000,
  );
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
