// The fast path's byte scanners (read/scan.ts) against the JavaScript readers, on random text: whatever a scanner takes,
// the reader reads without a problem, with the same records starting on the same lines (and, for CSV, cells adding up
// to the same bytes; for JSON, fields holding the kinds of value the scan reports). What a scanner declines is left to
// the reader, so declining is always safe; the generated texts are plain often enough that both sides are exercised.
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { readCsv } from "../src/pipeline/read/csv.ts";
import { readJson, readJsonl } from "../src/pipeline/read/json.ts";
import { KIND, scanCsv, scanJsonArray, scanJsonl } from "../src/pipeline/read/scan.ts";

const bytes = (s: string) => Buffer.from(s, "utf8");
const utf8Length = (s: string) => Buffer.byteLength(s, "utf8");

/** Texts the fast path would scan: no CR, no NUL (it checks those bytes before scanning). */
const csvText = fc
  .array(fc.constantFrom("a", "b", "é", "😀", " ", ",", ",", "\n", "\n", '"', '""', "x,y", '"q"', "\t"), { maxLength: 40 })
  .map((parts) => `h1,h2,h3\n${parts.join("")}`);

describe("scanCsv", () => {
  it("takes only what papaparse reads the same way", () => {
    let taken = 0;
    fc.assert(
      fc.property(csvText, (text) => {
        const scan = scanCsv(bytes(text));
        if (!scan) return;
        taken++;
        const read = readCsv(text, "f.csv");
        expect(read.problems).toEqual([]);
        expect(read.records.map((r) => r.line)).toEqual([...scan.lines]);
        expect(scan.header).toEqual(read.columns);
        const rows = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: false }).data.slice(1);
        const cells = rows.filter((r) => !(r.length === 1 && r[0]!.trim() === "")).flat();
        expect(scan.cellBytes).toBe(cells.reduce((n, c) => n + utf8Length(c), 0));
      }),
      { numRuns: 3000, seed: 11 },
    );
    expect(taken).toBeGreaterThan(200);
  });

  it("declines what it cannot be sure of", () => {
    for (const text of [
      'h1,h2\na"b,c\n', // a quote inside an unquoted field
      'h1,h2\n"a" ,c\n', // text after a closing quote
      'h1,h2\n"a,c\n', // never closed
      "h1,h2\na,b,c\n", // a field too many
      "h1,h2\n  \na,b\n", // a line of spaces
      "h1\na\n", // one column
      "\nh1,h2\na,b\n", // a blank line before the header
    ])
      expect(scanCsv(bytes(text)), JSON.stringify(text)).toBeUndefined();
    expect(scanCsv(bytes('h1,h2\n\n"a\nb",c\n\nd,e'))).toMatchObject({ rows: 2, lines: Int32Array.from([3, 6]), sequential: false });
  });
});

const jsonPiece = fc.constantFrom(
  "{", "}", "[", "]", ",", ":", '"id"', '"k"', '"v"', '"id":"a"', '"n":1', '"n":-0.5e3', '"x":null', '"t":true', " ", "\n", "\t",
  '"\\u0041"', '"\\ud800"', '"\\u0000"', '"a\\"b"', "01", "1.", "NaN", '"é😀"', '{"c":[1,{"p":"q"}]}',
);
const jsonText = fc.oneof(
  fc.array(jsonPiece, { maxLength: 30 }).map((p) => p.join("")),
  fc.array(fc.dictionary(fc.constantFrom("id", "k", "c", "n"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), { maxLength: 4 }),
);

/** Kind bits of the fields `names` over `records`, as the scan reports them. */
function kindsOf(records: Record<string, unknown>[], names: string[]): number[] {
  const kind = (v: unknown) =>
    v === null ? KIND.null : Array.isArray(v) ? KIND.array : typeof v === "object" ? KIND.object : typeof v === "string" ? KIND.string : typeof v === "number" ? KIND.number : KIND.boolean;
  return names.map((n) => records.reduce((k, r) => k | (Object.hasOwn(r, n) ? kind(r[n]) : KIND.absent), 0));
}

describe("scanJsonl and scanJsonArray", () => {
  const names = ["id", "k", "c", "n"];

  it("take only what JSON.parse reads the same way, and report the kinds of value each field held", () => {
    let taken = 0;
    fc.assert(
      fc.property(jsonText, (generated) => {
        const lines = typeof generated === "string" ? generated : generated.map((o) => JSON.stringify(o)).join("\n");
        const array = typeof generated === "string" ? generated : JSON.stringify(generated, null, 1);
        const jsonl = scanJsonl(bytes(lines), { fields: names, nested: { field: "c", keys: ["p"] } });
        if (jsonl) {
          taken++;
          const read = readJsonl(lines, "f.jsonl");
          expect(read.problems).toEqual([]);
          expect(read.records.map((r) => r.line)).toEqual([...jsonl.lines]);
          expect([...jsonl.kinds]).toEqual(kindsOf(read.records.map((r) => r.values), names));
        }
        const json = scanJsonArray(bytes(array), { fields: names });
        if (json) {
          taken++;
          const read = readJson(array, "f.json");
          expect(read.problems).toEqual([]);
          expect(read.records.map((r) => r.line)).toEqual([...json.lines]);
          expect([...json.kinds]).toEqual(kindsOf(read.records.map((r) => r.values), names));
        }
      }),
      { numRuns: 3000, seed: 12 },
    );
    expect(taken).toBeGreaterThan(300);
  });

  it("declines JSON that DuckDB reads otherwise, or that JSON.parse does not take", () => {
    for (const text of ['{"a":1,}', '{"a":NaN}', '{"a":1}{"b":2}', '{"a":1,"a":2}', '{"\\u0061":1}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', "[1]", '{"a":01}'])
      expect(scanJsonl(bytes(text)), text).toBeUndefined();
    expect(scanJsonArray(bytes('[{"a":1}, 2]'))).toBeUndefined();
    expect(scanJsonArray(bytes('[{"a":1},\n {"a":2}, {"a":3}]'))).toMatchObject({ rows: 3, lines: Int32Array.from([1, 2, 2]), sequential: false });
  });

  it("reports what the nested array's elements held", () => {
    const text = '{"c":["p1",{"p":"x"},{"p":2,"q":1},{}]}\n{"c":[]}\n{"id":"b"}';
    expect(scanJsonl(bytes(text), { fields: ["c", "id"], nested: { field: "c", keys: ["p"] } })).toMatchObject({
      kinds: Uint8Array.from([KIND.array | KIND.absent, KIND.string | KIND.absent]),
      nested: { elements: KIND.string | KIND.object, keys: Uint8Array.from([KIND.string | KIND.number | KIND.absent]), otherKeys: true },
    });
  });
});
