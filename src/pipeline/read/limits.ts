// The bounds of one input file: what the build can hold, checked before it tries, so an input too big for it is a
// clear, located problem instead of an out-of-memory crash or a stack trace from deep inside a library.
//
// Why these numbers. The readers hold a whole file as one string (papaparse and JSON.parse work on text in memory),
// and V8's longest string is 2^29 - 24 characters (about 536.9 million): a file above that cannot be read at all, so
// MAX_FILE_BYTES stays below it. Rows cost far more than their bytes: every record is a JS object plus its values, and
// the team measured 1 million rows (an 81 MB CSV) at about 300 MB peak in DuckDB; 10 million lines is then several GB
// at the peak, which this 23 GB machine holds with room to spare, and far beyond what one company's exports hold.
// A single cell is text someone typed or an export glitch: the longest field the schemas accept is 4,000 characters, so
// a cell of more than a million is never data; it is refused before validation quotes or copies it.
import { open, stat } from "node:fs/promises";
import type { InputFormat } from "../inputs.ts";
import type { Problem } from "../validate/problems.ts";
import type { ReadResult } from "./index.ts";

/** Largest input file read, in bytes (500 MiB): below V8's longest string, the whole file is decoded into one. */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;
/** Most lines a CSV or JSON Lines file may have (one record a line). */
export const MAX_LINES = 10_000_000;
/** Longest cell (a CSV field or a JSON string value), in characters. */
export const MAX_CELL_CHARS = 1024 * 1024;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
const count = (n: number) => n.toLocaleString("en-US");

/** Line breaks (LF, or CR for old Mac files) in the file, counted a chunk at a time; stops once past `stopAt`. */
async function countLines(path: string, stopAt: number): Promise<number> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let lf = 0;
    let cr = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lf++;
      if (lf === 0) for (let i = chunk.indexOf(13); i !== -1; i = chunk.indexOf(13, i + 1)) cr++;
      if (Math.max(lf, cr) > stopAt) break;
    }
    return Math.max(lf, cr) + 1;
  } finally {
    await file.close();
  }
}

/**
 * The problem that keeps the file at `path` from being read because it is too big, before any of it is read;
 * undefined when it is within bounds (or is not a readable file: the reader reports that).
 */
export async function checkFileLimits(path: string, displayPath: string, format: InputFormat): Promise<ReadResult | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const fail = (message: string): ReadResult => ({ records: [], problems: [{ file: displayPath, line: 0, column: 0, rule: "size", message }] });
  if (info.size > MAX_FILE_BYTES)
    return fail(`is ${mb(info.size)}, more than the ${mb(MAX_FILE_BYTES)} a build can read from one file; split it, or export a shorter period`);
  // A record takes at least two bytes (a character and a line break), so only a file that big can have too many lines.
  // JSON arrays are left to the file size: a pretty-printed message spans many lines.
  if (format !== "json" && info.size > 2 * MAX_LINES) {
    const lines = await countLines(path, MAX_LINES);
    if (lines > MAX_LINES)
      return fail(`has more than ${count(MAX_LINES)} lines, more than a build can hold in memory; split it, or export a shorter period`);
  }
  return undefined;
}

/** The length of the longest string in `value`, looking into JSON arrays and objects. */
function longestString(value: unknown, depth = 0): number {
  if (typeof value === "string") return value.length;
  if (value === null || typeof value !== "object" || depth > 64) return 0;
  let longest = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value)) longest = Math.max(longest, longestString(v, depth + 1));
  return longest;
}

/**
 * Drops the records holding a cell longer than MAX_CELL_CHARS, with a located `[size]` problem for each such cell, so
 * validation never quotes or copies one.
 */
export function checkCellLimits(read: ReadResult, displayPath: string): ReadResult {
  let problems: Problem[] | undefined;
  const kept = read.records.filter((record) => {
    let ok = true;
    for (const field in record.values) {
      const value = record.values[field];
      const length = typeof value === "string" ? value.length : typeof value === "object" ? longestString(value) : 0;
      if (length <= MAX_CELL_CHARS) continue;
      ok = false;
      (problems ??= []).push({
        file: displayPath,
        ...record.locate(field),
        rule: "size",
        message: `${field} holds ${count(length)} characters, more than the ${count(MAX_CELL_CHARS)} a cell may hold`,
      });
    }
    return ok;
  });
  if (!problems) return read;
  return { ...read, records: kept, problems: [...read.problems, ...problems] };
}
