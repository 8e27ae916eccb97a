// Value conversions of the mapping layer: dates in a company's formats (and Excel serial days) to ISO, numbers
// written with currency signs and local separators to plain numbers, and value maps. Each returns either the
// converted value or an error message; the caller locates the message at the source cell.
import type { MoneySpec } from "./schema.ts";

export type Converted<T = string> = { value: T } | { error: string };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const MONTHS: Record<string, number> = {};
[
  ["jan", "january", "ene", "enero", "janv", "janvier", "jän", "januar"],
  ["feb", "february", "febrero", "févr", "février", "februar"],
  ["mar", "march", "marzo", "mars", "mär", "märz"],
  ["apr", "april", "abr", "abril", "avr", "avril"],
  ["may", "mayo", "mai"],
  ["jun", "june", "junio", "juin", "juni"],
  ["jul", "july", "julio", "juil", "juillet", "juli"],
  ["aug", "august", "ago", "agosto", "août", "aout"],
  ["sep", "sept", "september", "septiembre", "set", "septembre"],
  ["oct", "october", "octubre", "octobre", "okt", "oktober"],
  ["nov", "november", "noviembre", "novembre"],
  ["dec", "december", "dic", "diciembre", "déc", "décembre", "dez", "dezember"],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

function realDate(y: number, m: number, d: number) {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

interface Parts {
  y: number;
  m: number;
  d: number;
  time?: { h: number; mi: number; s: number; frac?: string };
  offset?: string;
}

function render(p: Parts, dateOnly: boolean): Converted {
  if (!realDate(p.y, p.m, p.d)) return { error: "is not a real date" };
  const date = `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
  if (dateOnly || !p.time) return { value: date };
  const { h, mi, s, frac } = p.time;
  if (h > 23 || mi > 59 || s > 60) return { error: "has an impossible time" };
  return { value: `${date}T${pad(h)}:${pad(mi)}:${pad(s)}${frac ? `.${frac}` : ""}${p.offset ?? ""}` };
}

const offsetOf = (z: string) => {
  if (z === "Z" || z === "z") return "Z";
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  return m ? `${m[1]}${m[2]}:${m[3]}` : undefined;
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;

function fromIso(s: string): Parts | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const parts: Parts = { y: +m[1]!, m: +m[2]!, d: +m[3]! };
  if (m[4] !== undefined) parts.time = { h: +m[4], mi: +m[5]!, s: m[6] ? +m[6] : 0, frac: m[7] };
  if (m[8]) parts.offset = offsetOf(m[8]);
  return parts;
}

/** Excel's serial day numbers count from 1899-12-30 (the 1900 leap-year bug included); the fraction is the time of day. */
export function fromExcel(serial: number): Parts | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const days = Math.floor(serial);
  const t = new Date(Date.UTC(1899, 11, 30) + days * 86400000);
  const parts: Parts = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  const seconds = Math.round((serial - days) * 86400);
  if (seconds > 0) parts.time = { h: Math.floor(seconds / 3600), mi: Math.floor((seconds % 3600) / 60), s: seconds % 60 };
  return parts;
}

function fromEpoch(ms: number): Parts | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const t = new Date(ms);
  if (Number.isNaN(t.getTime())) return undefined;
  return {
    y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(),
    time: { h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() }, offset: "Z",
  };
}

/** `Tue May 14 2024 08:53:33 GMT+0000 (GMT)`: JavaScript's Date.toString(), as Linear exports dates. */
const JS_DATE = /^(?:[A-Za-z]{3} )?([A-Za-z]{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-]\d{4})/;

function fromJs(s: string): Parts | undefined {
  const m = JS_DATE.exec(s);
  const month = m ? MONTHS[m[1]!.toLowerCase()] : undefined;
  if (!m || !month) return undefined;
  return { y: +m[3]!, m: month, d: +m[2]!, time: { h: +m[4]!, mi: +m[5]!, s: +m[6]! }, offset: offsetOf(m[7]!) };
}

const TOKENS = /YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|hh|h|mm|ss|A|a|Z/g;

const patternCache = new Map<string, { re: RegExp; tokens: string[] }>();

function compile(format: string) {
  let cached = patternCache.get(format);
  if (cached) return cached;
  const tokens: string[] = [];
  let re = "";
  let last = 0;
  for (const m of format.matchAll(TOKENS)) {
    re += format.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ +/g, "\\s+");
    tokens.push(m[0]);
    re += {
      YYYY: "(\\d{4})", YY: "(\\d{2})", MMMM: "([^\\d\\s.,/-]+)\\.?", MMM: "([^\\d\\s.,/-]+)\\.?", MM: "(\\d{2})", M: "(\\d{1,2})",
      DD: "(\\d{2})", D: "(\\d{1,2})", HH: "(\\d{2})", H: "(\\d{1,2})", hh: "(\\d{2})", h: "(\\d{1,2})", mm: "(\\d{2})",
      ss: "(\\d{2}(?:\\.\\d+)?)", A: "([AaPp]\\.?[Mm]\\.?)", a: "([AaPp]\\.?[Mm]\\.?)", Z: "(Z|[+-]\\d{2}:?\\d{2})",
    }[m[0]]!;
    last = m.index + m[0].length;
  }
  re += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ +/g, "\\s+");
  cached = { re: new RegExp(`^${re}$`), tokens };
  patternCache.set(format, cached);
  return cached;
}

function fromPattern(s: string, format: string): Parts | undefined {
  const { re, tokens } = compile(format);
  const m = re.exec(s);
  if (!m) return undefined;
  const p: Parts = { y: 0, m: 0, d: 0 };
  let hour: number | undefined;
  let minute = 0;
  let second = 0;
  let pm: boolean | undefined;
  tokens.forEach((t, i) => {
    const v = m[i + 1]!;
    if (t === "YYYY") p.y = +v;
    else if (t === "YY") p.y = +v < 70 ? 2000 + +v : 1900 + +v;
    else if (t === "MMM" || t === "MMMM") p.m = MONTHS[v.toLowerCase()] ?? MONTHS[v.toLowerCase().slice(0, 3)] ?? 0;
    else if (t === "MM" || t === "M") p.m = +v;
    else if (t === "DD" || t === "D") p.d = +v;
    else if (t === "HH" || t === "H" || t === "hh" || t === "h") hour = +v;
    else if (t === "mm") minute = +v;
    else if (t === "ss") second = Math.floor(+v);
    else if (t === "A" || t === "a") pm = v.toLowerCase().startsWith("p");
    else if (t === "Z") p.offset = offsetOf(v);
  });
  if (p.m === 0) return undefined;
  if (hour !== undefined) {
    if (pm !== undefined) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    p.time = { h: hour, mi: minute, s: second };
  }
  return p;
}

/**
 * Converts a date cell. `formats` are tried in order; without any, ISO dates pass through, a 5-digit number is an
 * Excel serial day (a spreadsheet re-saved the column as numbers) and `YYYY-MM-DD HH:mm:ss -0800` (git) is accepted.
 */
export function convertDate(raw: unknown, formats: readonly string[], dateOnly: boolean): Converted {
  if (typeof raw === "number" && formats.length === 0) return raw > 10000 && raw < 100000 ? dateFrom(fromExcel(raw), dateOnly) : { value: String(raw) };
  const s = String(raw).trim();
  const tried = formats.length > 0 ? formats : ["auto"];
  for (const format of tried) {
    let parts: Parts | undefined;
    switch (format.toLowerCase()) {
      case "auto":
        parts = fromIso(s) ?? (/^\d{5}(\.\d+)?$/.test(s) ? fromExcel(Number(s)) : undefined) ?? fromJs(s);
        if (!parts && formats.length === 0) return { value: s }; // left for validation to judge
        break;
      case "iso":
        parts = fromIso(s);
        break;
      case "excel":
        parts = /^\d+(\.\d+)?$/.test(s) ? fromExcel(Number(s)) : fromIso(s);
        break;
      case "unix":
        parts = /^\d+(\.\d+)?$/.test(s) ? fromEpoch(Number(s) * 1000) : undefined;
        break;
      case "unix-ms":
        parts = /^\d+$/.test(s) ? fromEpoch(Number(s)) : undefined;
        break;
      case "js":
        parts = fromJs(s);
        break;
      default:
        parts = fromPattern(s, format);
    }
    if (parts) return render(parts, dateOnly);
  }
  return { error: `${JSON.stringify(s)} does not match the date format${tried.length === 1 ? "" : "s"} ${tried.map((f) => `"${f}"`).join(", ")}` };
}

const dateFrom = (p: Parts | undefined, dateOnly: boolean): Converted => (p ? render(p, dateOnly) : { error: "is not an Excel serial day" });

/** An ISO timestamp (or date) as a Slack timestamp: seconds since 1970 (UTC when it has no offset). */
export function toSlackTs(value: string): Converted {
  if (/^\d{9,11}(\.\d{1,6})?$/.test(value)) return { value };
  const p = fromIso(value);
  if (!p) return { value };
  const t = p.time ?? { h: 0, mi: 0, s: 0 };
  let ms = Date.UTC(p.y, p.m - 1, p.d, t.h, t.mi, t.s);
  const o = p.offset && p.offset !== "Z" ? /^([+-])(\d{2}):(\d{2})$/.exec(p.offset) : null;
  if (o) ms -= (o[1] === "-" ? -1 : 1) * (+o[2]! * 60 + +o[3]!) * 60000;
  return { value: String(Math.floor(ms / 1000)) };
}

const CURRENCY_SIGNS: Record<string, string> = { "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "CHF": "CHF" };

/**
 * A number written for people: `$1,234.56`, `1.234,56 €`, `(1,200)`, `EUR 99`, `12%`. Returns the number as text and
 * the currency its sign or code names (when unambiguous: $ names none).
 */
export function convertMoney(raw: unknown, spec: MoneySpec | undefined): Converted<{ number: string; currency?: string }> {
  if (typeof raw === "number") return { value: { number: String(raw) } };
  let s = String(raw).trim();
  if (s === "") return { value: { number: "" } };
  const { decimal, thousands } =
    spec === undefined || spec === "us" ? { decimal: ".", thousands: "," }
    : spec === "eu" ? { decimal: ",", thousands: "." }
    : spec === "ch" ? { decimal: ".", thousands: "'" }
    : { decimal: spec.decimal, thousands: spec.thousands ?? (spec.decimal === "." ? "," : ".") };
  let currency: string | undefined;
  const code = /(?:^|[\s\d])([A-Z]{3})(?=$|[\s\d])/.exec(s);
  if (code) {
    currency = code[1];
    s = s.replace(code[1]!, " ");
  }
  for (const [sign, c] of Object.entries(CURRENCY_SIGNS)) if (s.includes(sign)) {
    currency ??= c;
    s = s.replaceAll(sign, " ");
  }
  let negative = false;
  s = s.replace(/[$\u00a0\u202f]/g, " ").trim();
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (/^-/.test(s) || /-$/.test(s)) {
    negative = !negative;
    s = s.replace(/^-|-$/g, "").trim();
  }
  s = s.replace(/%$/, "").trim();
  if (thousands !== "") s = s.split(thousands).join("");
  s = s.replace(/\s+/g, "");
  if (decimal === ",") s = s.replace(",", ".");
  if (!/^\d*\.?\d+(e[+-]?\d+)?$/i.test(s)) return { error: `${JSON.stringify(String(raw).trim())} is not a number written ${spec === undefined ? "like 1,234.56" : typeof spec === "string" ? `the ${spec} way` : `with "${decimal}" as decimal separator`}` };
  return { value: { number: `${negative ? "-" : ""}${s}`, currency } };
}

/** Normal form of a value-map key or a header: lower case, no spaces or punctuation. */
export const squash = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * Looks a value up in a value map: exact (trimmed, case-insensitive) first, then ignoring spaces and punctuation, then "*".
 * A list takes the first element that is listed. Undefined when nothing matches and there is no "*".
 */
export function mapValue(raw: unknown, map: Record<string, string | number | boolean>): string | number | boolean | undefined {
  const list = Array.isArray(raw) ? raw.map((v) => String(v)) : [raw === undefined || raw === null ? "" : String(raw)];
  const exact = new Map<string, string | number | boolean>();
  const loose = new Map<string, string | number | boolean>();
  for (const [k, v] of Object.entries(map)) {
    if (k === "*") continue;
    exact.set(k.trim().toLowerCase(), v);
    loose.set(squash(k), v);
  }
  for (const item of list) {
    const hit = exact.get(item.trim().toLowerCase()) ?? (squash(item) === "" ? undefined : loose.get(squash(item)));
    if (hit !== undefined) return hit;
  }
  return map["*"];
}
