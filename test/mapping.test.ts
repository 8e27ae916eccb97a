// The mapping layer: a mapping file turns a company's own exports into Podium's inputs, with located errors for
// the mapping itself, for messy files and for values it cannot convert; the real-format folder builds a site.
import { execFile } from "node:child_process";
import { cp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertDate, convertMoney, mapValue } from "../src/pipeline/mapping/values.ts";
import { MappingSchema } from "../src/pipeline/mapping/schema.ts";
import { FIXTURES, withModels } from "./helpers.ts";
import { cleanup, FEEDBACK, GOALS, mapAndValidate, PODS, tempDir, writeFiles } from "./fixtures/real/helpers.ts";

const run = promisify(execFile);
const ROOT = new URL("../", import.meta.url).pathname;
const MAPPED = join(FIXTURES, "mapped");

async function cli(script: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { cwd: ROOT, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => cleanup(dir));

/** A fresh data folder with the given files plus minimal pods/build/recognition/feedback/goals. */
async function folder(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const d = join(dir, name);
  await writeFiles(d, {
    "pods.csv": PODS,
    "build.jsonl": '{"id":"b1","title":"x","kind":"fix","shipped_at":"2024-01-02","contributors":["p1"]}\n',
    "recognition.json": "[]",
    "feedback.csv": FEEDBACK,
    "goals.csv": GOALS,
    ...files,
  });
  return d;
}

const PEOPLE = "person_id,name,email,function,pod_id,start_date\np1,Ada Park,ada@example.com,engineering,A,2020-01-01\np2,Ben Osei,ben@example.com,outside sales,A,2020-01-01\n";

describe("values", () => {
  it("reads dates in a company's formats, Excel serial days and JavaScript dates", () => {
    expect(convertDate("03/14/2024", ["MM/DD/YYYY"], true)).toEqual({ value: "2024-03-14" });
    expect(convertDate("22/Dec/25 2:38 PM", ["DD/MMM/YY h:mm A"], false)).toEqual({ value: "2025-12-22T14:38:00" });
    expect(convertDate("10/nov/25 4:51 PM", ["DD/MMM/YY h:mm A"], false)).toEqual({ value: "2025-11-10T16:51:00" });
    expect(convertDate("45366", [], true)).toEqual({ value: "2024-03-15" });
    expect(convertDate("45366.5", ["excel"], false)).toEqual({ value: "2024-03-15T12:00:00" });
    expect(convertDate("Tue May 14 2024 08:53:33 GMT+0000 (GMT)", [], false)).toEqual({ value: "2024-05-14T08:53:33+00:00" });
    expect(convertDate("2026-01-11 14:22:58 -0800", [], false)).toEqual({ value: "2026-01-11T14:22:58-08:00" });
    expect(convertDate("2024-03-14T10:00:00Z", [], true)).toEqual({ value: "2024-03-14" });
    expect(convertDate("13/14/2024", ["MM/DD/YYYY"], true)).toEqual({ error: "is not a real date" });
    expect(convertDate("March 3", ["MM/DD/YYYY"], true)).toMatchObject({ error: expect.stringContaining('does not match the date format "MM/DD/YYYY"') });
  });

  it("reads money written the US or the European way, with signs, codes and parentheses", () => {
    expect(convertMoney("$1,234.56", undefined)).toEqual({ value: { number: "1234.56" } });
    expect(convertMoney("1.234,56 €", "eu")).toEqual({ value: { number: "1234.56", currency: "EUR" } });
    expect(convertMoney("1 234,56", { decimal: ",", thousands: " " })).toEqual({ value: { number: "1234.56" } });
    expect(convertMoney("EUR 99", undefined)).toEqual({ value: { number: "99", currency: "EUR" } });
    expect(convertMoney("(1,200)", "us")).toEqual({ value: { number: "-1200" } });
    expect(convertMoney("12k", "us")).toMatchObject({ error: expect.stringContaining('"12k" is not a number') });
  });

  it("maps values ignoring case and spacing, with * for the rest and lists taking their first listed element", () => {
    const stage = { "Closed Won": "won", "Closed Lost": "lost", "*": "open" };
    expect(mapValue("closed won", stage)).toBe("won");
    expect(mapValue("Closed-Lost", stage)).toBe("lost");
    expect(mapValue("Negotiation", stage)).toBe("open");
    expect(mapValue(["internal", "bug"], { bug: "fix", "*": "feature" })).toBe("fix");
    expect(mapValue("x", { a: "b" })).toBeUndefined();
  });

  it("documents every field of the mapping format", () => {
    const undocumented: string[] = [];
    const walk = (schema: unknown, path: string) => {
      const shape = (schema as { shape?: Record<string, { description?: string }> }).shape;
      if (!shape) return;
      for (const [k, v] of Object.entries(shape)) {
        if (!v.description) undocumented.push(`${path}${k}`);
      }
    };
    walk(MappingSchema, "");
    expect(undocumented).toEqual([]);
  });
});

describe("the mapping file", () => {
  it("locates its mistakes at file:line:column [mapping]", async () => {
    const d = await folder("bad-mapping", {
      "people.csv": PEOPLE,
      "podium.mapping.yaml": "people:\n  file: people.csv\n  colums:\n    name: Name\ndeals:\n  preset: salesforce\n  file: deals.csv\n",
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([
      'data/podium.mapping.yaml:3:3 [mapping] people.colums: unknown setting (expected preset, files, file, format, delimiter, users, columns, set, defaults, values, dates, money, split, match, skip_unless)',
      "data/podium.mapping.yaml:6:11 [mapping] deals.preset: must be one of: salesforce-opportunities, hubspot-deals, bamboohr-directory, github-prs, jira-issues, slack-export",
    ]);
  });

  it("reports YAML syntax errors, TODOs left by init, unknown fields and missing files at their place", async () => {
    const syntax = await folder("yaml-syntax", { "podium.mapping.yaml": "people:\n  file: [people.csv\n" });
    expect((await mapAndValidate(syntax)).errors[0]).toMatch(/^data\/podium\.mapping\.yaml:\d+:\d+ \[mapping\] is not valid YAML/);
    const todo = await folder("todo", { "podium.mapping.yaml": "people:\n  file: people.csv\n  columns:\n    pod_id: TODO   # which column?\n" });
    expect((await mapAndValidate(todo)).errors).toEqual(["data/podium.mapping.yaml:4:13 [mapping] people.columns.pod_id: still TODO; fill it in (see docs/mapping.md)"]);
    const fields = await folder("fields", {
      "people.csv": PEOPLE,
      "podium.mapping.yaml": "people:\n  file: people.csv\n  columns:\n    fullname: Name\ndeals:\n  files: [crm/*.csv]\n",
    });
    const m = await mapAndValidate(fields);
    expect(m.errors).toContain('data/podium.mapping.yaml:4:5 [mapping] people.columns.fullname: people has no field "fullname" (fields: person_id, name, email, function, pod_id, start_date, end_date)');
    expect(m.errors).toContain('data/podium.mapping.yaml:6:11 [missing] deals: no file matches "crm/*.csv" in data');
  });

  it("may be JSON", async () => {
    const d = await folder("json-mapping", {
      "staff.csv": "ID,Full Name,Dept,Start\np1,Ada Park,Engineering,2020-01-01\n",
      "deals.csv": "deal_id,account,owner_id,amount,type,stage,created_at\nd1,Acme,p1,10,new,open,2024-01-01\n",
      "podium.mapping.json": JSON.stringify({ people: { file: "staff.csv", columns: { person_id: "ID", name: "Full Name", function: "Dept", start_date: "Start" } } }),
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    expect(m.rows("people")).toEqual([{ person_id: "p1", name: "Ada Park", function: "engineering", start_date: "2020-01-01" }]);
  });
});

describe("messy files", () => {
  it("reads a BOM, CRLF, ';' delimiters, quoted newlines, Excel serial dates, trailing empty rows, any column order and header case", async () => {
    const csv =
      "\uFEFFWork Email ; DEPARTMENT;Extra;  full name ;Employee #;hire date\r\n" +
      'ada@example.com;Engineering;x;"Ada\r\nPark";p1;45366\r\n' +
      "ben@example.com;Sales;y;Ben Osei;p2;2020-01-01\r\n" +
      ";;;;;\r\n;;;;;\r\n\r\n";
    const d = await folder("messy", {
      "hr.csv": csv,
      "deals.csv": "deal_id,account,owner_id,amount,type,stage,created_at\n",
      "podium.mapping.yaml": [
        "people:",
        "  file: hr.csv",
        "  columns: { person_id: \"employee #\", name: Full Name, email: work email, function: Department, start_date: Hire Date }",
        "  values:",
        "    function: { Engineering: engineering, Sales: outside sales }",
        "",
      ].join("\n"),
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    expect(m.rows("people")).toEqual([
      { person_id: "p1", name: "Ada\nPark", email: "ada@example.com", function: "engineering", start_date: "2024-03-15" },
      { person_id: "p2", name: "Ben Osei", email: "ben@example.com", function: "outside sales", start_date: "2020-01-01" },
    ]);
    // Located in the source file: Ben's row is line 4 (Ada's name spans lines 2-3); "Ben Osei" starts after 24 characters.
    const ben = m.inputs.get("people")!.records[1]!;
    expect(ben.locate("name")).toEqual({ file: "data/hr.csv", line: 4, column: 25 });
  });

  it("names the source file, line and column of a bad value, and of a missing column with the columns it found", async () => {
    const d = await folder("bad-values", {
      "people.csv": PEOPLE,
      "crm.csv": "Opportunity ID,Account Name,Opportunity Owner,Amount,Stage,Created Date,Close Date\nO-1,Acme,Ada Park,\"$1,200.50\",Closed Won,3/1/2024,3/15/2024\nO-2,Beta,Ben Osei,lots,Prospecting,3/2/2024,\nO-3,Gamma,Nobody,5,Closed Lost,3/31/2024,2024-04-02\n",
      "latin1.csv": new Uint8Array([...Buffer.from("deal_id,account\nd1,Caf"), 0xe9, ...Buffer.from("\n")]),
      "podium.mapping.yaml": "people_match: {}\ndeals:\n  preset: salesforce-opportunities\n  file: crm.csv\ndeal_credits:\n  file: latin1.csv\n",
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([
      'data/crm.csv:3:19 [format] amount "lots" is not a number written like 1,234.56',
      'data/crm.csv:4:11 [match] owner_id "Nobody" matches no person by email, name',
      "data/latin1.csv:2:7 [encoding] is not valid UTF-8 (byte 0xE9 at line 2, column 7); save or export the file as UTF-8",
    ]);
    expect(m.rows("deals")).toEqual([
      { deal_id: "O-1", account: "Acme", owner_id: "p1", amount: 1200.5, type: "new", stage: "won", created_at: "2024-03-01", closed_at: "2024-03-15" },
    ]);

    const missing = await folder("missing-column", {
      "people.csv": PEOPLE,
      "crm.csv": "Opportunity ID,Account Name,Owner,Stage,Close Date\nO-1,Acme,Ada Park,Closed Won,2024-01-01\n",
      "podium.mapping.yaml": "deals:\n  preset: salesforce-opportunities\n  file: crm.csv\n  columns: { amount: Total }\n",
    });
    expect((await mapAndValidate(missing)).errors).toEqual([
      'data/crm.csv:1:0 [columns] missing column "Total" for amount; found: "Opportunity ID", "Account Name", "Owner", "Stage", "Close Date" (deals.columns.amount in data/podium.mapping.yaml)',
      'data/crm.csv:1:0 [columns] missing column for created_at (tried "Created Date", "CreatedDate", "Opportunity Created Date"); found: "Opportunity ID", "Account Name", "Owner", "Stage", "Close Date" (preset salesforce-opportunities; map it under deals.columns.created_at)',
    ]);
  });

  it("ignores a report's footer rows and splits multi-valued cells into matched people", async () => {
    const d = await folder("footer", {
      "people.csv": PEOPLE,
      "report.csv": 'Opportunity Owner,Account Name,Opportunity ID,Amount,Stage,Close Date,Created Date\n"ada@example.com","Acme","006A","1.234,56 €","Closed Won","14.03.2024","01.02.2024"\n\n"Total"\n"Confidential Information - Do Not Distribute"\n"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\n',
      "work.csv": "key;what;done;who\nW-1;Login page;2024-03-01;Ada Park; ben@example.com\n",
      "podium.mapping.yaml": [
        "people_match: {}",
        "deals:",
        "  preset: salesforce-opportunities",
        "  file: report.csv",
        "  money: { amount: eu }",
        "build:",
        "  file: work.csv",
        "  columns: { id: key, title: what, shipped_at: done, contributors: who }",
        "  set: { kind: feature }",
        "  split: { contributors: ';' }",
        "",
      ].join("\n"),
    });
    const m = await mapAndValidate(d);
    // work.csv has one more field than its header (the ";" inside the who cell) — a located CSV error, no guessing.
    expect(m.errors).toEqual(["data/work.csv:2:36 [csv] has 5 fields, the header has 4 (a value with a \";\" must be in double quotes)"]);
    expect(m.rows("deals")).toMatchObject([{ deal_id: "006A", owner_id: "p1", amount: 1234.56, currency: "EUR", stage: "won", closed_at: "2024-03-14" }]);
    await writeFile(join(d, "work.csv"), 'key;what;done;who\nW-1;Login page;2024-03-01;"Ada Park; ben@example.com"\n');
    const fixed = await mapAndValidate(d);
    expect(fixed.errors).toEqual([]);
    expect(fixed.rows("build")).toEqual([{ id: "W-1", title: "Login page", kind: "feature", shipped_at: "2024-03-01", contributors: ["p1", "p2"] }]);
  });
});

describe("a folder of real-format exports with a short mapping", () => {
  it("models them like the standard files: deals matched by owner name, PRs by GitHub login, Slack users by e-mail", async () => {
    await withModels(MAPPED, async (db, prepared) => {
      expect(prepared.warnings).toEqual([]);
      const [counts] = await db.query<Record<string, number>>(
        `select (select count(*)::int from stg_people) as people, (select count(*)::int from stg_deals) as deals,
                (select count(*)::int from stg_build_items) as build, (select count(*)::int from stg_recognitions) as recognition,
                (select count(*)::int from stg_deals where stage = 'won') as won`,
      );
      expect(counts).toEqual({ people: 45, deals: 72, build: 47, recognition: 71, won: 50 });
      const [ada] = await db.query<{ owner_id: string }>("select owner_id from stg_deals where deal_id = '1C1I7A6R'");
      expect(ada).toBeUndefined(); // Moses Frase is not among the sliced agents
      const top = await db.query<{ person_id: string; n: number }>(
        "select person_id, count(*)::int as n from stg_build_contributors group by 1 order by 2 desc, 1 limit 1",
      );
      expect(top).toEqual([{ person_id: "1020", n: 26 }]); // tiangolo, matched through the directory's GitHub Username
    });
  });

  it("builds the full site", async () => {
    const work = await tempDir("podium-mapped-build-");
    try {
      const out = join(work, "site");
      const r = await cli("scripts/build.ts", ["--data", MAPPED, "--out", out, "--cache", join(work, "cache")]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(await stat(join(out, "index.html")).then(() => true)).toBe(true);
      expect(await readFile(join(out, "pods/index.html"), "utf8")).toContain("Central");
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 240_000);

  it("init proposes the mapping with only the unknowns left as TODO, refuses to overwrite, and check passes once they are filled", async () => {
    const d = join(dir, "init");
    await cp(MAPPED, d, { recursive: true });
    await rm(join(d, "podium.mapping.yaml"));
    const init = await cli("scripts/podium.ts", ["init", "--data", d]);
    expect(init.code).toBe(0);
    const text = await readFile(join(d, "podium.mapping.yaml"), "utf8");
    expect(text).toMatch(/people:\n  preset: bamboohr-directory/);
    expect(text).toMatch(/build:\n  preset: github-prs/);
    expect(text).toMatch(/recognition:\n  preset: slack-export\n  files: slack\/general/);
    expect(text).toMatch(/github: GitHub Username/);
    expect(text).toMatch(/deals:\n  file: sales_pipeline.csv\n  columns:\n    deal_id: opportunity_id\n    account: account\n    owner_id: sales_agent\n    amount: close_value\n    stage: deal_stage\n    created_at: engage_date\n    closed_at: close_date/);
    expect(text).toMatch(/Won: won/);
    expect(text).toMatch(/owner_id: name/);
    const todos = text.split("\n").filter((l) => /:\s*TODO\b/.test(l)).map((l) => l.trim().split(":")[0]);
    expect(todos).toEqual(["pod_id", "Customer Success", "Sales", "account", "amount", "created_at"]);

    const again = await cli("scripts/podium.ts", ["init", "--data", d]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const before = await cli("scripts/podium.ts", ["check", "--data", d]);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/podium\.mapping\.yaml:\d+:\d+ \[mapping\] people\.columns\.pod_id: still TODO/);

    const filled = text
      .replace(/pod_id: TODO.*/, "pod_id: Location")
      .replace(/Customer Success: TODO.*/, "Customer Success: support")
      .replace(/Sales: TODO.*/, "Sales: outside sales")
      .replace(/account: TODO.*/, "account: (no account)")
      .replace(/amount: TODO.*/, "amount: 0")
      .replace(/ {4}created_at: TODO.*\n/, "")
      .replace(/(\n {2}match:\n {4}owner_id: name)/, "\n  skip_unless: [created_at]$1");
    await writeFile(join(d, "podium.mapping.yaml"), filled);
    const after = await cli("scripts/podium.ts", ["check", "--data", d]);
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/deals\s+72 of 72\s+rows/);
    expect(after.stdout).toMatch(/No problems found/);
  }, 120_000);
});
