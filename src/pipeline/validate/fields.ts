// Field types shared by the input schemas. CSV cells arrive as strings, JSON values as themselves:
// each helper accepts both, and turns an empty cell into "missing".
import { z } from "zod";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

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
const cleanText = (v: unknown) => (typeof v === "string" ? v.replace(UNSAFE_TEXT, "").trim() : v);

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
const inYears = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= YEARS.min && y <= YEARS.max;
};
const yearMessage = `must be between ${YEARS.min}-01-01 and ${YEARS.max}-12-31`;

/** A calendar date, `YYYY-MM-DD`. */
export const date = () =>
  z.preprocess(
    trimmed,
    z
      .string({ error: "is required" })
      .refine((s) => {
        const m = DATE.exec(s);
        return m !== null && realDate(+m[1]!, +m[2]!, +m[3]!);
      }, { error: "must be a date written YYYY-MM-DD", abort: true })
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
      .refine((s) => {
        const m = DATE.exec(s) ?? TIMESTAMP.exec(s);
        if (m === null || !realDate(+m[1]!, +m[2]!, +m[3]!)) return false;
        if (m[4] === undefined) return true; // a date
        // hh:mm[:ss], and an offset within ±14:00, as the database will read them
        const [h, min, sec, oh, om] = [m[4], m[5], m[6], m[9], m[10]].map((x) => (x === undefined ? 0 : Number(x))) as number[];
        return h! <= 23 && min! <= 59 && sec! <= 59 && oh! * 60 + om! <= 14 * 60 && om! <= 59;
      }, { error: "must be a date (YYYY-MM-DD) or an ISO 8601 timestamp", abort: true })
      .refine(inYears, yearMessage)
      .meta({ format: "date or ISO 8601 timestamp" }),
  );

/** Decimal notation only: `Number()` would also read "0x10" as 16, "0b1" as 1 and "Infinity" as a number. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const toNumber = (v: unknown) => {
  const b = blankToUndefined(v);
  if (typeof b !== "string") return b;
  const s = b.trim();
  return DECIMAL.test(s) ? Number(s) : b;
};

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
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.enum(values, { error: `must be one of: ${values.join(", ")}` }),
  );

/** A yes/no cell: true/false, yes/no, 1/0, or a non-empty label (e.g. a rotation program's name) meaning yes. */
export const flagOrLabel = () => optional(text(200));
