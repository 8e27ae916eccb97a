// The fast path of the fixed-format data folder: DuckDB reads each input file itself, the input's zod schema runs as
// SQL over all its rows (validate/sql.ts says why, and how it is compiled), and the raw table is made in SQL.
//
//   read      readFast:     the file's bytes are checked (within the limits, UTF-8, no CR, no NUL, a BOM only on a
//                           CSV) and scanned (read/scan.ts): only the plain form of CSV / JSON Lines / JSON is taken,
//                           with each record's line and byte range, and for JSON the kinds of value each field held.
//   validate  validateFast: one pass: DuckDB reads the file (read_csv all text / read_json, text columns) and the
//                           compiled schema marks each row ok or not with its output, into a table in the raw
//                           table's form; the contributors of build items likewise. The rows must be as many as the
//                           scan found (and for CSV the cells' bytes add up to the scan's), and all ok.
//   load      loadFast:     the checked tables are renamed into place as raw_* (the build's database is in memory:
//                           in a database file, writing them cost as much as checking them).
//
// Optimistic: anything unexpected at any step — a byte form the scanner does not take, a DuckDB error, a count that
// differs, a row failing a rule, a schema or a mix of JSON value kinds the compiler does not take — and the caller runs
// that input through the JavaScript path (readers → zod → appender), which reports every problem exactly as it always
// has. So the fast path never reports a problem itself: it only ever says "every row passes, and here they are".
// Numbers: a number's text is kept when it already is JavaScript's String(Number(text)); the few others are converted
// by JavaScript (`fixNumbers`), so no number is formatted by SQL. A reference check's hit (validate/references.ts) in
// a fast input is located by `recordsAt`, which decodes just that record's bytes and makes the record as the reader
// would have.
//
// Measured at 10,000 people × 12 quarters (1.06 M records, 128 MB) on the loaded 2-core machine: the JavaScript path
// read 5–10 s, validated 5–7 s and appended 5 s (17–28 s in all, 1.2–2.5 GB peak); the fast path reads (scans) in
// ~1.5 s and validates in ~4.5 s, the raw tables then cost nothing to load, at ~0.6 GB peak.
import { isUtf8 } from "node:buffer";
import { open, readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { InputSpec } from "../inputs.ts";
import type { SourceRecord } from "../read/index.ts";
import { csvRecords } from "../read/csv.ts";
import { jsonRecords } from "../read/json.ts";
import { checkFileLimits } from "../read/limits.ts";
import { KIND, scanCsv, scanJsonArray, scanJsonl, type CsvScan, type NestedKinds, type Scan } from "../read/scan.ts";
import { requiredFields, type ValidRow } from "../validate/rows.ts";
import {
  absent, canonicalNumber, Compiler, csvCell, elementOf, iff, lit, objectKeys, render, Unsupported, value, type Compiled, type JsType, type SqlValue,
} from "../validate/sql.ts";
import type { Database } from "./database.ts";

/** An input on the fast path, from read to load. */
export interface FastInput {
  spec: InputSpec;
  path: string;
  scan: Scan & { header?: string[]; kinds?: Uint8Array; nested?: NestedKinds };
  /** The DuckDB table function reading the file (validateFast reads it once, checking as it goes). */
  read: string;
  /** The file's size: validating a larger file takes longer (the validate stage starts the largest first). */
  bytes: number;
  /**
   * After validateFast: the table holding the checked rows (the raw table's columns, then `drop`), and the same for
   * the nested table (raw_build_contributors).
   */
  checked?: { table: string; rows: string; drop: string[]; columns: string[]; nested?: { table: string; checked: string; drop: string[] } };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Nested fields get their own table; every other field is one text column (as load/inputs.ts loads them). */
export const NESTED: Record<string, string> = { contributors: "build_contributors" };

/** Fields of an input's row schema, in the schema's order. */
const fieldsOf = (spec: InputSpec) => Object.keys((spec.schema as unknown as { shape: Record<string, unknown> }).shape);

const BOM = [0xef, 0xbb, 0xbf];
const hasBom = (b: Uint8Array, at: number) => b[at] === BOM[0] && b[at + 1] === BOM[1] && b[at + 2] === BOM[2];

/**
 * Reads and scans the file at `path`: a FastInput if its form is one DuckDB reads exactly as the JavaScript reader,
 * undefined if not (the caller reads it with the JavaScript reader).
 */
export async function readFast(spec: InputSpec, path: string, displayPath: string): Promise<FastInput | undefined> {
  path = resolve(path);
  if (/[*?[\]{}]/.test(path)) return undefined; // DuckDB would read these as a glob
  if (await checkFileLimits(path, displayPath, spec.format)) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const bytes = await readFile(path);
  if (bytes.indexOf(13) !== -1 || bytes.indexOf(0) !== -1 || !isUtf8(bytes)) return undefined;
  const bom = hasBom(bytes, 0);
  if (bom && (spec.format !== "csv" || hasBom(bytes, 3))) return undefined;

  let scan: FastInput["scan"] | undefined;
  let read: string;
  if (spec.format === "csv") {
    const csv = scanCsv(bytes, bom ? 3 : 0);
    if (!csv || !csvHeaderFits(spec, csv.header)) return undefined;
    scan = csv;
    const columns = csv.header.map((_, i) => `${lit(`c${i}`)}: 'VARCHAR'`).join(", ");
    read = `read_csv(${lit(path)}, header = false, skip = 1, columns = {${columns}}, delim = ',', quote = '"', escape = '"',
      new_line = '\\n', auto_detect = false, strict_mode = true, allow_quoted_nulls = false, null_padding = false, comment = '')`;
  } else {
    // DuckDB reads each field as text (the nested one as a list of JSON); the scan tells what kinds of value each held.
    const fields = fieldsOf(spec);
    const nestedField = fields.find((f) => f in NESTED);
    const shape = (spec.schema as unknown as { shape: Record<string, unknown> }).shape;
    const probe = {
      fields,
      ...(nestedField ? { nested: { field: nestedField, keys: objectKeys(elementOf(shape[nestedField])) } } : {}),
    };
    const json = spec.format === "jsonl" ? scanJsonl(bytes, probe) : scanJsonArray(bytes, probe);
    if (!json) return undefined;
    scan = json;
    const columns = fields.map((f) => `${lit(f)}: ${f in NESTED ? "'JSON[]'" : "'VARCHAR'"}`).join(", ");
    read = `read_json(${lit(path)}, format = ${spec.format === "jsonl" ? "'newline_delimited'" : "'array'"}, columns = {${columns}})`;
  }
  return { spec, path, scan, read, bytes: bytes.length };
}

/** The header has no duplicate name (the reader reports one) and every column the schema requires. */
function csvHeaderFits(spec: InputSpec, header: readonly string[]): boolean {
  const named = header.filter((h) => h !== "");
  if (new Set(named).size !== named.length) return false;
  return requiredFields(spec.schema).every((f) => named.includes(f));
}


/**
 * Runs the compiled schema over the input's rows. "valid" when every row passes: the checked rows then wait, already in
 * the raw table's form, for loadFast to put them in place. Otherwise the input takes the JavaScript path: "invalid"
 * when some row fails a rule, "declined" when the schema (or a mix of JSON value kinds) does not compile, or DuckDB
 * did not read the file as the scan did.
 */
export async function validateFast(db: Database, input: FastInput): Promise<"valid" | "invalid" | "declined"> {
  const { spec, scan } = input;
  const table = `raw_${spec.entity}`;
  try {
    const c = new Compiler();
    const fields = fieldsOf(spec);
    let source: (field: string) => SqlValue;
    let from: string;
    // `_ord`: the record's index (the reader keeps the file's order, and so does row_number() over ()); `_cells`: the
    // bytes of its CSV cells, which must add up to the scan's.
    if (scan.header) {
      const header = scan.header;
      source = (f) => (header.includes(f) ? csvCell(`c${header.indexOf(f)}`) : absent());
      const cells = header.map((_, i) => `strlen(coalesce(c${i}, ''))`).join(" + ");
      from = `(select row_number() over () - 1 as _ord, ${cells} as _cells, * from ${input.read})`;
    } else {
      const kinds = scan.kinds!;
      source = (f) => jsonField(`j${fields.indexOf(f)}`, kinds[fields.indexOf(f)]!, f in NESTED);
      from = `(select row_number() over () - 1 as _ord, 0 as _cells, ${fields.map((f, i) => `${quote(f)} as j${i}`).join(", ")} from ${input.read})`;
    }
    from = await withLines(db, input, from);
    const row = c.compileRow(spec.schema, source);
    const columns: string[] = [];
    const numbers: string[] = [];
    const select: string[] = [];
    let nested: { field: string; compiled: Compiled } | undefined;
    for (const f of fields) {
      const r = row.fields[f]!;
      if (f in NESTED) {
        if (!r.array) throw new Unsupported(`nested field ${f} that is not an array`);
        nested = { field: f, compiled: r };
        continue;
      }
      if (r.array || r.options) throw new Unsupported(`field ${f}: an array or a union outside ${Object.keys(NESTED).join(", ")}`);
      select.push(`(${render(r.out)})::varchar as ${quote(f)}`);
      columns.push(f);
      if (r.out.types.includes("number")) numbers.push(f);
    }
    // The raw table's columns first (load/inputs.ts makes the same), then what loadFast drops.
    select.push("_line::integer as _line", `coalesce(${row.ok}, false) as _ok`, "_cells");
    if (nested) select.push(`${nested.compiled.array!.list} as _nested`);
    const rows = checkedName(table);
    await db.run(`create or replace table ${quote(rows)} as ${c.select(select.join(", "), from)}`);
    const [counts] = await db.query<{ n: number; bad: number; cells: number }>(
      `select count(*)::double as n, count(*) filter (where not _ok)::double as bad, coalesce(sum(_cells), 0)::double as cells from ${quote(rows)}`,
    );
    if (counts!.n !== scan.rows || (scan.header && counts!.cells !== (scan as CsvScan).cellBytes)) return "declined"; // DuckDB read it otherwise
    if (counts!.bad > 0) return "invalid";
    for (const f of numbers) await fixNumbers(db, rows, f);

    let nestedChecked: { table: string; checked: string; drop: string[] } | undefined;
    if (nested) {
      // One row per element, in the rows' order and each row's elements in theirs, with the row's key (build's id).
      const e = new Compiler("_e");
      const element = nested.compiled.array!.element;
      const keys = objectKeys(element);
      const r = e.compile(element, elementValue("_elem", "_obj", scan.nested!, keys));
      const { person, share, numeric } = contributorColumns(r);
      const nestedTable = `raw_${NESTED[nested.field]}`;
      const elements = checkedName(nestedTable);
      // `_obj`: an element object's fields as text, parsed once (kinds from the scan say what each held)
      const struct = `{${keys.map((k) => `${JSON.stringify(k)}: "VARCHAR"`).join(", ")}}`;
      const from = `(select *, ${keys.length > 0 ? `from_json(_elem, ${lit(struct)})` : "NULL"} as _obj
        from (select _line, "id" as _parent, unnest(_nested) as _elem, generate_subscripts(_nested, 1) as _pos from ${quote(rows)}))`;
      await db.run(`create or replace table ${quote(elements)} as ${e.select(
        `_parent::varchar as build_id, (${person})::varchar as person_id, (${share})::varchar as share, _line, _pos::integer as _position, coalesce(${r.ok}, false) as _ok`,
        from,
      )}`);
      const [badElements] = await db.query<{ n: number }>(`select count(*)::integer as n from ${quote(elements)} where not _ok`);
      if (badElements!.n > 0) return "invalid";
      if (numeric) await fixNumbers(db, elements, "share");
      nestedChecked = { table: nestedTable, checked: elements, drop: ["_ok"] };
    }
    input.checked = { table, rows, drop: ["_ok", "_cells", ...(nested ? ["_nested"] : [])], columns, ...(nestedChecked ? { nested: nestedChecked } : {}) };
    return "valid";
  } catch (error) {
    if (!(error instanceof Unsupported) && !isDuckDbError(error)) throw error;
    return "declined";
  } finally {
    await db.run(`drop table if exists ${quote(linesName(input))}`); // a temp table: this connection's own
    if (!input.checked) await dropFast(db, input);
  }
}

/** The table a raw table's checked rows are written to, until loadFast puts them in place. */
const checkedName = (table: string) => `${table}__checked`;

/**
 * A JSON field read as text (or as a JSON[] list, nested), given the kinds of value the scan saw it hold. Only a field
 * that is always a string, or always a number (or an array, nested), possibly absent, has a type the column keeps;
 * any other mix (a number in one record and a string in the next, a null…) sends the input to the JavaScript path.
 */
export function jsonField(column: string, kinds: number, nested: boolean): SqlValue {
  const present = kinds & ~KIND.absent;
  if (present === 0) return absent();
  const type: JsType | undefined =
    present === KIND.string ? "string" : present === KIND.number ? "number" : present === KIND.array && nested ? "array" : undefined;
  if (!type) throw new Unsupported(`a JSON field holding several kinds of value (${kinds})`);
  const maybeAbsent = (kinds & KIND.absent) !== 0;
  const parts = type === "string" ? { str: column } : type === "number" ? { num: `try_cast(${column} as double)`, numText: column } : { list: column };
  return value(maybeAbsent ? ["undefined", type] : [type], {
    ...parts,
    ...(maybeAbsent ? { type: `(case when ${column} is null then 'undefined' else ${lit(type)} end)` } : {}),
  });
}

/**
 * An element of an array field (`elem`, JSON), given what the scan saw the elements hold: strings and objects only,
 * each object key always one kind (or absent). An object's fields come from `obj`, the element parsed once into a
 * struct of text fields; whether an element is a string or an object is told by its JSON text's first character.
 */
function elementValue(elem: string, obj: string, nested: NestedKinds, keys: string[]): SqlValue {
  const kinds = nested.elements;
  if (kinds & ~(KIND.string | KIND.object)) throw new Unsupported(`array elements other than strings and objects (${kinds})`);
  const types: JsType[] = [];
  if (kinds & KIND.string) types.push("string");
  if (kinds & KIND.object) types.push("object");
  if (types.length === 0) return absent(); // no element at all
  const fields = Object.fromEntries(keys.map((k, i) => [k, jsonField(`${obj}.${quote(k)}`, nested.keys[i]!, false)]));
  const isString = `left(${elem}::varchar, 1) = '"'`;
  return value(types, {
    ...(types.length > 1 ? { type: `(case when ${isString} then 'string' else 'object' end)` } : {}),
    str: types.length > 1 ? `(case when ${isString} then ${elem} ->> '$' end)` : `(${elem} ->> '$')`,
    json: elem,
    ...(kinds & KIND.object ? { fields, closed: !nested.otherKeys } : {}),
  });
}

/** DuckDB's errors (a cast, a reader) mean "not this way": the JavaScript path takes over. */
const isDuckDbError = (e: unknown) => e instanceof Error && /Error:/.test(e.message);

/**
 * The contributor columns as load/inputs.ts writes them: an id string is the person with no share, an object gives
 * its person_id and share. `r` is the element's union: the first option that passes is zod's output.
 */
function contributorColumns(r: Compiled): { person: string; share: string; numeric: boolean } {
  let person = "NULL";
  let share = "NULL";
  let numeric = false;
  for (const o of [...(r.options ?? [r])].reverse()) {
    let p: string;
    let s = "NULL";
    if (o.out.types.length === 1 && o.out.types[0] === "string") p = render(o.out);
    else if (o.out.fields?.person_id) {
      p = render(o.out.fields.person_id);
      const sv = o.out.fields.share;
      if (sv) {
        s = render(sv);
        numeric ||= sv.types.includes("number");
      }
    } else throw new Unsupported("a contributor that is neither an id nor {person_id, share}");
    person = iff(o.ok, p, person);
    share = iff(o.ok, s, share);
  }
  return { person, share, numeric };
}

/**
 * Number cells hold the number's text as written (trimmed); the raw tables hold JavaScript's String(Number(text)).
 * Texts that already are that (canonicalNumber) stay; the few others are converted here, by JavaScript itself.
 */
async function fixNumbers(db: Database, name: string, column: string): Promise<void> {
  const table = quote(name);
  const col = quote(column);
  const odd = await db.query<{ t: string }>(`select distinct ${col} as t from ${table} where ${col} is not null and not ${canonicalNumber(col)}`);
  if (odd.length === 0) return;
  await db.run("create or replace temp table _number_texts (t varchar, s varchar)");
  const appender = await db.connection.createAppender("_number_texts", "main", "temp");
  try {
    for (const { t } of odd) {
      appender.appendVarchar(t);
      appender.appendVarchar(String(Number(t)));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await db.run(`update ${table} set ${col} = n.s from _number_texts n where ${table}.${col} = n.t`);
  await db.run("drop table _number_texts");
}

/**
 * `from` with each record's `_line`: its index plus the first record's line when the records are one a line, else
 * the scan's lines, put side by side with the records (a positional join keeps the order).
 */
async function withLines(db: Database, input: FastInput, from: string): Promise<string> {
  const { scan } = input;
  if (scan.sequential) return `(select *, (_ord + ${scan.lines[0] ?? 0})::integer as _line from ${from})`;
  const name = linesName(input);
  await db.run(`create or replace temp table ${quote(name)} (_line integer)`);
  const appender = await db.connection.createAppender(name, "main", "temp");
  try {
    for (const line of scan.lines) {
      appender.appendInteger(line);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return `(select * from ${from} positional join ${quote(name)})`;
}

/**
 * Puts the checked rows in place as the input's raw table (and its nested table): the checked tables already hold
 * their rows in file order and their columns, so they are renamed, not copied. The sources row is written by the
 * caller.
 */
export async function loadFast(db: Database, input: FastInput): Promise<void> {
  const checked = input.checked!;
  const put = async (table: string, rows: string, drop: string[]) => {
    await db.run(`drop table if exists ${quote(table)}`);
    for (const column of drop) await db.run(`alter table ${quote(rows)} drop column ${quote(column)}`);
    await db.run(`alter table ${quote(rows)} rename to ${quote(table)}`);
  };
  await put(checked.table, checked.rows, checked.drop);
  if (checked.nested) await put(checked.nested.table, checked.nested.checked, checked.nested.drop);
  await dropFast(db, input);
}

/** The rows of a raw table as validated rows (`data` without its absent fields), in file order. */
export async function rowsOf(db: Database, table: string): Promise<ValidRow<Record<string, unknown>>[]> {
  const rows = await db.query<Record<string, unknown>>(`select * from ${quote(table)} order by _line`);
  return rows.map(({ _line, ...data }) => ({
    line: _line as number,
    data: Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null)),
  }));
}

/** Drops the input's checked tables (unless loadFast put them in place). */
export async function dropFast(db: Database, input: FastInput): Promise<void> {
  const nested = fieldsOf(input.spec).filter((f) => f in NESTED).map((f) => `raw_${NESTED[f]}`);
  for (const t of [`raw_${input.spec.entity}`, ...nested]) await db.run(`drop table if exists ${quote(checkedName(t))}`);
}

/** The temp table of a file's record lines, while validateFast reads it. */
const linesName = (input: FastInput) => `_lines_${input.spec.entity}`;

/**
 * The record starting on `line`, made on demand as the JavaScript reader would have made it (for locating a reference
 * check's hit); undefined when no record starts there (the reader's index keeps the last record starting on a line).
 * Only that record's bytes are decoded, from the start of its line: lines and columns count from there as in the file.
 */
export function recordsAt(input: FastInput): (line: number) => Promise<SourceRecord | undefined> {
  const { scan, spec } = input;
  const decoder = new TextDecoder("utf-8");
  return async (line) => {
    const k = lastOn(scan.lines, line);
    if (k < 0) return undefined;
    const from = scan.lineStarts[k]!;
    const bytes = Buffer.alloc(scan.ends[k]! - from);
    const file = await open(input.path, "r");
    try {
      await file.read(bytes, 0, bytes.length, from);
    } finally {
      await file.close();
    }
    const text = decoder.decode(bytes);
    const start = decoder.decode(bytes.subarray(0, scan.starts[k]! - from)).length;
    if (spec.format === "csv") return csvRecords(text, scan.header!)(start, line);
    return jsonRecords(text)(start, text.length, line, 0);
  };
}

/** Index of the last of the (ascending) `lines` equal to `line`; -1 when none is. */
function lastOn(lines: Int32Array, line: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! <= line) {
      if (lines[mid] === line) found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
