// CSV reading: papaparse does the parsing; we keep, for every data row, where it starts in the file so
// problems can name a line and a column. Lines are counted incrementally (one pass over the text) and
// field columns are found lazily, only for the rows a problem is reported on.
import Papa from "papaparse";
import type { Problem } from "../validate/problems.ts";
import type { ReadResult, SourceRecord } from "./index.ts";

/** The line break that counts lines in `text`: "\n" (also covers "\r\n"), or "\r" for old Mac files. */
export function lineBreakOf(text: string): "\n" | "\r" {
  if (text.includes("\n")) return "\n";
  return text.includes("\r") ? "\r" : "\n";
}

/** 1-based column of `offset` on the line starting at `lineStart`, counted in characters (code points). */
export function columnOf(text: string, lineStart: number, offset: number): number {
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    const c = text.charCodeAt(i);
    // The second half of a surrogate pair belongs to the character already counted.
    if (c >= 0xdc00 && c <= 0xdfff && i > lineStart) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    column++;
  }
  return column;
}

/** Line and column of `offset`, scanning forward from `fromOffset`, which starts line `fromLine`. */
export function positionFrom(
  text: string,
  lineBreak: string,
  fromOffset: number,
  fromLine: number,
  offset: number,
): { line: number; column: number } {
  let line = fromLine;
  let lineStart = fromOffset;
  let i = text.indexOf(lineBreak, fromOffset);
  while (i !== -1 && i < offset) {
    line++;
    lineStart = i + 1;
    i = text.indexOf(lineBreak, lineStart);
  }
  return { line, column: columnOf(text, lineStart, offset) };
}

interface CsvFile {
  text: string;
  lineBreak: "\n" | "\r";
  /** Char code of the field delimiter (44 for ","). */
  delimiter: number;
  /** Header name → index of its (first) column. */
  index: Map<string, number>;
}

/**
 * Offset where field `n` (0-based) of the row at `start` begins, following papaparse's rules: a quote only
 * opens a quoted field at the start of the field, and `""` inside quotes is an escaped quote.
 * Returns -1 when the row has fewer fields.
 */
function fieldOffset(text: string, start: number, end: number, n: number, delimiter = 44): number {
  let i = start;
  for (let f = 0; f < n; f++) {
    if (text.charCodeAt(i) === 34 /* " */) {
      i++;
      while (i < end) {
        if (text.charCodeAt(i) === 34) {
          if (text.charCodeAt(i + 1) === 34) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
    }
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === delimiter || c === 10 || c === 13) break;
      i++;
    }
    if (i >= end || text.charCodeAt(i) !== delimiter) return -1;
    i++;
  }
  return i;
}

class CsvRecord implements SourceRecord {
  line: number;
  values: Record<string, unknown>;
  #file: CsvFile;
  #start: number;
  #end: number;

  constructor(file: CsvFile, start: number, end: number, line: number, values: Record<string, unknown>) {
    this.#file = file;
    this.#start = start;
    this.#end = end;
    this.line = line;
    this.values = values;
  }

  locate(field: string): { line: number; column: number } {
    const n = this.#file.index.get(field);
    const offset = n === undefined ? -1 : fieldOffset(this.#file.text, this.#start, this.#end, n, this.#file.delimiter);
    if (offset < 0) return { line: this.line, column: 1 };
    return positionFrom(this.#file.text, this.#file.lineBreak, this.#start, this.line, offset);
  }
}

/**
 * Records of a CSV file made on demand, as readCsv makes them: `record(start, line)` is the record whose row starts at
 * offset `start` (a line's start) on `line`. For the fast path, which locates a problem found in SQL.
 */
export function csvRecords(text: string, header: readonly string[], delimiter: Delimiter = ","): (start: number, line: number) => SourceRecord {
  const csv: CsvFile = { text, lineBreak: lineBreakOf(text), delimiter: delimiter.charCodeAt(0), index: new Map() };
  header.forEach((h, n) => {
    if (h !== "" && !csv.index.has(h)) csv.index.set(h, n);
  });
  // The row's end bounds the field scan, which stops at the row's line break anyway: the text's end does as well.
  return (start, line) => new CsvRecord(csv, start, text.length, line, {});
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const QUOTE_MESSAGES: Record<string, string> = {
  MissingQuotes: "has a quoted field that is never closed: a \" opens it and no \" ends it",
  InvalidQuotes: "has text after the closing quote of a quoted field; write a quote inside a quoted field as \"\"",
};

/** The delimiters a CSV file may use (`sniffDelimiter` chooses among them). */
export const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter of a CSV file, guessed from its header row: the candidate that occurs most often outside quotes
 * on the first non-blank line (ties and no candidate at all: ","). Spreadsheets in locales with a decimal comma
 * save CSV with ";".
 */
export function sniffDelimiter(text: string): Delimiter {
  let i = 0;
  while (i < text.length && (text[i] === "\n" || text[i] === "\r" || text[i] === " ")) i++;
  const counts = new Map<string, number>();
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: Delimiter = ",";
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

export interface CsvOptions {
  /** Field delimiter; default ",". Pass `sniffDelimiter(text)` to accept ";"-, tab- or "|"-separated files. */
  delimiter?: Delimiter;
}

/** Parses CSV text (BOM already removed) into records keyed by the trimmed header names. */
export function readCsv(text: string, file: string, options: CsvOptions = {}): ReadResult {
  const delimiter = options.delimiter ?? ",";
  const delimiterCode = delimiter.charCodeAt(0);
  const problems: Problem[] = [];
  const records: SourceRecord[] = [];
  if (text.trim() === "") {
    problems.push({ file, line: 0, column: 0, rule: "empty", message: "the file is empty; it needs a header row" });
    return { records, problems };
  }

  const lineBreak = lineBreakOf(text);
  const csv: CsvFile = { text, lineBreak, delimiter: delimiterCode, index: new Map() };
  let header: string[] | null = null;
  let names: (string | null)[] = []; // per column: the name its value is stored under, null to skip
  let rowStart = 0; // offset where the current row starts
  let scanned = 0; // offset up to which line breaks have been counted
  let line = 1; // line of `scanned`
  let stopped = false;

  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    delimiter,
    step(result, parser) {
      const start = rowStart;
      const end = result.meta.cursor;
      rowStart = end;
      if (start >= text.length || stopped) return; // papaparse's empty row after the final line break
      // Count line breaks from the previous row's start to this one: every character is scanned once.
      let i = text.indexOf(lineBreak, scanned);
      while (i !== -1 && i < start) {
        line++;
        i = text.indexOf(lineBreak, i + 1);
      }
      scanned = start;
      const row = result.data;

      if (result.errors.length > 0) {
        const seen = new Set<string>();
        for (const error of result.errors) {
          if (seen.has(error.code)) continue;
          seen.add(error.code);
          // papaparse points just after the opening quote of the faulty field.
          let at = typeof error.index === "number" && error.index > start && error.index <= end ? error.index : start;
          if (at > start && text.charCodeAt(at - 1) === 34) at--;
          const { line: l, column } = positionFrom(text, lineBreak, start, line, at);
          problems.push({ file, line: l, column, rule: "csv", message: QUOTE_MESSAGES[error.code] ?? `cannot be read as CSV: ${error.message}` });
        }
        if (result.errors.some((e) => e.code === "MissingQuotes")) {
          stopped = true; // the rest of the file was swallowed by the open quote
          parser.abort();
        }
        return;
      }
      if (row.length === 1 && row[0]!.trim() === "") return; // a blank line

      if (header === null) {
        header = row.map((h) => h.trim());
        names = header.map((h, n) => {
          if (h === "") return null;
          const first = csv.index.get(h);
          if (first !== undefined) {
            problems.push({
              file, line, column: positionFrom(text, lineBreak, start, line, fieldOffset(text, start, end, n, delimiterCode)).column, rule: "columns",
              message: `column "${h}" appears twice (columns ${first + 1} and ${n + 1}); the first one is used`,
            });
            return null;
          }
          csv.index.set(h, n);
          return h;
        });
        return;
      }

      if (row.length !== header.length) {
        let column = 0;
        if (row.length > header.length) {
          const extra = fieldOffset(text, start, end, header.length, delimiterCode);
          if (extra >= 0) column = positionFrom(text, lineBreak, start, line, extra).column;
        }
        problems.push({
          file, line, column, rule: "csv",
          message: `has ${plural(row.length, "field")}, the header has ${header.length}` +
            (row.length > header.length ? ` (a value with a ${delimiter === "," ? "comma" : delimiter === "\t" ? "tab" : `"${delimiter}"`} must be in double quotes)` : ""),
        });
        return;
      }

      const values: Record<string, unknown> = {};
      for (let n = 0; n < row.length; n++) {
        const name = names[n];
        // A quoted line break is stored as "\n" whatever the file's line endings, so CRLF and LF exports read the same.
        if (name != null) values[name] = row[n]!.includes("\r") ? row[n]!.replace(/\r\n?/g, "\n") : row[n];
      }
      records.push(new CsvRecord(csv, start, end, line, values));
    },
  });

  if (header === null && problems.length === 0)
    problems.push({ file, line: 0, column: 0, rule: "empty", message: "the file is empty; it needs a header row" });
  return header === null ? { records, problems } : { records, problems, columns: header };
}
