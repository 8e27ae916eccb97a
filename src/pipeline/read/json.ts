// JSON (an array of objects, e.g. a Slack channel export) and JSON Lines reading. JSON.parse does the
// parsing; small scanners find where each array element and each of its keys starts, so problems can
// name a line and a column, and where a syntax error is (V8's messages do not always say).
import type { Problem } from "../validate/problems.ts";
import type { ReadResult, SourceRecord } from "./index.ts";
import { lineBreakOf, positionFrom } from "./csv.ts";

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Offset just after the string whose opening quote is at `i` (or `end` when it never closes). */
function skipString(text: string, i: number, end: number): number {
  i++;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i += 2;
    else if (c === 34 /* " */) return i + 1;
    else i++;
  }
  return end;
}

/**
 * Offset of the opening quote of key `key` of the JSON object starting at or after `start` (whitespace
 * allowed before it), looking only at the object's own keys; -1 when absent.
 */
export function findKey(text: string, start: number, end: number, key: string): number {
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 123 /* { */) return -1;
  i++;
  let depth = 0;
  let expectKey = true;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const after = skipString(text, i, end);
      if (depth === 0 && expectKey) {
        const raw = text.slice(i, after);
        let name: unknown = raw.slice(1, -1);
        if (raw.includes("\\")) {
          try {
            name = JSON.parse(raw);
          } catch {
            /* keep the raw text */
          }
        }
        if (name === key) return i;
        expectKey = false;
      }
      i = after;
      continue;
    }
    if (c === 123 || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (--depth < 0) return -1;
    } else if (c === 44 /* , */ && depth === 0) expectKey = true;
    i++;
  }
  return -1;
}

/** Start and end offsets of the elements of the top-level JSON array in `text` (which must be valid JSON). */
function arrayElements(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let depth = 0;
  let expecting = false;
  const open = (i: number) => {
    if (depth === 1 && expecting) {
      starts.push(i);
      expecting = false;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      open(i);
      i = skipString(text, i, text.length) - 1;
    } else if (c === 123 || c === 91) {
      open(i);
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === 125 || c === 93) {
      if (depth === 1 && starts.length > ends.length) ends.push(i);
      depth--;
    } else if (c === 44) {
      if (depth === 1) {
        if (starts.length > ends.length) ends.push(i);
        expecting = true;
      }
    } else if (!isSpace(c)) open(i);
  }
  return { starts, ends };
}

/**
 * Where JSON `text[start, end)` first goes wrong, and why; null when it is valid.
 * An iterative recursive-descent check, so deep nesting cannot overflow the stack.
 */
export function findJsonError(text: string, start = 0, end = text.length): { offset: number; message: string } | null {
  const stack: number[] = []; // 91 for an array, 123 for an object
  let i = start;
  const ws = () => {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
  };
  const fail = (message: string) => ({ offset: i, message: i >= end ? "the file ends in the middle of a value" : message });
  const show = () => {
    const cp = text.codePointAt(i)!;
    return cp < 32 ? `a control character (U+${cp.toString(16).toUpperCase().padStart(4, "0")})` : `'${String.fromCodePoint(cp)}'`;
  };
  const string = (): { offset: number; message: string } | null => {
    const open = i;
    i++;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else return { offset: i, message: "invalid escape in a string" };
      } else if (c < 32) return { offset: i, message: "line break or control character inside a string (write it as \\n)" };
      else i++;
    }
    return { offset: open, message: "a string is never closed" };
  };

  for (;;) {
    // A value is expected at i.
    ws();
    if (i >= end) return fail("");
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      stack.push(c);
      i++;
      ws();
      if (text.charCodeAt(i) === (c === 123 ? 125 : 93)) {
        stack.pop();
        i++;
      } else if (c === 123) {
        if (text.charCodeAt(i) !== 34) return fail(`expected a property name in double quotes, found ${show()}`);
        const e = string();
        if (e) return e;
        ws();
        if (text.charCodeAt(i) !== 58 /* : */) return fail(`expected ':' after a property name, found ${show()}`);
        i++;
        continue;
      } else continue;
    } else if (c === 34) {
      const e = string();
      if (e) return e;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
      m.lastIndex = i;
      const found = m.exec(text);
      if (!found || found[0] === "-") return fail("invalid number");
      i += found[0].length;
    } else {
      const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
      if (!word) return fail(`unexpected ${show()} where a value should be`);
      i += word.length;
    }

    // After a value: close containers, or move to the next element or property.
    for (;;) {
      ws();
      const top = stack.at(-1);
      if (top === undefined) return i < end ? fail(`unexpected ${show()} after the end of the JSON value`) : null;
      if (i >= end) return fail("");
      const d = text.charCodeAt(i);
      if (d === (top === 91 ? 93 : 125)) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 44) return fail(`expected ',' or '${top === 91 ? "]" : "}"}' after ${top === 91 ? "an array element" : "a property value"}, found ${show()}`);
      i++;
      if (top === 123) {
        ws();
        if (text.charCodeAt(i) !== 34) return fail(`expected a property name in double quotes, found ${show()}`);
        const e = string();
        if (e) return e;
        ws();
        if (text.charCodeAt(i) !== 58) return fail(`expected ':' after a property name, found ${show()}`);
        i++;
      }
      break;
    }
  }
}

const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? "a string" : typeof v === "object" ? "an object" : `a ${typeof v}`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

interface JsonFile {
  text: string;
  lineBreak: "\n" | "\r";
}

class JsonRecord implements SourceRecord {
  line: number;
  values: Record<string, unknown>;
  #file: JsonFile;
  #start: number;
  #end: number;
  #lineStart: number;

  constructor(file: JsonFile, start: number, end: number, line: number, lineStart: number, values: Record<string, unknown>) {
    this.#file = file;
    this.#start = start;
    this.#end = end;
    this.#lineStart = lineStart;
    this.line = line;
    this.values = values;
  }

  locate(field: string): { line: number; column: number } {
    const { text, lineBreak } = this.#file;
    const key = Object.hasOwn(this.values, field) ? findKey(text, this.#start, this.#end, field) : -1;
    return positionFrom(text, lineBreak, this.#lineStart, this.line, key < 0 ? this.#start : key);
  }
}

/**
 * Records of a JSON or JSON Lines file made on demand, as readJson and readJsonl make them: `record(start, end, line,
 * lineStart)` is the object at [start, end) starting on `line`, which starts at `lineStart`. For the fast path, which
 * locates a problem found in SQL.
 */
export function jsonRecords(text: string): (start: number, end: number, line: number, lineStart: number) => SourceRecord {
  const json: JsonFile = { text, lineBreak: lineBreakOf(text) };
  return (start, end, line, lineStart) =>
    new JsonRecord(json, start, end, line, lineStart, JSON.parse(text.slice(start, end)) as Record<string, unknown>);
}

/** Reads a JSON file holding an array of objects (BOM already removed). */
export function readJson(text: string, file: string): ReadResult {
  const problems: Problem[] = [];
  const records: SourceRecord[] = [];
  if (text.trim() === "") {
    problems.push({ file, line: 0, column: 0, rule: "empty", message: "the file is empty; it needs a JSON array of objects" });
    return { records, problems };
  }
  const lineBreak = lineBreakOf(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const error = findJsonError(text) ?? { offset: 0, message: (e as Error).message };
    problems.push({ file, ...positionFrom(text, lineBreak, 0, 1, error.offset), rule: "json", message: `is not valid JSON: ${error.message}` });
    return { records, problems };
  }
  if (!Array.isArray(data)) {
    let first = 0;
    while (isSpace(text.charCodeAt(first))) first++;
    problems.push({ file, ...positionFrom(text, lineBreak, 0, 1, first), rule: "json", message: `must be a JSON array of objects, found ${kindOf(data)}` });
    return { records, problems };
  }

  const json: JsonFile = { text, lineBreak };
  const { starts, ends } = arrayElements(text);
  let line = 1;
  let lineStart = 0;
  let i = text.indexOf(lineBreak);
  for (let n = 0; n < data.length; n++) {
    const start = starts[n]!;
    while (i !== -1 && i < start) {
      line++;
      lineStart = i + 1;
      i = text.indexOf(lineBreak, lineStart);
    }
    const value: unknown = data[n];
    if (!isObject(value)) {
      problems.push({ file, ...positionFrom(text, lineBreak, lineStart, line, start), rule: "json", message: `element ${n + 1} of the array must be an object, found ${kindOf(value)}` });
      continue;
    }
    records.push(new JsonRecord(json, start, ends[n] ?? text.length, line, lineStart, value));
  }
  return { records, problems };
}

/** Reads a JSON Lines file: one JSON object per non-blank line (BOM already removed). */
export function readJsonl(text: string, file: string): ReadResult {
  const problems: Problem[] = [];
  const records: SourceRecord[] = [];
  if (text.trim() === "") {
    problems.push({ file, line: 0, column: 0, rule: "empty", message: "the file is empty; it needs one JSON object per line" });
    return { records, problems };
  }
  const lineBreak = lineBreakOf(text);
  const json: JsonFile = { text, lineBreak };
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    line++;
    const next = text.indexOf(lineBreak, start);
    let end = next === -1 ? text.length : next;
    const after = next === -1 ? text.length + 1 : next + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--; // CRLF
    const source = text.slice(start, end);
    if (source.trim() !== "") {
      let value: unknown;
      let ok = true;
      try {
        value = JSON.parse(source);
      } catch (e) {
        ok = false;
        const error = findJsonError(text, start, end) ?? { offset: start, message: (e as Error).message };
        const message = error.offset >= end && error.message === "the file ends in the middle of a value"
          ? "is not valid JSON: the line ends in the middle of a value (each object must be on one line)"
          : `is not valid JSON: ${error.message}`;
        problems.push({ file, ...positionFrom(text, lineBreak, start, line, Math.min(error.offset, end)), rule: "json", message });
      }
      if (ok) {
        if (!isObject(value)) {
          let first = start;
          while (isSpace(text.charCodeAt(first))) first++;
          problems.push({ file, ...positionFrom(text, lineBreak, start, line, first), rule: "json", message: `must hold a JSON object, found ${kindOf(value)}` });
        } else records.push(new JsonRecord(json, start, end, line, start, value));
      }
    }
    start = after;
  }
  return { records, problems };
}
