import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInput, type ReadResult } from "../src/pipeline/read/index.ts";
import { formatProblem } from "../src/pipeline/validate/problems.ts";

const FIXTURES = join(import.meta.dirname, "fixtures/read");
const shown = (name: string) => `test/fixtures/read/${name}`;
const read = (name: string, format: "csv" | "json" | "jsonl" = name.endsWith(".jsonl") ? "jsonl" : name.endsWith(".json") ? "json" : "csv") =>
  readInput(join(FIXTURES, name), shown(name), format);
const report = (r: ReadResult) => r.problems.map(formatProblem);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "podium-read-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
/** Writes `content` to a temporary file and reads it, named `name` in problems. */
async function readText(name: string, content: string | Uint8Array, format: "csv" | "json" | "jsonl") {
  const path = join(tmp, name);
  await writeFile(path, content);
  return readInput(path, name, format);
}

describe("CSV", () => {
  it("reads rows with their starting lines, across quoted line breaks, ignoring trailing empty lines", async () => {
    const r = await read("deals.csv");
    expect(r.problems).toEqual([]);
    expect(r.columns).toEqual(["deal_id", "account", "pod_id", "owner_id", "amount", "currency", "type", "stage", "created_at", "closed_at"]);
    // Line 1 header; D-1 spans lines 2-3 (quoted newline); D-2 line 4; D-3 line 5; lines 6-7 are empty.
    expect(r.records.map((x) => x.line)).toEqual([2, 4, 5]);
    expect(r.records[0]!.values.account).toBe("Acme\nNorth");
    expect(r.records[1]!.values).toMatchObject({ deal_id: "D-2", amount: "12k", closed_at: "" });
    expect(r.records[2]!.values.account).toBe('Gamma "G" Ltd');
  });

  it("locates fields by line and character column", async () => {
    const [d1, d2, d3] = (await read("deals.csv")).records;
    // Line 4 is `D-2,Beta Inc,pod-a,p2,12k,...`: "D-2," is 4 characters, "Beta Inc," 9, "pod-a," 6, "p2," 3,
    // so amount starts after 22 characters, at column 23.
    expect(d2!.locate("amount")).toEqual({ line: 4, column: 23 });
    expect(d2!.locate("deal_id")).toEqual({ line: 4, column: 1 });
    // closed_at is the empty last field: line 4 is `D-2,Beta Inc,pod-a,p2,12k,USD,new,open,2024-01-06,` (50 characters).
    expect(d2!.locate("closed_at")).toEqual({ line: 4, column: 51 });
    // D-1's account is quoted over lines 2-3; line 3 is `North",pod-a,...`, so pod_id starts at column 8 of line 3.
    expect(d1!.locate("account")).toEqual({ line: 2, column: 5 });
    expect(d1!.locate("pod_id")).toEqual({ line: 3, column: 8 });
    // Line 5 is `D-3,"Gamma ""G"" Ltd",,p3,`: the quoted account is 17 characters from column 5 to 21, the comma at 22,
    // the empty pod_id starts at 23 (its comma), owner_id at 24.
    expect(d3!.locate("pod_id")).toEqual({ line: 5, column: 23 });
    expect(d3!.locate("owner_id")).toEqual({ line: 5, column: 24 });
    // A field the file does not have: the record's start.
    expect(d3!.locate("nope")).toEqual({ line: 5, column: 1 });
  });

  it("reads a file with a BOM and CRLF line endings the same as a plain one", async () => {
    const plain = await read("deals.csv");
    const text = await readFile(join(FIXTURES, "deals.csv"), "utf8");
    const crlf = await readText("deals-crlf.csv", "\uFEFF" + text.replace(/\n/g, "\r\n"), "csv");
    expect(report(crlf)).toEqual([]);
    expect(crlf.columns).toEqual(plain.columns);
    expect(crlf.records.map((x) => [x.line, x.values])).toEqual(plain.records.map((x) => [x.line, x.values]));
    for (const field of ["deal_id", "account", "pod_id", "amount", "closed_at"])
      expect(crlf.records.map((x) => x.locate(field))).toEqual(plain.records.map((x) => x.locate(field)));
  });

  it("counts characters, not UTF-16 units, in columns", async () => {
    const r = await readText("emoji.csv", "a,b,c\n😀 x,é,z\n", "csv");
    expect(r.records[0]!.locate("b")).toEqual({ line: 2, column: 5 });
    expect(r.records[0]!.locate("c")).toEqual({ line: 2, column: 7 });
  });

  it("reports rows with the wrong number of fields and unclosed quotes, at their line", async () => {
    const r = await read("ragged.csv");
    expect(report(r)).toEqual([
      // `pod-b,Beta,region,EMEA, North`: the fifth field starts after 23 characters.
      `${shown("ragged.csv")}:3:24 [csv] has 5 fields, the header has 4 (a value with a comma must be in double quotes)`,
      `${shown("ragged.csv")}:4:0 [csv] has 2 fields, the header has 4`,
      // `pod-d,"Delta,...`: the quote that never closes is at column 7; it swallows the rest of the file.
      `${shown("ragged.csv")}:5:7 [csv] has a quoted field that is never closed: a " opens it and no " ends it`,
    ]);
    expect(r.records.map((x) => x.line)).toEqual([2]);
  });

  it("reports text after a closing quote", async () => {
    const r = await readText("quotes.csv", 'a,b\n1,"x"y\n2,ok\n', "csv");
    expect(report(r)[0]).toBe('quotes.csv:2:3 [csv] has text after the closing quote of a quoted field; write a quote inside a quoted field as ""');
  });

  it("reports an empty file, and reads a header-only file as no rows", async () => {
    const empty = await readText("empty.csv", "", "csv");
    expect(report(empty)).toEqual(["empty.csv:0:0 [empty] the file is empty; it needs a header row"]);
    expect(empty.columns).toBeUndefined();
    expect(report(await readText("blank.csv", "\uFEFF\r\n\n", "csv"))).toEqual(["blank.csv:0:0 [empty] the file is empty; it needs a header row"]);
    const header = await readText("header.csv", "a,b\n", "csv");
    expect(header.problems).toEqual([]);
    expect(header.records).toEqual([]);
    expect(header.columns).toEqual(["a", "b"]);
  });

  it("trims header names, skips blank lines between rows, and reports a repeated column", async () => {
    // The header ` a , b ,a`: the second "a" starts at column 9.
    const r = await readText("header.csv", " a , b ,a\n1,2,3\n\n4,5,6\n", "csv");
    expect(r.columns).toEqual(["a", "b", "a"]);
    expect(report(r)).toEqual(['header.csv:1:9 [columns] column "a" appears twice (columns 1 and 3); the first one is used']);
    expect(r.records.map((x) => [x.line, x.values])).toEqual([[2, { a: "1", b: "2" }], [4, { a: "4", b: "5" }]]);
  });

  it("reads a file with old Mac line endings", async () => {
    const r = await readText("mac.csv", 'a,b\r1,"x\ry"\r2,z\r', "csv");
    expect(r.records.map((x) => [x.line, x.values])).toEqual([[2, { a: "1", b: "x\ny" }], [4, { a: "2", b: "z" }]]);
    expect(r.records[1]!.locate("b")).toEqual({ line: 4, column: 3 });
  });

  it("counts lines in a large file without losing track", async () => {
    const rows = ["id,note"];
    for (let i = 0; i < 20000; i++) rows.push(i % 1000 === 0 ? `r${i},"two\nlines"` : `r${i},plain`);
    const r = await readText("large.csv", rows.join("\n") + "\n", "csv");
    expect(r.records).toHaveLength(20000);
    // 20 rows span two lines, so the last row (r19999) starts on line 1 + 20000 + 20.
    expect(r.records.at(-1)!.line).toBe(20021);
    expect(r.records.at(-1)!.locate("note")).toEqual({ line: 20021, column: 8 });
  });
});

describe("encoding and files", () => {
  it("locates an invalid UTF-8 byte", async () => {
    // Line 2 is `p1,Ren\xE9e Martin,...`: the Latin-1 é is the 7th character.
    expect(report(await read("latin1.csv"))).toEqual([
      `${shown("latin1.csv")}:2:7 [encoding] is not valid UTF-8 (byte 0xE9 at line 2, column 7); save or export the file as UTF-8`,
    ]);
  });

  it("locates a bad byte after multi-byte characters and a BOM", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a,b\r\né,ü"), 0xc3, 0x28]);
    expect(report(await readText("bad.csv", bytes, "csv"))).toEqual([
      "bad.csv:2:4 [encoding] is not valid UTF-8 (byte 0xC3 at line 2, column 4); save or export the file as UTF-8",
    ]);
  });

  it("names a UTF-16 file", async () => {
    const r = await readText("utf16.csv", new Uint8Array([0xff, 0xfe, 0x61, 0x00]), "csv");
    expect(report(r)).toEqual(["utf16.csv:1:1 [encoding] is UTF-16, not UTF-8; save or export it as UTF-8"]);
  });

  it("reports a directory and a missing file", async () => {
    expect(report(await readInput(FIXTURES, "data", "csv"))).toEqual(["data:0:0 [file] is a directory, not a file"]);
    expect(report(await readInput(join(FIXTURES, "nope.csv"), "data/nope.csv", "csv"))).toEqual(["data/nope.csv:0:0 [missing] file not found"]);
  });
});

describe("JSON", () => {
  it("reads an array of objects with each element's line and keys' positions", async () => {
    const r = await read("recognition.json");
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.line)).toEqual([2, 8, 13]);
    expect(r.records[0]!.values).toEqual({ client_msg_id: "m-1", user: "p1", ts: "1712345678.000200", text: "Thanks <@p2> for the demo #teamwork" });
    // Keys are located at their opening quote.
    expect(r.records[0]!.locate("user")).toEqual({ line: 4, column: 5 });
    expect(r.records[1]!.locate("text")).toEqual({ line: 11, column: 5 });
    // Element 2 has no "user": its start, the `{` on line 8, column 3.
    expect(r.records[1]!.locate("user")).toEqual({ line: 8, column: 3 });
    // Line 14: `    "client_msg_id": "m-3", "user": "p2", "ts": "yesterday", ...`
    expect(r.records[2]!.locate("ts")).toEqual({ line: 14, column: 43 });
  });

  it("does not mistake nested keys or keys inside strings for the element's own", async () => {
    const text = '[{"a": {"b": 1}, "c": "\\"b\\": x", "b": 2}]';
    const [rec] = (await readText("nested.json", text, "json")).records;
    // The element's own "b" is the last key: after `[{"a": {"b": 1}, "c": "\"b\": x", ` (34 characters).
    expect(rec!.locate("b")).toEqual({ line: 1, column: 35 });
  });

  it("locates a syntax error", async () => {
    // Line 5 ends `"ts": "1712345678.000200"` without a comma; the next property starts at line 6, column 5.
    expect(report(await read("recognition-syntax.json"))).toEqual([
      `${shown("recognition-syntax.json")}:6:5 [json] is not valid JSON: expected ',' or '}' after a property value, found '"'`,
    ]);
  });

  it("locates errors V8 does not give a position for, and the end of a truncated file", async () => {
    expect(report(await readText("a.json", '[\n  {"a": tru}\n]', "json"))).toEqual(["a.json:2:9 [json] is not valid JSON: unexpected 't' where a value should be"]);
    expect(report(await readText("b.json", '[\n  {"a": 1},\n', "json"))).toEqual(["b.json:3:1 [json] is not valid JSON: the file ends in the middle of a value"]);
    expect(report(await readText("c.json", '[{"a": "x\n"}]', "json"))).toEqual([
      "c.json:1:10 [json] is not valid JSON: line break or control character inside a string (write it as \\n)",
    ]);
    expect(report(await readText("d.json", '[{"a": "x}]', "json"))).toEqual(["d.json:1:8 [json] is not valid JSON: a string is never closed"]);
  });

  it("requires an array of objects", async () => {
    expect(report(await readText("obj.json", '\n  {"messages": []}', "json"))).toEqual(["obj.json:2:3 [json] must be a JSON array of objects, found an object"]);
    const r = await readText("mixed.json", '[\n  {"a": 1},\n  "text",\n  [1],\n  {"a": 2}\n]', "json");
    expect(report(r)).toEqual([
      "mixed.json:3:3 [json] element 2 of the array must be an object, found a string",
      "mixed.json:4:3 [json] element 3 of the array must be an object, found an array",
    ]);
    expect(r.records.map((x) => [x.line, x.values])).toEqual([[2, { a: 1 }], [5, { a: 2 }]]);
    expect(report(await readText("empty.json", " \n", "json"))).toEqual(["empty.json:0:0 [empty] the file is empty; it needs a JSON array of objects"]);
    expect((await readText("none.json", "[]", "json")).problems).toEqual([]);
  });
});

describe("JSON Lines", () => {
  it("reads one object per non-blank line and locates keys on the line", async () => {
    const r = await read("build.jsonl");
    // Line 2 is blank; line 5 has a syntax error.
    expect(r.records.map((x) => x.line)).toEqual([1, 3, 4]);
    expect(r.records[1]!.values).toMatchObject({ id: "b-2", points: 3, shipped_at: "2024-02-30" });
    // Line 3: `{"id": "b-2", "title": "Fix login", "kind": "fix", "points": 3, "shipped_at": ...`: 64 characters before the key.
    expect(r.records[1]!.locate("shipped_at")).toEqual({ line: 3, column: 65 });
    expect(r.records[1]!.locate("pod_id")).toEqual({ line: 3, column: 1 });
    // Line 5: `{"id": "b-4", "title": "Broken", "kind": "fix" "shipped_at": ...`: the missing comma, at column 48.
    expect(report(r)).toEqual([`${shown("build.jsonl")}:5:48 [json] is not valid JSON: expected ',' or '}' after a property value, found '"'`]);
  });

  it("handles CRLF, a BOM, non-objects and lines cut short", async () => {
    const r = await readText("x.jsonl", '\uFEFF{"a": 1}\r\n[1, 2]\r\n{"a": x}\r\n{"a": 2\r\n\r\n  {"b": 3, "a": 4}\r\n', "jsonl");
    expect(report(r)).toEqual([
      "x.jsonl:2:1 [json] must hold a JSON object, found an array",
      "x.jsonl:3:7 [json] is not valid JSON: unexpected 'x' where a value should be",
      "x.jsonl:4:8 [json] is not valid JSON: the line ends in the middle of a value (each object must be on one line)",
    ]);
    expect(r.records.map((x) => [x.line, x.values])).toEqual([[1, { a: 1 }], [6, { b: 3, a: 4 }]]);
    expect(r.records[1]!.locate("a")).toEqual({ line: 6, column: 12 });
    expect(r.records[0]!.locate("a")).toEqual({ line: 1, column: 2 });
  });

  it("reports an empty file", async () => {
    expect(report(await readText("e.jsonl", "\n\n", "jsonl"))).toEqual(["e.jsonl:0:0 [empty] the file is empty; it needs one JSON object per line"]);
  });
});
