// The input schemas compiled to SQL, so DuckDB can check a whole file's rows the way zod checks one row.
//
// Why. At 10,000 people (1 M records) reading every row into JavaScript objects, validating each through zod and
// appending each value to DuckDB took ~17 s of a 60 s budget (read 5 s, zod 6.5 s, appender 5 s); DuckDB reads the
// same files in ~2 s. Worker threads would not close that gap on a two-core machine, and they still pay for the
// objects and the appender. So the fixed-format data folder takes an optimistic fast path (load/fast.ts): DuckDB reads
// each file, the zod schema's rules run as SQL over its rows, and when every row passes the raw table is made in SQL.
// When any row fails, the file goes through the exact JavaScript path (read → zod → appender), which reports every
// problem at its file:line:column as before: the SQL only ever says "all rows pass, and here are their values".
//
// One source of truth. The compiler walks the zod schema itself: objects, pipes, optional, string checks (lengths,
// regex, trim), number checks (bounds), enums, arrays, unions. The few rules written as JavaScript functions (the
// preprocessors of fields.ts, a refine, a superRefine) carry a SQL twin registered next to them (`sqlTransform`,
// `sqlRefine`, `sqlCrossField`); test/sql-rules.test.ts checks every twin and every field against zod on generated
// values. Anything the compiler does not know — another check kind, a function without a twin, a regex feature RE2
// reads differently — throws `Unsupported`, and that input takes the JavaScript path: a rule is never skipped.
//
// Exactness. The compiled predicate must never accept a value zod rejects, and must give the value zod outputs
// (the raw tables hold `String(output)`). Where the SQL cannot be exact cheaply it is stricter (the value then takes
// the JavaScript path): an enum value with a non-ASCII character (JavaScript's toLowerCase maps the Kelvin sign to
// "k"). A number's text is kept when it is already what `String(Number(text))` gives (`canonicalNumber`); other
// number texts are converted by JavaScript itself after the check (load/fast.ts), so no number is formatted in SQL.
import type { z } from "zod";

export class Unsupported extends Error {
  constructor(message: string) {
    super(`cannot compile to SQL: ${message}`);
    this.name = "Unsupported";
  }
}

/** JavaScript types a value can have while it is parsed (JSON null and booleans are "other": no schema takes them). */
export type JsType = "undefined" | "string" | "number" | "object" | "array" | "other";

/**
 * A value as the SQL sees it: which JavaScript types it may have and SQL expressions for it under each.
 * `types` lists the possible types; `type` is a SQL expression giving the actual one (needed when there are several).
 */
export interface SqlValue {
  types: readonly JsType[];
  type: string;
  /** VARCHAR: the string, when the type is "string". */
  str: string;
  /** DOUBLE: the number, when the type is "number". */
  num: string;
  /** VARCHAR: a decimal text whose Number() is the number (the output is String(Number(numText))). */
  numText: string;
  /** JSON: the value itself, when it comes from a JSON file (objects, arrays, and nested fields are read from it). */
  json: string;
  /** JSON[]: an array's elements, when the reader gave them as a list (else they are read from `json`). */
  list?: string;
  /**
   * The fields of an object: of an output, or of an input whose fields the reader already split out (then `closed`
   * says whether the object is known to have no other key).
   */
  fields?: Record<string, SqlValue>;
  closed?: boolean;
}

/** A compiled schema: whether the value passes, and what zod would output. */
export interface Compiled {
  ok: string;
  out: SqlValue;
  /** Arrays: checked element by element in a query of their own (see `ArrayField`). */
  array?: ArrayField;
  /** Unions: each option's result, in order (zod outputs the first that passes). */
  options?: Compiled[];
}

/** A top-level array field: its elements (`list`, a JSON[]) are unnested and checked by `element`, compiled over each. */
export interface ArrayField {
  list: string;
  element: z.ZodType;
}

// ---------------------------------------------------------------------------------------------------------------------
// SQL text helpers

/** A SQL string literal (any character, as UTF-8 in the statement). */
export const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

export const TRUE = "true";
export const FALSE = "false";

export function and(...xs: string[]): string {
  if (xs.includes(FALSE)) return FALSE;
  const rest = xs.filter((x) => x !== TRUE);
  return rest.length === 0 ? TRUE : rest.length === 1 ? rest[0]! : `(${rest.join(" and ")})`;
}

export function or(...xs: string[]): string {
  if (xs.includes(TRUE)) return TRUE;
  const rest = xs.filter((x) => x !== FALSE);
  return rest.length === 0 ? FALSE : rest.length === 1 ? rest[0]! : `(${rest.join(" or ")})`;
}

export const not = (x: string) => (x === TRUE ? FALSE : x === FALSE ? TRUE : `(not ${x})`);

/** `case when c then a else b end`, folded when `c` is constant. */
export const iff = (c: string, a: string, b: string) => (c === TRUE ? a : c === FALSE ? b : a === b ? a : `(case when ${c} then ${a} else ${b} end)`);

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), found by asking the engine. */
export const JS_WHITESPACE = (() => {
  let s = "";
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (ch.trim() === "") s += ch;
  }
  return s;
})();

/** An RE2 class of JS_WHITESPACE. */
const WS_CLASS = `[${[...JS_WHITESPACE].map((c) => `\\x{${c.charCodeAt(0).toString(16).toUpperCase()}}`).join("")}]`;

/**
 * SQL for `x.trim()`. DuckDB's trim(x, characters) is slow with this many characters (0.5 s for 300,000 short cells),
 * so the regex replace runs only on the strings that start or end with whitespace.
 */
export const jsTrim = (x: string) =>
  `(case when regexp_matches(${x}, '^${WS_CLASS}|${WS_CLASS}$') then regexp_replace(${x}, '^${WS_CLASS}+|${WS_CLASS}+$', '', 'g') else ${x} end)`;

/**
 * zod measures a string's length in code points (as DuckDB's length() does), not UTF-16 units. `length <= n`: a string of
 * at most n bytes has at most n code points, so the count runs only on longer ones (in a `case`: DuckDB evaluates both
 * sides of an `or`).
 */
export const lengthAtMost = (x: string, n: number) => `(case when strlen(${x}) <= ${n} then true else length(${x}) <= ${n} end)`;
export const lengthAtLeast = (x: string, n: number) => (n <= 0 ? TRUE : n === 1 ? `(${x} <> '')` : `(length(${x}) >= ${n})`);
export const lengthIs = (x: string, n: number) => `(length(${x}) = ${n})`;

/**
 * A JavaScript regular expression as an RE2 pattern with the same meaning, for the subset the schemas use: literal
 * characters, escapes of punctuation, \d, \uXXXX, character classes (not negated), groups, quantifiers, ^ at the
 * start and $ at the end. Anything else throws: RE2 reads \s, \w, \b, `.`, negated classes and flags differently.
 */
export function re2(re: RegExp, allowGlobal = false): string {
  if (re.flags !== "" && !(allowGlobal && re.flags === "g")) throw new Unsupported(`regex flags /${re.flags}/ in ${re}`);
  const src = re.source;
  let out = "";
  let inClass = false;
  const hex = (cp: number) => `\\x{${cp.toString(16).toUpperCase()}}`;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const cp = src.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) throw new Unsupported(`a character above U+FFFF in ${re}`);
    if (c === "\\") {
      const e = src[++i];
      if (e === undefined) throw new Unsupported(`trailing \\ in ${re}`);
      if (e === "d") out += inClass ? "0-9" : "[0-9]";
      else if (e === "u") {
        const h = src.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) throw new Unsupported(`\\u escape in ${re}`);
        const v = parseInt(h, 16);
        if (v >= 0xd800 && v <= 0xdfff) throw new Unsupported(`a surrogate escape in ${re}`);
        out += hex(v);
        i += 4;
      } else if ("\\/.-^$[](){}*+?|".includes(e)) out += `\\${e}`;
      else if (e === "n" || e === "t" || e === "r") out += `\\${e}`;
      else throw new Unsupported(`\\${e} in ${re}`);
      continue;
    }
    if (cp > 0x7e || cp < 0x20) {
      out += hex(cp);
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      else if (c === "[") throw new Unsupported(`nested [ in a class in ${re}`);
      out += c;
      continue;
    }
    if (c === "[") {
      if (src[i + 1] === "^") throw new Unsupported(`a negated class in ${re}`);
      inClass = true;
      out += c;
    } else if (c === ".") throw new Unsupported(`. in ${re}`);
    else if (c === "^" && i !== 0) throw new Unsupported(`^ not at the start in ${re}`);
    else if (c === "$" && i !== src.length - 1) throw new Unsupported(`$ not at the end in ${re}`);
    else if (c === "(" && src[i + 1] === "?") {
      if (src[i + 2] !== ":") throw new Unsupported(`(?${src[i + 2]} in ${re}`);
      out += "(?:";
      i += 2;
    } else out += c;
  }
  if (inClass) throw new Unsupported(`unclosed class in ${re}`);
  return out;
}

/** SQL: whether `x` has a match of the JavaScript regex `re` (as `re.test(x)`). */
export const matches = (x: string, re: RegExp) => `regexp_matches(${x}, ${lit(re2(re))})`;

/** SQL: `x.replace(re, "")` for a global regex. */
export const removeAll = (x: string, re: RegExp) => `regexp_replace(${x}, ${lit(re2(re, true))}, '', 'g')`;

/**
 * SQL: whether the decimal text `t` is already what `String(Number(t))` gives: no sign but "-", no leading zero, no
 * trailing fractional zero, at most 15 digits (so it is the shortest text of its double) and not below 1e-6 (which
 * JavaScript writes with an exponent).
 */
export const canonicalNumber = (t: string) =>
  `(regexp_matches(${t}, '^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*[1-9])?$') and strlen(${t}) - (${t} like '-%')::int - (${t} like '%.%')::int <= 15 and ${t} <> '-0' and not regexp_matches(${t}, '^-?0\\.000000'))`;

// ---------------------------------------------------------------------------------------------------------------------
// Values

/** A value of a known single type. */
export function value(types: readonly JsType[], parts: Partial<Omit<SqlValue, "types">> = {}): SqlValue {
  return {
    types,
    type: parts.type ?? (types.length === 1 ? lit(types[0]!) : "NULL"),
    str: parts.str ?? "NULL",
    num: parts.num ?? "NULL",
    numText: parts.numText ?? "NULL",
    json: parts.json ?? "NULL",
    ...(parts.list ? { list: parts.list } : {}),
    ...(parts.fields ? { fields: parts.fields } : {}),
    ...(parts.closed !== undefined ? { closed: parts.closed } : {}),
  };
}

/** SQL: whether `v` has type `t`, folded when the types are known. */
export function is(v: SqlValue, t: JsType): string {
  if (!v.types.includes(t)) return FALSE;
  if (v.types.length === 1) return TRUE;
  return `(${v.type} = ${lit(t)})`;
}

/** A CSV cell: always a string ("" when empty). */
export const csvCell = (column: string): SqlValue => value(["string"], { str: `coalesce(${column}, '')` });

/** An absent field (a CSV column the header does not have, a key a JSON object does not have). */
export const absent = (): SqlValue => value(["undefined"]);

/** A JSON value (SQL NULL when the key is absent); `json_type` tells its type. */
export function jsonValue(json: string): SqlValue {
  const t = `json_type(${json})`;
  return {
    types: ["undefined", "string", "number", "object", "array", "other"],
    type: `(case when ${json} is null then 'undefined' when ${t} = 'VARCHAR' then 'string' when ${t} in ('UBIGINT', 'BIGINT', 'DOUBLE') then 'number' when ${t} = 'OBJECT' then 'object' when ${t} = 'ARRAY' then 'array' else 'other' end)`,
    str: `(${json} ->> '$')`,
    num: `try_cast(${json} ->> '$' as double)`,
    numText: `(${json} ->> '$')`,
    json,
  };
}

/** `v` with its string replaced by `f(str)` (other types pass through unchanged), as `typeof v === "string" ? f(v) : v`. */
export function mapString(v: SqlValue, f: (s: string) => string): SqlValue {
  return { ...v, str: is(v, "string") === FALSE ? "NULL" : f(v.str) };
}

/** `v`, or undefined where `cond` holds. */
export function undefinedWhen(v: SqlValue, cond: string): SqlValue {
  if (cond === FALSE) return v;
  if (cond === TRUE) return absent();
  const types: JsType[] = v.types.includes("undefined") ? [...v.types] : ["undefined", ...v.types];
  return { ...v, types, type: `(case when ${cond} then 'undefined' else ${v.types.length === 1 ? lit(v.types[0]!) : v.type} end)` };
}

/** The SQL VARCHAR stored in a raw table for an output value: `String(value)`, NULL for undefined. */
export function render(v: SqlValue): string {
  const cases: [string, string][] = [];
  if (v.types.includes("string")) cases.push([is(v, "string"), v.str]);
  if (v.types.includes("number")) cases.push([is(v, "number"), v.numText]);
  if (v.types.some((t) => t === "object" || t === "array" || t === "other"))
    throw new Unsupported("an output that is an object, an array, null or a boolean");
  let sql = "NULL";
  for (const [c, x] of cases.reverse()) sql = iff(c, x, sql);
  return sql;
}

// ---------------------------------------------------------------------------------------------------------------------
// Twins of the JavaScript functions in the schemas

type TransformTwin = (v: SqlValue, c: Compiler) => SqlValue;
type RefineTwin = (v: SqlValue, c: Compiler) => string;
type CrossFieldTwin = (fields: Record<string, SqlValue>, c: Compiler) => string;

const TRANSFORMS = new WeakMap<object, TransformTwin>();
const REFINES = new WeakMap<object, RefineTwin>();
const CROSS_FIELD = new WeakMap<object, CrossFieldTwin>();

/** Registers the SQL twin of a preprocess/transform function; returns the function. */
export function sqlTransform<F extends (v: never) => unknown>(fn: F, twin: TransformTwin): F {
  TRANSFORMS.set(fn, twin);
  return fn;
}

/** Registers the SQL twin of a refine predicate; returns the predicate. */
export function sqlRefine<F extends (v: never) => unknown>(fn: F, twin: RefineTwin): F {
  REFINES.set(fn, twin);
  return fn;
}

/** `schema.superRefine(fn)`, with the SQL twin of `fn`: a predicate over the object's output fields. */
export function sqlCrossField<T extends z.ZodObject>(
  schema: T,
  fn: (value: z.output<T>, ctx: z.RefinementCtx<z.output<T>>) => void,
  twin: CrossFieldTwin,
): T {
  const refined = schema.superRefine(fn);
  const check = defOf(refined).checks?.at(-1);
  if (!check) throw new Error("superRefine added no check");
  CROSS_FIELD.set(check, twin);
  return refined as T;
}

/** The keys of the object schemas `schema` may be (through pipes, optional and union options), in order. */
export function objectKeys(schema: unknown): string[] {
  const keys = new Set<string>();
  const walk = (node: unknown, depth: number) => {
    if (!node || depth > 20) return;
    const def = defOf(node);
    if (def.type === "object") for (const k of Object.keys(def.shape ?? {})) keys.add(k);
    else if (def.type === "union") for (const o of def.options ?? []) walk(o, depth + 1);
    else if (def.type === "pipe") (walk(def.in, depth + 1), walk(def.out, depth + 1));
    else if (def.type === "optional") walk(def.innerType, depth + 1);
  };
  walk(schema, 0);
  return [...keys];
}

/** The element schema of an array schema (through pipes and optional); undefined when it is no array. */
export function elementOf(schema: unknown): unknown {
  for (let node = schema, depth = 0; node && depth < 20; depth++) {
    const def = defOf(node);
    if (def.type === "array") return def.element;
    node = def.type === "pipe" ? def.out : def.type === "optional" ? def.innerType : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// The compiler

interface Def {
  type: string;
  checks?: object[];
  in?: unknown;
  out?: unknown;
  innerType?: unknown;
  transform?: object;
  shape?: Record<string, unknown>;
  catchall?: unknown;
  element?: unknown;
  options?: unknown[];
  entries?: Record<string, unknown>;
  coerce?: boolean;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
  pattern?: RegExp;
  value?: number | bigint;
  inclusive?: boolean;
  fn?: object;
  tx?: (v: unknown) => unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checkDefOf = (check: object): CheckDef => (check as { _zod: { def: CheckDef } })._zod.def;

/** Whether `tx` is zod's `.trim()` (an overwrite check whose function is `input.trim()`). */
const isZodTrim = (tx: unknown) => typeof tx === "function" && String(tx).replace(/\s+/g, "") === "(input)=>input.trim()";

/**
 * Compiles schemas to SQL over one row. `bind` names an expression as a column of an inner query layer, so an
 * expression used by several checks (a trimmed cell, say) is computed once; `layers` holds them, innermost first.
 */
export class Compiler {
  readonly layers: { name: string; sql: string }[][] = [];
  readonly prefix: string;
  #depth = new Map<string, number>();
  #bound = new Map<string, string>();
  #next = 0;

  constructor(prefix = "_v") {
    this.prefix = prefix;
  }

  /** A column holding `sql`, in the layer after the deepest column it reads. */
  bind(sql: string): string {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(sql) || sql === "NULL" || /^'[^']*'$/.test(sql)) return sql;
    const known = this.#bound.get(sql);
    if (known) return known;
    let depth = 0;
    for (const m of sql.matchAll(new RegExp(`\\b${this.prefix}\\d+\\b`, "g"))) depth = Math.max(depth, (this.#depth.get(m[0]) ?? -1) + 1);
    const name = `${this.prefix}${this.#next++}`;
    this.#depth.set(name, depth);
    (this.layers[depth] ??= []).push({ name, sql });
    this.#bound.set(sql, name);
    return name;
  }

  /** `select <columns> from <from>` wrapped in the bound layers (each layer adds its columns to `*`). */
  select(columns: string, from: string): string {
    let sql = from;
    for (const layer of this.layers) sql = `(select *, ${layer.map((b) => `${b.sql} as ${b.name}`).join(", ")} from ${sql})`;
    return `select ${columns} from ${sql}`;
  }

  /** `v` with its expressions bound to columns, so each is computed once however many checks read it. */
  shared(v: SqlValue): SqlValue {
    const out = { ...v };
    if (v.types.length > 1) out.type = this.bind(v.type);
    if (v.types.includes("string")) out.str = this.bind(v.str);
    if (v.types.includes("number")) {
      out.num = this.bind(v.num);
      out.numText = this.bind(v.numText);
    }
    return out;
  }

  compile(schema: unknown, input: SqlValue): Compiled {
    const def = defOf(schema);
    const v = this.shared(input);
    let result: Compiled;
    switch (def.type) {
      case "pipe": {
        const a = this.compile(def.in, v);
        if (a.array || a.options) throw new Unsupported("a pipe out of an array or a union");
        const b = this.compile(def.out, a.out);
        result = { ...b, ok: and(a.ok, b.ok) };
        break;
      }
      case "transform": {
        const twin = def.transform && TRANSFORMS.get(def.transform);
        if (!twin) throw new Unsupported(`a transform without a SQL twin: ${String(def.transform).slice(0, 80)}`);
        result = { ok: TRUE, out: twin(v, this) };
        break;
      }
      case "optional": {
        const inner = this.compile(def.innerType, v);
        if (inner.array || inner.options) throw new Unsupported("an optional array or union");
        const undef = is(v, "undefined");
        if (undef === FALSE) result = inner;
        else if (undef === TRUE) result = { ok: TRUE, out: absent() };
        else result = { ok: or(undef, inner.ok), out: undefinedWhen(inner.out, undef) };
        break;
      }
      case "string": {
        if (def.coerce) throw new Unsupported("z.coerce");
        const s = v.types.length === 1 ? v.str : this.bind(v.str);
        result = { ok: is(v, "string"), out: value(["string"], { str: s }) };
        break;
      }
      case "number": {
        if (def.coerce) throw new Unsupported("z.coerce");
        const n = v.types.length === 1 ? v.num : this.bind(v.num);
        result = { ok: and(is(v, "number"), `isfinite(${n})`), out: value(["number"], { num: n, numText: v.numText }) };
        break;
      }
      case "enum": {
        const entries = Object.values(def.entries ?? {});
        if (!entries.every((e) => typeof e === "string" && /^[\x20-\x7e]*$/.test(e))) throw new Unsupported("an enum of other than ASCII strings");
        result = { ok: and(is(v, "string"), `${v.str} in (${entries.map((e) => lit(e as string)).join(", ")})`), out: value(["string"], { str: v.str }) };
        break;
      }
      case "object": {
        if (is(v, "object") === FALSE) throw new Unsupported("an object schema over a value that is never an object");
        const shape = def.shape ?? {};
        const keys = Object.keys(shape);
        if (keys.some((k) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))) throw new Unsupported("a key that is not a plain name");
        // The fields as the reader split them out, or read from the JSON value here.
        const split = v.fields;
        if (!split && v.json === "NULL") throw new Unsupported("an object that is not read from JSON");
        const json = split ? "NULL" : this.bind(v.json);
        const fields: Record<string, SqlValue> = {};
        const oks: string[] = [is(v, "object")];
        for (const k of keys) {
          const input = split ? (split[k] ?? absent()) : jsonValue(this.bind(`json_extract(${json}, ${lit(`$.${k}`)})`));
          const r = this.compile(shape[k], input);
          if (r.array || r.options) throw new Unsupported("a nested array or union");
          fields[k] = r.out;
          oks.push(r.ok);
        }
        if (def.catchall !== undefined) {
          if (defOf(def.catchall).type !== "never") throw new Unsupported("an object with a catchall");
          if (split) {
            // strict: no key but the shape's
            if (!v.closed || Object.keys(split).some((k) => !keys.includes(k))) throw new Unsupported("a strict object whose other keys are not known");
          } else oks.push(`list_has_all([${keys.map(lit).join(", ")}]::varchar[], json_keys(${json}))`);
        }
        result = { ok: and(...oks), out: value(["object"], { json, fields }) };
        break;
      }
      case "union": {
        const options = (def.options ?? []).map((o) => this.compile(o, v));
        if (options.some((o) => o.array || o.options)) throw new Unsupported("a nested union or array");
        result = { ok: or(...options.map((o) => o.ok)), out: options[0]!.out, options };
        break;
      }
      case "array": {
        if (v.json === "NULL" && !v.list) throw new Unsupported("an array that is not read from JSON");
        const list = this.bind(v.list ?? `from_json(${v.json}, '["JSON"]')`);
        result = { ok: is(v, "array"), out: value(["array"], { list }), array: { list, element: def.element as z.ZodType } };
        break;
      }
      default:
        throw new Unsupported(`zod type "${def.type}"`);
    }
    for (const check of def.checks ?? []) result = { ...result, ok: and(result.ok, this.check(check, result.out)) };
    return result;
  }

  /** One check of a schema, over its output value. */
  check(check: object, v: SqlValue): string {
    const d = checkDefOf(check);
    const s = v.str;
    switch (d.check) {
      case "min_length":
        return v.list ? `len(${v.list}) >= ${d.minimum}` : lengthAtLeast(s, d.minimum!);
      case "max_length":
        return v.list ? `len(${v.list}) <= ${d.maximum}` : lengthAtMost(s, d.maximum!);
      case "length_equals":
        return lengthIs(s, d.length!);
      case "string_format":
        if (d.format !== "regex" || !(d.pattern instanceof RegExp)) throw new Unsupported(`string format "${d.format}"`);
        return matches(s, d.pattern);
      case "greater_than":
        return `${v.num} ${d.inclusive ? ">=" : ">"} ${Number(d.value)}`;
      case "less_than":
        return `${v.num} ${d.inclusive ? "<=" : "<"} ${Number(d.value)}`;
      case "custom": {
        const refine = d.fn && REFINES.get(d.fn);
        if (refine) return refine(v, this);
        const cross = CROSS_FIELD.get(check);
        if (cross && v.fields) return cross(v.fields, this);
        throw new Unsupported(`a refine without a SQL twin: ${String(d.fn ?? "superRefine").slice(0, 80)}`);
      }
      case "overwrite":
        if (!isZodTrim(d.tx)) throw new Unsupported(`an overwrite other than trim: ${String(d.tx).slice(0, 80)}`);
        // An overwrite changes the value in place: later checks and the output read the trimmed string.
        Object.assign(v, { str: this.bind(jsTrim(v.str)) });
        return TRUE;
      default:
        throw new Unsupported(`check "${d.check}"`);
    }
  }

  /**
   * A top-level object schema over a row whose fields are `source(name)`: the row's `ok`, each field's result, and the
   * object's own checks (superRefine twins) over the outputs.
   */
  compileRow(schema: unknown, source: (field: string) => SqlValue): { ok: string; fields: Record<string, Compiled> } {
    const def = defOf(schema);
    if (def.type !== "object") throw new Unsupported("a row schema that is not an object");
    if (def.catchall !== undefined) throw new Unsupported("a row schema with a catchall");
    const fields: Record<string, Compiled> = {};
    const oks: string[] = [];
    for (const [name, field] of Object.entries(def.shape ?? {})) {
      const r = this.compile(field, source(name));
      fields[name] = r;
      oks.push(r.ok);
    }
    const outs = Object.fromEntries(Object.entries(fields).map(([k, r]) => [k, r.out]));
    for (const check of def.checks ?? []) oks.push(this.check(check, value(["object"], { fields: outs })));
    return { ok: and(...oks), fields };
  }
}
