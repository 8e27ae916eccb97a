// Calendar arithmetic on whole days (days since 1970-01-01), quarters, and the company's time zone
// (America/New_York, with the US daylight-saving rule written out so no time-zone database or clock is involved).
import type { Rng } from "./random.ts";

export const DAY_MS = 86_400_000;

export const dayNumber = (y: number, m: number, d: number): number => Math.round(Date.UTC(y, m - 1, d) / DAY_MS);

export function parts(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

export function fmtDate(day: number): string {
  const { y, m, d } = parts(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;
export const isWorkday = (day: number): boolean => weekday(day) !== 0 && weekday(day) !== 6;

function nthSunday(y: number, m: number, n: number): number {
  const first = dayNumber(y, m, 1);
  return first + ((7 - weekday(first)) % 7) + 7 * (n - 1);
}

/**
 * UTC offset in minutes of America/New_York on a day, for times of day after 03:00 (the generator only makes
 * working-hours times): EDT from the second Sunday of March to the first Sunday of November, EST otherwise.
 */
export function offsetMinutes(day: number): number {
  const { y } = parts(day);
  return day >= nthSunday(y, 3, 2) && day < nthSunday(y, 11, 1) ? -240 : -300;
}

/** A local wall-clock moment in the company's time zone. */
export interface Moment {
  day: number;
  /** Seconds since local midnight. */
  second: number;
}

export type StampStyle = "offset" | "utc" | "date";

function clock(second: number): string {
  return `${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
}

/** ISO 8601 with the local offset, the same instant in UTC (`Z`), or just the local date. */
export function fmtStamp(m: Moment, style: StampStyle): string {
  if (style === "date") return fmtDate(m.day);
  const off = offsetMinutes(m.day);
  if (style === "offset") {
    const a = Math.abs(off);
    return `${fmtDate(m.day)}T${clock(m.second)}${off < 0 ? "-" : "+"}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
  }
  const utc = m.day * 86400 + m.second - off * 60;
  const day = Math.floor(utc / 86400);
  return `${fmtDate(day)}T${clock(utc - day * 86400)}Z`;
}

/** Seconds since the epoch (UTC) of a local moment. */
export const epochSeconds = (m: Moment): number => m.day * 86400 + m.second - offsetMinutes(m.day) * 60;

/** Mostly offsets, some UTC, a few plain dates: the mix real exports have. */
export function pickStyle(rng: Rng): StampStyle {
  const r = rng.next();
  return r < 0.82 ? "offset" : r < 0.94 ? "utc" : "date";
}

/** A working day in [from, to] (falls back to any day when the range holds no working day). */
export function workdayBetween(rng: Rng, from: number, to: number): number {
  for (let i = 0; i < 12; i++) {
    const d = rng.int(from, to);
    if (isWorkday(d)) return d;
  }
  return rng.int(from, to);
}

/** A moment during working hours (08:00-19:00) of a day. */
export function workMoment(rng: Rng, day: number): Moment {
  return { day, second: rng.int(8 * 3600, 19 * 3600 - 1) };
}

export interface Quarter {
  index: number;
  start: number;
  end: number;
  /** Fiscal label with the fiscal year starting in January: FY2026-Q1 is January-March 2026. */
  label: string;
  year: number;
}

/** The `count` calendar quarters ending with the quarter that ends on `last` (a quarter's last day). */
export function quartersEnding(last: number, count: number): Quarter[] {
  const { y, m } = parts(last);
  let qy = y;
  let qq = Math.floor((m - 1) / 3) + 1;
  const out: Quarter[] = [];
  for (let i = 0; i < count; i++) {
    const start = dayNumber(qy, (qq - 1) * 3 + 1, 1);
    const end = (qq === 4 ? dayNumber(qy + 1, 1, 1) : dayNumber(qy, qq * 3 + 1, 1)) - 1;
    out.push({ index: 0, start, end, label: `FY${qy}-Q${qq}`, year: qy });
    qq -= 1;
    if (qq === 0) {
      qq = 4;
      qy -= 1;
    }
  }
  out.reverse();
  out.forEach((q, i) => (q.index = i));
  return out;
}
