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

/** Free text, at most `max` characters. */
export const text = (max = 2000) =>
  z.preprocess(trimmed, z.string({ error: "is required" }).min(1, "is required").max(max, `is longer than ${max} characters`).meta({ format: "text" }),
  );

export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function realDate(y: number, m: number, d: number) {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A calendar date, `YYYY-MM-DD`. */
export const date = () =>
  z.preprocess(
    trimmed,
    z
      .string({ error: "is required" })
      .refine((s) => {
        const m = DATE.exec(s);
        return m !== null && realDate(+m[1]!, +m[2]!, +m[3]!);
      }, "must be a date written YYYY-MM-DD")
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
        return m !== null && realDate(+m[1]!, +m[2]!, +m[3]!);
      }, "must be a date (YYYY-MM-DD) or an ISO 8601 timestamp")
      .meta({ format: "date or ISO 8601 timestamp" }),
  );

const toNumber = (v: unknown) => {
  const b = blankToUndefined(v);
  if (typeof b !== "string") return b;
  const n = Number(b.trim());
  return Number.isNaN(n) ? b : n;
};

/** A finite number; CSV text is converted. */
export const number = () =>
  z.preprocess(toNumber, z.number({ error: "must be a number" }).finite("must be a finite number").meta({ format: "number" }));

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
