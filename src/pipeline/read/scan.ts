// Byte scanners for the fast path (load/fast.ts): they decide, without building a string or an object per record,
// whether DuckDB's own reader will see a file exactly as the JavaScript readers do (csv.ts: papaparse; json.ts:
// JSON.parse), and where each record starts. They accept only the plain, unambiguous form of each format and answer
// `undefined` for anything else — a quote papaparse would read leniently, a blank line of spaces, a JSON extension
// DuckDB allows (trailing commas, NaN), a duplicate key (JSON.parse keeps the last, DuckDB the first), an escaped
// surrogate — so that file takes the JavaScript path, which reports what is wrong, if anything, exactly as before.
// The caller has already checked the bytes are UTF-8 and hold no CR and no NUL.
import { MAX_CELL_CHARS } from "./limits.ts";

export interface Scan {
  /** Records found. */
  rows: number;
  /** 1-based line where each record starts. */
  lines: Int32Array;
  /**
   * Byte offsets of each record: where its line starts, where it starts (after that, for a JSON array's element not first
   * on its line), and where it ends. A problem in a record is located from these bytes alone (load/fast.ts).
   */
  lineStarts: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Whether record i starts on line `lines[0] + i` (no blank line, no record over several lines). */
  sequential: boolean;
}

/** Kinds of JSON value a record's field held, as bits (a field's `kinds` OR the kinds of all records). */
export const KIND = { string: 1, number: 2, null: 4, boolean: 8, object: 16, array: 32, absent: 64 } as const;

export interface JsonScan extends Scan {
  /** Per field asked for: the kinds of value it held across the records (KIND bits). */
  kinds: Uint8Array;
  /** The array field asked for: what its elements held. */
  nested?: NestedKinds;
}

export interface CsvScan extends Scan {
  /** The header's names, trimmed as the CSV reader trims them. */
  header: string[];
  /** Bytes of all the data cells' values (unquoted, `""` counted once): DuckDB's cells must add up to the same. */
  cellBytes: number;
}

const LF = 10;
const QUOTE = 34;
const COMMA = 44;

/** Line breaks in `buf`, counted natively. */
function countLines(buf: Uint8Array): number {
  let n = 0;
  for (let i = (buf as Buffer).indexOf(LF); i !== -1; i = (buf as Buffer).indexOf(LF, i + 1)) n++;
  return n;
}

const utf8 = new TextDecoder("utf-8");

/**
 * A comma-separated file whose quotes all open a field and close right before a comma or a line break, whose rows all
 * have the header's number of fields, and whose blank lines are empty. `start` skips a byte-order mark.
 */
export function scanCsv(input: Uint8Array, start = 0): CsvScan | undefined {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const n = buf.length;
  // The header: one line, not blank.
  let headerEnd = buf.indexOf(LF, start);
  if (headerEnd === -1) headerEnd = n;
  const headerFields: string[] = [];
  {
    let i = start;
    for (;;) {
      let raw: string;
      if (buf[i] === QUOTE) {
        let j = i + 1;
        let escaped = false;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q === -1 || q >= headerEnd) return undefined; // unclosed, or a line break inside the header
          if (buf[q + 1] === QUOTE) {
            escaped = true;
            j = q + 2;
            continue;
          }
          raw = utf8.decode(buf.subarray(i + 1, q));
          if (escaped) raw = raw.replaceAll('""', '"');
          i = q + 1;
          break;
        }
        if (i < headerEnd && buf[i] !== COMMA) return undefined;
      } else {
        let j = i;
        while (j < headerEnd && buf[j] !== COMMA) {
          if (buf[j] === QUOTE) return undefined;
          j++;
        }
        raw = utf8.decode(buf.subarray(i, j));
        i = j;
      }
      headerFields.push(raw.trim());
      if (i >= headerEnd) break;
      i++; // the comma
    }
  }
  const width = headerFields.length;
  // One column: a row of spaces is a blank line to the reader, and a value to DuckDB.
  if (width < 2 || headerFields.every((h) => h === "")) return undefined;

  const lines = new Int32Array(countLines(buf) + 1);
  const starts = new Int32Array(lines.length);
  const ends = new Int32Array(lines.length);
  let rows = 0;
  let line = 2;
  let sequential = true;
  let cellBytes = 0;
  let i = headerEnd + 1;
  while (i < n) {
    if (buf[i] === LF) {
      // An empty line: skipped by both readers.
      line++;
      i++;
      continue;
    }
    const rowLine = line;
    const rowStart = i;
    let fields = 0;
    for (;;) {
      let cell: number;
      if (buf[i] === QUOTE) {
        let j = i + 1;
        let escapes = 0;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q === -1) return undefined; // never closed
          // line breaks inside the quotes
          for (let k = buf.indexOf(LF, j); k !== -1 && k < q; k = buf.indexOf(LF, k + 1)) line++;
          if (buf[q + 1] === QUOTE) {
            escapes++;
            j = q + 2;
            continue;
          }
          cell = q - i - 1 - escapes;
          i = q + 1;
          break;
        }
        if (i < n && buf[i] !== COMMA && buf[i] !== LF) return undefined; // text after the closing quote
      } else {
        const from = i;
        for (;;) {
          const c = buf[i];
          if (c === COMMA || c === LF || i >= n) break;
          if (c === QUOTE) return undefined; // a quote inside an unquoted field
          i++;
        }
        cell = i - from;
      }
      if (cell > MAX_CELL_CHARS) return undefined; // the reader reports it
      cellBytes += cell;
      fields++;
      if (i < n && buf[i] === COMMA) {
        i++;
        continue;
      }
      break; // a line break or the end
    }
    if (fields !== width) return undefined;
    if (rowLine !== rows + 2) sequential = false;
    starts[rows] = rowStart;
    ends[rows] = i;
    lines[rows++] = rowLine;
    if (i < n) {
      i++; // the line break
      line++;
    }
  }
  const used = starts.subarray(0, rows);
  return { header: headerFields, rows, lines: lines.subarray(0, rows), lineStarts: used, starts: used, ends: ends.subarray(0, rows), sequential, cellBytes };
}

// ---------------------------------------------------------------------------------------------------------------------
// JSON

const isWs = (c: number) => c === 32 || c === 9 || c === LF;

/** FNV-1a of bytes [from, to): keys are compared by it (a collision only sends the file to the JavaScript path). */
function hashBytes(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
}

/** Which top-level fields to report the kinds of (names as bytes), and their kinds so far. */
interface Probe {
  names: Uint8Array[];
  kinds: Uint8Array;
  /** One field holding an array: the kinds of its elements, and of the fields of those that are objects. */
  nested?: { field: number; keys: Uint8Array[]; kinds: Uint8Array; elements: number; otherKeys: boolean };
}

/** What the scan saw of an array field's elements (see JsonScan.nested). */
export interface NestedKinds {
  /** KIND bits of the elements. */
  elements: number;
  /** Per key asked for: KIND bits of its values in the elements that are objects (absent included). */
  keys: Uint8Array;
  /** Whether an element object had a key not asked for. */
  otherKeys: boolean;
}

/** Index of the name in `names` equal to bytes [from, to), or -1. */
function nameAt(names: readonly Uint8Array[], buf: Uint8Array, from: number, to: number): number {
  const length = to - from;
  for (let f = 0; f < names.length; f++) {
    const name = names[f]!;
    if (name.length !== length) continue;
    let k = 0;
    while (k < length && name[k] === buf[from + k]) k++;
    if (k === length) return f;
  }
  return -1;
}

/** The kind bit of the JSON value starting with byte `c`. */
function kindOf(c: number): number {
  if (c === QUOTE) return KIND.string;
  if (c === 45 || (c >= 48 && c <= 57)) return KIND.number;
  if (c === 123) return KIND.object;
  if (c === 91) return KIND.array;
  if (c === 110) return KIND.null;
  return KIND.boolean;
}

/** Results of scanString, kept here rather than in an object per string. */
let stringHash = 0;
let stringEscaped = false;

/**
 * Scans the JSON string whose opening quote is at `i`, as JSON.parse reads strings; returns the offset after its closing
 * quote, or -1 when it is not plain (unclosed, a control character, a bad escape, an escaped surrogate or NUL, or longer
 * than the cell limit). Sets `stringEscaped`, and for a key without escapes `stringHash` (of its bytes).
 */
function scanString(buf: Uint8Array, i: number, end: number, key: boolean): number {
  const open = ++i;
  let escaped = false;
  for (;;) {
    if (i >= end) return -1;
    const c = buf[i]!;
    if (c === QUOTE) break;
    if (c < 0x20) return -1;
    if (c === 92) {
      escaped = true;
      const e = buf[i + 1];
      if (e === 117 /* u */) {
        let v = 0;
        for (let k = 2; k < 6; k++) {
          const h = buf[i + k]!;
          const d = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
          if (d < 0) return -1;
          v = v * 16 + d;
        }
        if (v === 0 || (v >= 0xd800 && v <= 0xdfff)) return -1;
        i += 6;
      } else if (e === QUOTE || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) i += 2;
      else return -1;
      continue;
    }
    i++;
  }
  if (i - open > MAX_CELL_CHARS) return -1;
  stringEscaped = escaped;
  if (key && !escaped) stringHash = hashBytes(buf, open, i);
  return i + 1;
}

/** Open containers of the value being scanned (91 [ or 123 {), and the hashes of each open object's keys so far. */
let stack = new Uint8Array(64);
let keyHashes = new Int32Array(256);
/** Per depth: where its object's keys start in keyHashes. */
let keyFrom = new Int32Array(64);

/**
 * Validates one JSON value starting at `i` (whitespace already skipped) as JSON.parse would, and returns the offset after
 * it; -1 when it is not plain JSON (invalid, a duplicate key, an escaped key, an escaped surrogate or NUL, or a string
 * longer than the cell limit). Iterative: deep nesting cannot overflow the stack. With a probe, the value is a record
 * (an object) and the kinds of its fields are added to the probe's.
 */
function jsonValue(buf: Uint8Array, i: number, end: number, probe?: Probe): number {
  let depth = 0;
  let keyCount = 0;
  let keyStart = 0;
  let keyEnd = 0;
  let seen = 0; // probe fields met in this record, as bits
  const nested = probe?.nested;
  let field = -1; // the probed field whose value is being read
  let inNested = false; // inside the nested field's array (its elements are at depth 2)
  let elementSeen = 0; // keys met in the current element object, as bits

  for (;;) {
    // a value at i
    if (i >= end) return -1;
    const c = buf[i]!;
    if (inNested && depth === 2) {
      nested!.elements |= kindOf(c);
      elementSeen = 0;
    }
    let key = false; // a key follows (an object was opened)
    if (c === 123 || c === 91) {
      i++;
      while (i < end && isWs(buf[i]!)) i++;
      if (buf[i] === (c === 123 ? 125 : 93)) {
        i++;
        if (inNested && depth === 2 && c === 123) elementSeen = absentKeys(nested!, 0); // {}
      } else {
        if (depth === stack.length) {
          const grown = new Uint8Array(depth * 2);
          grown.set(stack);
          stack = grown;
          const from = new Int32Array(depth * 2);
          from.set(keyFrom);
          keyFrom = from;
        }
        stack[depth++] = c;
        if (c === 91 && depth === 2 && nested && field === nested.field) inNested = true;
        if (c === 123) {
          keyFrom[depth - 1] = keyCount;
          key = true;
        } else continue;
      }
    } else if (c === QUOTE) {
      i = scanString(buf, i, end, false);
      if (i < 0) return -1;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      if (c === 45) i++;
      if (buf[i] === 48) i++;
      else if (buf[i]! >= 49 && buf[i]! <= 57) while (buf[i]! >= 48 && buf[i]! <= 57) i++;
      else return -1;
      if (buf[i] === 46) {
        i++;
        if (!(buf[i]! >= 48 && buf[i]! <= 57)) return -1;
        while (buf[i]! >= 48 && buf[i]! <= 57) i++;
      }
      if (buf[i] === 101 || buf[i] === 69) {
        i++;
        if (buf[i] === 43 || buf[i] === 45) i++;
        if (!(buf[i]! >= 48 && buf[i]! <= 57)) return -1;
        while (buf[i]! >= 48 && buf[i]! <= 57) i++;
      }
    } else if (c === 116 && buf[i + 1] === 114 && buf[i + 2] === 117 && buf[i + 3] === 101) i += 4;
    else if (c === 102 && buf[i + 1] === 97 && buf[i + 2] === 108 && buf[i + 3] === 115 && buf[i + 4] === 101) i += 5;
    else if (c === 110 && buf[i + 1] === 117 && buf[i + 2] === 108 && buf[i + 3] === 108) i += 4;
    else return -1;
    if (i > end) return -1;

    // after a value: close containers, or go on to the next element or member
    while (!key) {
      while (i < end && isWs(buf[i]!)) i++;
      if (depth === 0) {
        if (probe) for (let f = 0; f < probe.names.length; f++) if (!(seen & (1 << f))) probe.kinds[f]! |= KIND.absent;
        return i;
      }
      if (i >= end) return -1;
      const top = stack[depth - 1]!;
      const d = buf[i]!;
      if (d === (top === 91 ? 93 : 125)) {
        depth--;
        if (top === 123) keyCount = keyFrom[depth]!;
        if (inNested) {
          if (depth === 2 && top === 123) elementSeen = absentKeys(nested!, elementSeen); // an element object closes
          else if (depth === 1) inNested = false; // the nested array closes
        }
        i++;
        continue;
      }
      if (d !== COMMA) return -1;
      i++;
      while (i < end && isWs(buf[i]!)) i++;
      if (top === 123) key = true;
      else break;
    }
    if (!key) continue;

    // a key of the innermost object at i, then ':' and its value
    if (buf[i] !== QUOTE) return -1;
    keyStart = i + 1;
    i = scanString(buf, i, end, true);
    if (i < 0 || stringEscaped) return -1;
    keyEnd = i - 1;
    for (let k = keyFrom[depth - 1]!; k < keyCount; k++) if (keyHashes[k] === (stringHash | 0)) return -1; // a duplicate
    if (keyCount === keyHashes.length) {
      const grown = new Int32Array(keyCount * 2);
      grown.set(keyHashes);
      keyHashes = grown;
    }
    keyHashes[keyCount++] = stringHash | 0;
    while (i < end && isWs(buf[i]!)) i++;
    if (buf[i] !== 58 /* : */) return -1;
    i++;
    while (i < end && isWs(buf[i]!)) i++;
    if (probe) {
      // note the value's kind if the key is probed (the record's, or an element object's)
      if (depth === 1) {
        field = nameAt(probe.names, buf, keyStart, keyEnd);
        if (field >= 0) {
          probe.kinds[field]! |= kindOf(buf[i]!);
          seen |= 1 << field;
        }
      } else if (inNested && depth === 3) {
        const k = nameAt(nested!.keys, buf, keyStart, keyEnd);
        if (k < 0) nested!.otherKeys = true;
        else {
          nested!.kinds[k]! |= kindOf(buf[i]!);
          elementSeen |= 1 << k;
        }
      }
    }
  }
}

/** Marks the element keys not in `seen` absent; returns 0 (nothing seen in the next element yet). */
function absentKeys(nested: NonNullable<Probe["nested"]>, seen: number): number {
  for (let k = 0; k < nested.keys.length; k++) if (!(seen & (1 << k))) nested.kinds[k]! |= KIND.absent;
  return 0;
}

/** What to probe: the record's fields, and one array field's element keys. */
export interface ProbeSpec {
  fields: readonly string[];
  nested?: { field: string; keys: readonly string[] };
}

const encode = (s: string) => new TextEncoder().encode(s);

function probeOf(spec: ProbeSpec): Probe {
  if (spec.fields.length > 30 || (spec.nested?.keys.length ?? 0) > 30) throw new Error("at most 30 fields can be probed");
  const probe: Probe = { names: spec.fields.map(encode), kinds: new Uint8Array(spec.fields.length) };
  if (spec.nested) {
    const field = spec.fields.indexOf(spec.nested.field);
    if (field < 0) throw new Error(`${spec.nested.field} is not among the probed fields`);
    probe.nested = { field, keys: spec.nested.keys.map(encode), kinds: new Uint8Array(spec.nested.keys.length), elements: 0, otherKeys: false };
  }
  return probe;
}

const nestedOf = (probe: Probe): NestedKinds | undefined =>
  probe.nested && { elements: probe.nested.elements, keys: probe.nested.kinds, otherKeys: probe.nested.otherKeys };

/** A JSON Lines file: every line blank (spaces and tabs) or one plain JSON object. `fields`: what to report kinds of. */
export function scanJsonl(input: Uint8Array, fields: ProbeSpec = { fields: [] }): JsonScan | undefined {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const probe = probeOf(fields);
  const n = buf.length;
  const lines = new Int32Array(countLines(buf) + 1);
  const starts = new Int32Array(lines.length);
  const ends = new Int32Array(lines.length);
  let rows = 0;
  let sequential = true;
  let line = 0;
  for (let start = 0; start < n; ) {
    line++;
    let end = buf.indexOf(LF, start);
    if (end === -1) end = n;
    let i = start;
    while (i < end && (buf[i] === 32 || buf[i] === 9)) i++;
    if (i < end) {
      if (buf[i] !== 123) return undefined; // not an object (or a blank the reader sees and DuckDB may not)
      const after = jsonValue(buf, i, end, probe);
      if (after < 0) return undefined;
      for (let k = after; k < end; k++) if (buf[k] !== 32 && buf[k] !== 9) return undefined;
      if (line !== rows + 1) sequential = false;
      starts[rows] = start;
      ends[rows] = end;
      lines[rows++] = line;
    }
    start = end + 1;
  }
  if (rows === 0) return undefined; // blank throughout: the reader reports the file as empty
  const used = starts.subarray(0, rows);
  return {
    rows, lines: lines.subarray(0, rows), lineStarts: used, starts: used, ends: ends.subarray(0, rows), sequential,
    kinds: probe.kinds, ...(probe.nested ? { nested: nestedOf(probe) } : {}),
  };
}

/** A JSON file holding one array of plain JSON objects. `fields`: what to report the kinds of. */
export function scanJsonArray(input: Uint8Array, fields: ProbeSpec = { fields: [] }): JsonScan | undefined {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const probe = probeOf(fields);
  const n = buf.length;
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  const ws = () => {
    while (i < n && isWs(buf[i]!)) i++;
  };
  ws();
  if (buf[i] !== 91) return undefined;
  i++;
  ws();
  if (buf[i] === 93) i++;
  else
    for (;;) {
      if (buf[i] !== 123) return undefined;
      starts.push(i);
      i = jsonValue(buf, i, n, probe);
      if (i < 0) return undefined;
      ends.push(i);
      ws();
      if (buf[i] === 93) {
        i++;
        break;
      }
      if (buf[i] !== COMMA) return undefined;
      i++;
      ws();
    }
  ws();
  if (i !== n) return undefined;
  // line of each element's start
  const lines = new Int32Array(starts.length);
  const lineStarts = new Int32Array(starts.length);
  let line = 1;
  let at = 0;
  let nl = buf.indexOf(LF);
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    while (nl !== -1 && nl < s) {
      line++;
      at = nl + 1;
      nl = buf.indexOf(LF, at);
    }
    lines[k] = line;
    lineStarts[k] = at;
  }
  let sequential = true;
  for (let k = 1; k < lines.length && sequential; k++) if (lines[k] !== lines[0]! + k) sequential = false;
  return {
    rows: starts.length, lines, lineStarts, starts: Int32Array.from(starts), ends: Int32Array.from(ends), sequential,
    kinds: probe.kinds, ...(probe.nested ? { nested: nestedOf(probe) } : {}),
  };
}
