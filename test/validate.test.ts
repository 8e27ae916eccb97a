import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUTS, type Entity, type InputFormat } from "../src/pipeline/inputs.ts";
import { readInput } from "../src/pipeline/read/index.ts";
import { formatProblem } from "../src/pipeline/validate/problems.ts";
import { formatPath, requiredFields, validateRows } from "../src/pipeline/validate/rows.ts";
import { DealSchema, FeedbackSchema, RecognitionSchema } from "../src/pipeline/validate/schemas.ts";

const FIXTURES = join(import.meta.dirname, "fixtures/read");
const spec = (entity: Entity) => INPUTS.find((s) => s.entity === entity)!;

/** Reads `path` as input `entity` and validates it: every problem as the user sees it, and the valid rows. */
async function check(entity: Entity, path: string, shown: string, format: InputFormat = spec(entity).format) {
  const read = await readInput(path, shown, format);
  const valid = validateRows<Record<string, unknown>>(spec(entity), shown, read.records, read.columns);
  return { report: [...read.problems, ...valid.problems].map(formatProblem), rows: valid.rows };
}
const fixture = (entity: Entity, name: string) => check(entity, join(FIXTURES, name), `test/fixtures/read/${name}`);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "podium-validate-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
async function checkText(entity: Entity, name: string, content: string) {
  await writeFile(join(tmp, name), content);
  return check(entity, join(tmp, name), name);
}

const DEALS_HEADER = "deal_id,account,pod_id,owner_id,amount,currency,type,stage,created_at,closed_at";

describe("validateRows", () => {
  it("locates a bad value in a CSV after a row with a quoted line break", async () => {
    const { report, rows } = await fixture("deals", "deals.csv");
    // Line 4 is `D-2,Beta Inc,pod-a,p2,12k,...`: 22 characters ("D-2," + "Beta Inc," + "pod-a," + "p2,") precede amount.
    expect(report).toEqual(['test/fixtures/read/deals.csv:4:23 [type] amount must be a number, got "12k"']);
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(rows[0]!.data).toEqual({
      deal_id: "D-1", account: "Acme\nNorth", pod_id: "pod-a", owner_id: "p1", amount: 1200, currency: "USD",
      type: "new", stage: "won", created_at: "2024-01-05", closed_at: "2024-02-01",
    });
    expect(rows[1]!.data).toMatchObject({ account: 'Gamma "G" Ltd', pod_id: undefined, currency: undefined, amount: 300, type: "renewal" });
  });

  it("names the rule of each kind of issue, once per field", async () => {
    const { report, rows } = await checkText(
      "deals",
      "deals.csv",
      [
        DEALS_HEADER,
        "D-1,Acme,,  ,100,USD,New,WON,2024-01-05,2024-02-01", // blank owner_id: required (once, not also "may hold only")
        "D-2,Beta,,p2,-5,EURO,bogus,open,2024-02-30,", // range, range, enum, format
        "D 3,Gamma,,p3,100,,new,won,2024-01-05,", // id format; a won deal without closed_at
        "D-4,Delta,,p4,,,new,open,,", // a blank number and a blank timestamp are required
      ].join("\n"),
    );
    // Line 2 `D-1,Acme,,  ,`: owner_id starts after "D-1," (4) + "Acme," (5) + "," (1), at column 11.
    // Line 3 `D-2,Beta,,p2,-5,EURO,bogus,open,2024-02-30,`: amount at 14, currency at 17, type at 22, created_at at 33.
    // Line 4: the id has a space; the won deal has no closed_at (the empty last field, at column 39).
    // Line 5 `D-4,Delta,,p4,,,new,open,,`: amount at 15, created_at at 26.
    expect(report).toEqual([
      "deals.csv:2:11 [required] owner_id is required",
      "deals.csv:3:14 [range] amount must not be negative, got \"-5\"",
      "deals.csv:3:17 [range] currency must be a 3-letter currency code, got \"EURO\"",
      "deals.csv:3:22 [enum] type must be one of: new, expansion, renewal, churn, got \"bogus\"",
      "deals.csv:3:33 [format] created_at must be a date (YYYY-MM-DD) or an ISO 8601 timestamp, got \"2024-02-30\"",
      "deals.csv:4:1 [format] deal_id may hold only letters, digits and _ - . : @, got \"D 3\"",
      "deals.csv:4:39 [required] closed_at is required for a won deal",
      "deals.csv:5:15 [required] amount is required",
      "deals.csv:5:26 [required] created_at is required",
    ]);
    // Enums are case-insensitive (New, WON), but row 2 lacks its owner: no row is valid.
    expect(rows).toEqual([]);
  });

  it("reports a cross-field rule at the field it names", async () => {
    const { report } = await checkText("deals", "deals.csv", `${DEALS_HEADER}\nD-1,Acme,,p1,100,,new,won,2024-01-05,\n`);
    // `D-1,Acme,,p1,100,,new,won,2024-01-05,` is 37 characters: closed_at is the empty last field, at column 38.
    expect(report).toEqual(["deals.csv:2:38 [required] closed_at is required for a won deal"]);
  });

  it("reports a required column missing from the header once, listing the columns found", async () => {
    const { report, rows } = await fixture("deals", "missing-column.csv");
    expect(report).toEqual([
      'test/fixtures/read/missing-column.csv:1:0 [columns] missing column "amount"; found: deal_id, account, pod_id, owner_id, Amount, type, stage, created_at, closed_at (column names are exact: found "Amount" for "amount")',
    ]);
    expect(rows).toEqual([]);
  });

  it("lists several missing columns and hints at a semicolon-separated file", async () => {
    const { report } = await checkText("pods", "pods.csv", "pod_id;name;orientation;focus\np1;A;general;All\n");
    expect(report).toEqual([
      'pods.csv:1:0 [columns] missing columns "pod_id", "name", "orientation", "focus"; found: pod_id;name;orientation;focus (the file seems separated by semicolons, tabs or bars; it must be comma-separated)',
    ]);
  });

  it("checks the header of a file without rows", async () => {
    const { report } = await checkText("pods", "pods.csv", "pod_id,name,focus\n");
    expect(report).toEqual(['pods.csv:1:0 [columns] missing column "orientation"; found: pod_id, name, focus']);
    // An empty file is one problem, not also every column missing.
    expect((await checkText("pods", "pods.csv", "")).report).toEqual(["pods.csv:0:0 [empty] the file is empty; it needs a header row"]);
  });

  it("checks the header even when the file has no rows, given the columns", () => {
    const { problems } = validateRows(spec("pods"), "pods.csv", [], ["pod_id", "name", "focus"]);
    expect(problems.map(formatProblem)).toEqual(['pods.csv:1:0 [columns] missing column "orientation"; found: pod_id, name, focus']);
  });

  it("names the JSON element missing a field by its line, and other fields by their key", async () => {
    const { report, rows } = await fixture("recognition", "recognition.json");
    expect(report).toEqual([
      // Element 2 starts with `{` at line 8, column 3, and has no "user".
      "test/fixtures/read/recognition.json:8:3 [required] user is required",
      // Line 14: `    "client_msg_id": "m-3", "user": "p2", "ts": "yesterday", "text": "No mention here"`.
      'test/fixtures/read/recognition.json:14:43 [format] ts must be a Slack timestamp such as "1712345678.000200", got "yesterday"',
      'test/fixtures/read/recognition.json:14:62 [format] text must mention at least one recipient as <@person_id>, got "No mention here"',
    ]);
    expect(rows.map((r) => r.line)).toEqual([2]);
  });

  it("reports a JSON value of the wrong type", async () => {
    const { report } = await checkText("recognition", "r.json", '[\n  {"client_msg_id": "m", "user": 42, "ts": 1712345678, "text": "hi <@p1>"}\n]');
    // Line 2 `  {"client_msg_id": "m", "user": 42, "ts": ...`: "user" at column 26, "ts" at 38.
    expect(report).toEqual(["r.json:2:26 [type] user must be text, got 42", 'r.json:2:38 [type] ts must be a Slack timestamp such as "1712345678.000200", got 1712345678']);
  });

  it("locates a JSONL field on its line, with nested paths named in full", async () => {
    const { report, rows } = await fixture("build", "build.jsonl");
    expect(report).toEqual([
      "test/fixtures/read/build.jsonl:5:48 [json] is not valid JSON: expected ',' or '}' after a property value, found '\"'",
      // Line 3: the "shipped_at" key starts after 64 characters.
      'test/fixtures/read/build.jsonl:3:65 [format] shipped_at must be a date (YYYY-MM-DD) or an ISO 8601 timestamp, got "2024-02-30"',
      // Line 4: `{"id": "b-3", "title": "Docs", "kind": "doc", "shipped_at": "2024-03-01", "contributors": ...`: the key at column 75.
      "test/fixtures/read/build.jsonl:4:75 [range] contributors[0].share must be between 0 and 1, got 1.5",
    ]);
    expect(rows).toEqual([
      {
        line: 1,
        data: { id: "b-1", title: "Search", kind: "feature", shipped_at: "2024-02-01", contributors: ["p1", { person_id: "p2", share: 0.5 }] },
      },
    ]);
  });

  it("says why a list element or a strict object fails", async () => {
    const { report } = await checkText(
      "build",
      "b.jsonl",
      [
        '{"id": "b", "title": "t", "kind": "fix", "shipped_at": "2024-01-01", "contributors": ["p1", 7]}',
        '{"id": "b", "title": "t", "kind": "fix", "shipped_at": "2024-01-01", "contributors": [{"person_id": "p1", "role": "lead"}]}',
        '{"id": "b", "title": "t", "kind": "fix", "shipped_at": "2024-01-01", "contributors": []}',
      ].join("\n"),
    );
    expect(report).toEqual([
      "b.jsonl:1:70 [type] contributors[1] must be a person id or {person_id, share}, got 7",
      'b.jsonl:2:70 [format] contributors[0] has unknown field "role"',
      "b.jsonl:3:70 [range] contributors must name at least one contributor, got []",
    ]);
  });
});

describe("helpers", () => {
  it("finds the required fields through superRefine", () => {
    expect(requiredFields(DealSchema)).toEqual(["deal_id", "account", "owner_id", "amount", "type", "stage", "created_at"]);
    expect(requiredFields(FeedbackSchema)).toEqual(["feedback_id", "account", "captured_by", "received_at", "summary"]);
    expect(requiredFields(RecognitionSchema)).toEqual(["client_msg_id", "user", "ts", "text"]);
  });

  it("formats paths", () => {
    expect(formatPath(["contributors", 1, "share"])).toBe("contributors[1].share");
    expect(formatPath(["amount"])).toBe("amount");
    expect(formatPath([])).toBe("");
  });
});

describe("rules across fields", () => {
  const HEADER = "feedback_id,account,captured_by,received_at,summary,resolved_by,resolved_at";
  it("keeps the message of a rule that names other fields", async () => {
    const { report } = await checkText("feedback", "feedback.csv", `${HEADER}\nf1,Acme,p1,2024-01-02,Faster export,b-1,\n`);
    // `f1,Acme,p1,2024-01-02,Faster export,b-1,` is 40 characters: resolved_at at column 41.
    expect(report).toEqual(["feedback.csv:2:41 [required] resolved_at is required when resolved_by is set"]);
  });
});
