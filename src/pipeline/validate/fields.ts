// Field types shared by the input schemas. CSV cells arrive as strings, JSON values as themselves:
// each helper accepts both, and turns an empty cell into "missing".
// Each JavaScript function here carries its SQL twin (validate/sql.ts compiles the schemas for DuckDB), written right
// after it; test/sql-rules.test.ts checks the two agree.
import { z } from "zod";
import { and, is, jsTrim, mapString, matches, removeAll, sqlRefine, sqlTransform, undefinedWhen, type SqlValue, type Compiler } from "./sql.ts";

/** SQL twin of blankToUndefined. */
const blankSql = (v: SqlValue, c: Compiler) => undefinedWhen(v, and(is(v, "string"), `${c.bind(jsTrim(v.str))} = ''`));
const blankToUndefined = sqlTransform((v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v), blankSql);
const trimmed = sqlTransform((v: unknown) => (typeof v === "string" ? v.trim() : v), (v, c) => mapString(v, (s) => c.bind(jsTrim(s))));

/** An identifier: letters, digits and `_-.:@`, no spaces. */
export const id = () =>
  z.preprocess(
    trimmed,
    z
      .string({ error: "is required" })
      .min(1, { error: "is required", abort: true })
      .max(200, "is longer than 200 characters")
      .regex(/^[A-Za-z0-9_.:@-]+$/, "may hold only letters, digits and _ - . : @")
      .meta({ format: "id" }),
  );

/**
 * Characters removed from free text. Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can
 * reorder the text around a name wherever it is shown ("\u202Egnp.exe" reads as "exe.png"), and an unclosed one
 * runs on into what follows; control characters (except tab and line break) have no business in a name or a message.
 * Zero-width joiners (U+200D) stay: emoji sequences and several scripts need them.
 */
export const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
const cleanText = sqlTransform(
  (v: unknown) => (typeof v === "string" ? v.replace(UNSAFE_TEXT, "").trim() : v),
  (v, c) => mapString(v, (s) => c.bind(jsTrim(removeAll(s, UNSAFE_TEXT)))),
);

/** Free text, at most `max` characters, without bidi control or control characters (see UNSAFE_TEXT). */
export const text = (max = 2000) =>
  z.preprocess(cleanText, z.string({ error: "is required" }).min(1, "is empty once bidi control and control characters are removed").max(max, `is longer than ${max} characters`).meta({ format: "text" }),
  );

export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?$/;

/**
 * Years a date may fall in. Wider than any company's history, narrow enough to catch a typo (9999, 20255 cut to
 * 2025?, 0202): the build lays out every quarter and month between the first and the last date of the data, so one
 * date in the year 9999 would have it render tens of thousands of periods before running out of memory.
 */
export const YEARS = { min: 1900, max: 2100 } as const;

function realDate(y: number, m: number, d: number) {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Runs after the format check (which aborts), so `s` starts with a 4-digit year. */
const inYears = sqlRefine(
  (s: string) => {
    const y = Number(s.slice(0, 4));
    return y >= YEARS.min && y <= YEARS.max;
  },
  // as the function, once the format check passed (4 digits first)
  (v) => `coalesce(try_cast(left(${v.str}, 4) as integer) between ${YEARS.min} and ${YEARS.max}, false)`,
);

/** SQL: `s`, shaped as DATE, names a real day (Date.UTC reads years 0–99 as 1900–1999, so those are not real here). */
const realDaySql = (s: string) => `(try_cast(${s} as date) is not null and not starts_with(${s}, '00'))`;
const realDateSql = (s: string) => and(matches(s, DATE), realDaySql(s));
/** DATE, or TIMESTAMP with the time and the offset in the ranges `isTimestamp` checks. */
const TIMESTAMP_IN_RANGE = /^\d{4}-\d{2}-\d{2}(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:(?:0\d|1[0-3]):?[0-5]\d|14:?00))?)?$/;

const isDate = sqlRefine((s: string) => {
  const m = DATE.exec(s);
  return m !== null && realDate(+m[1]!, +m[2]!, +m[3]!);
}, (v) => realDateSql(v.str));

const isTimestamp = sqlRefine(
  (s: string) => {
    const m = DATE.exec(s) ?? TIMESTAMP.exec(s);
    if (m === null || !realDate(+m[1]!, +m[2]!, +m[3]!)) return false;
    if (m[4] === undefined) return true; // a date
    // hh:mm[:ss], and an offset within ±14:00, as the database will read them
    const [h, min, sec, oh, om] = [m[4], m[5], m[6], m[9], m[10]].map((x) => (x === undefined ? 0 : Number(x))) as number[];
    return h! <= 23 && min! <= 59 && sec! <= 59 && oh! * 60 + om! <= 14 * 60 && om! <= 59;
  },
  // One regex with the ranges written out (hh 00–23, mm and ss 00–59, an offset up to ±14:00) is as exact as the
  // function and far cheaper in DuckDB than extracting the parts (0.05 s against 0.5 s for 340,000 timestamps).
  (v) => `(${matches(v.str, TIMESTAMP_IN_RANGE)} and ${realDaySql(`left(${v.str}, 10)`)})`,
);
const yearMessage = `must be between ${YEARS.min}-01-01 and ${YEARS.max}-12-31`;

/** A calendar date, `YYYY-MM-DD`. */
export const date = () =>
  z.preprocess(
    trimmed,
    z
      .string({ error: "is required" })
      .refine(isDate, { error: "must be a date written YYYY-MM-DD", abort: true })
      .refine(inYears, yearMessage)
      .meta({ format: "date (YYYY-MM-DD)" }),
  );

/**
 * A date or a timestamp (`YYYY-MM-DD`, or ISO 8601 with a time and optionally an offset).
 * A timestamp without an offset is read in the company's time zone.
 */
export const timestamp = () =>
  z.preprocess(
    trimmed,
    z
      .string({ error: "is required" })
      .refine(isTimestamp, { error: "must be a date (YYYY-MM-DD) or an ISO 8601 timestamp", abort: true })
      .refine(inYears, yearMessage)
      .meta({ format: "date or ISO 8601 timestamp" }),
  );

/** Decimal notation only: `Number()` would also read "0x10" as 16, "0b1" as 1 and "Infinity" as a number. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const toNumber = sqlTransform(
  (v: unknown) => {
    const b = blankToUndefined(v);
    if (typeof b !== "string") return b;
    const s = b.trim();
    return DECIMAL.test(s) ? Number(s) : b;
  },
  (v, c): SqlValue => {
    const b = blankSql(v, c);
    const s = c.bind(jsTrim(b.str));
    const decimal = c.bind(and(is(b, "string"), matches(s, DECIMAL)));
    return {
      ...b,
      types: [...new Set([...b.types, "number" as const])],
      type: `(case when ${decimal} then 'number' else ${b.type} end)`,
      num: `(case when ${decimal} then try_cast(${s} as double) else ${b.num} end)`,
      numText: `(case when ${decimal} then ${s} else ${b.numText} end)`,
    };
  },
);

/** A finite number; CSV text is converted. */
export const number = () =>
  z.preprocess(
    toNumber,
    z
      .number({ error: (issue) => (typeof issue.input === "number" ? "is too large a number" : "must be a number") })
      .finite("must be a finite number")
      .meta({ format: "number" }),
  );

/** A fraction between 0 and 1. */
export const share = () =>
  number().pipe(z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").meta({ format: "number from 0 to 1" }));

/** One of a fixed set of values, case-insensitive, reported lower-case. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    sqlTransform(
      (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v),
      // Stricter than JavaScript: a value with a character outside printable ASCII is no value (the file then takes the
      // JavaScript path), since toLowerCase maps a few of them into ASCII (the Kelvin sign to "k").
      (v, c) => mapString(v, (s) => {
        const t = c.bind(jsTrim(s));
        return `(case when regexp_matches(${t}, '^[\x20-\x7E]*$') then lower(${t}) end)`;
      }),
    ),
    z.enum(values, { error: `must be one of: ${values.join(", ")}` }),
  );

/** A yes/no cell: true/false, yes/no, 1/0, or a non-empty label (e.g. a rotation program's name) meaning yes. */
export const flagOrLabel = () => optional(text(200));
