/**
 * Deterministic number formatting for tables, cards and charts (always en-US, never the
 * build machine's locale). Missing values (null, undefined, NaN) render as an em dash.
 */

export type Format = "int" | "decimal" | "percent" | "money" | "days" | "text";

export const MISSING = "—";

export interface FormatOptions {
  /** ISO 4217 code for "money" (default "USD"). */
  currency?: string;
  /** Fraction digits for "decimal" (default 1), "percent" (default 0) and "days" (default 1, max). */
  digits?: number;
  /** "money" as 1.2M instead of $1,200,000. */
  compact?: boolean;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-US", options);
    cache.set(key, f);
  }
  return f;
}

function isMissing(value: unknown): value is null | undefined {
  return value === null || value === undefined || (typeof value === "number" && Number.isNaN(value));
}

/** Format one value for display. `format` absent: numbers as decimals, everything else as text. */
export function formatValue(value: unknown, format?: Format, options: FormatOptions = {}): string {
  if (isMissing(value)) return MISSING;
  if (format === "text" || (format === undefined && typeof value !== "number")) return asText(value);
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return typeof value === "number" ? MISSING : asText(value);

  switch (format ?? "decimal") {
    case "int":
      return nf("int", { maximumFractionDigits: 0 }).format(n);
    case "decimal": {
      const d = options.digits ?? 1;
      return nf(`dec${d}`, { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
    }
    case "percent": {
      const d = options.digits ?? 0;
      return nf(`pct${d}`, { style: "percent", minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
    }
    case "money": {
      const currency = options.currency ?? "USD";
      return options.compact
        ? nf(`cmoney${currency}`, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(n)
        : nf(`money${currency}`, { style: "currency", currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(n);
    }
    case "days": {
      const d = options.digits ?? 1;
      const text = nf(`days${d}`, { maximumFractionDigits: d }).format(n);
      return `${text} ${n === 1 ? "day" : "days"}`;
    }
    default:
      return asText(value);
  }
}

function asText(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? MISSING : value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return nf("auto", { maximumFractionDigits: 2 }).format(value);
  return String(value);
}

/** Numeric formats are right-aligned in tables. */
export function isNumericFormat(format: Format | undefined): boolean {
  return format !== undefined && format !== "text";
}

/** A column of <DataTable> (and of <Figure>'s "Show the numbers" table). */
export interface Column {
  /** Field of the row object. */
  key: string;
  label: string;
  format?: Format;
  /** Default: right for numeric formats, left otherwise. */
  align?: "left" | "right" | "center";
  /** Fraction digits for decimal/percent/days. */
  digits?: number;
}
