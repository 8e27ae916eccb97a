// The read stage: one input file → records that remember where they are in the file, plus the problems
// that keep the file from being read (encoding, CSV/JSON syntax, field counts). Validation is next.
import { readFile, stat } from "node:fs/promises";
import type { InputFormat } from "../inputs.ts";
import type { Problem } from "../validate/problems.ts";
import { readCsv } from "./csv.ts";
import { readJson, readJsonl } from "./json.ts";
import { checkCellLimits, checkFileLimits } from "./limits.ts";

export interface SourceRecord {
  /** 1-based line where the record starts in the file. */
  line: number;
  /** Field values: strings for CSV (keyed by header name, trimmed header), JSON values for JSON/JSONL. */
  values: Record<string, unknown>;
  /** Where a field of this record starts in the file (1-based line and column); the record's start when the field is absent. */
  locate(field: string): { line: number; column: number };
}

export interface ReadResult {
  records: SourceRecord[];
  problems: Problem[];
  /** CSV only, once a header row was read: its column names (trimmed), in file order. Pass it to validateRows. */
  columns?: string[];
}

/** Offset of the first byte of `bytes` that is not part of a well-formed UTF-8 sequence; -1 when all are. */
function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

function encodingProblem(bytes: Uint8Array, file: string): Problem {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { file, line: 1, column: 1, rule: "encoding", message: "is UTF-16, not UTF-8; save or export it as UTF-8" };
  const at = Math.max(0, invalidUtf8At(bytes));
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, at)); // valid, BOM dropped
  const breaks = before.match(/\r\n|\n|\r/g) ?? [];
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  const line = breaks.length + 1;
  const column = [...before.slice(lineStart)].length + 1;
  const hex = bytes[at]!.toString(16).toUpperCase().padStart(2, "0");
  return {
    file, line, column, rule: "encoding",
    message: `is not valid UTF-8 (byte 0x${hex} at line ${line}, column ${column}); save or export the file as UTF-8`,
  };
}

/** Reads one input file. `displayPath` is how the file is named in problems (e.g. "data/deals.csv"). */
export async function readInput(path: string, displayPath: string, format: InputFormat): Promise<ReadResult> {
  const tooBig = await checkFileLimits(path, displayPath, format); // before reading any of it
  if (tooBig) return tooBig;
  const fail = (rule: string, message: string): ReadResult => ({ records: [], problems: [{ file: displayPath, line: 0, column: 0, rule, message }] });
  let bytes: Uint8Array;
  try {
    if ((await stat(path)).isDirectory()) return fail("file", "is a directory, not a file");
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail("missing", "file not found");
    return fail("file", `cannot be read (${code ?? (e as Error).message})`);
  }

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a leading BOM
  } catch {
    return { records: [], problems: [encodingProblem(bytes, displayPath)] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  switch (format) {
    case "csv":
      return checkCellLimits(readCsv(text, displayPath), displayPath);
    case "json":
      return checkCellLimits(readJson(text, displayPath), displayPath);
    case "jsonl":
      return checkCellLimits(readJsonl(text, displayPath), displayPath);
  }
}
