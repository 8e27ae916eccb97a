// Each preset on a real-format file: the public exports in ../shared/real-exports (see each PROVENANCE.md) where
// one exists, else a small file written in the vendor's documented format.
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanup, copyReal, FEEDBACK, GOALS, hasReal, mapAndValidate, PODS, REAL, tempDir, writeFiles } from "./fixtures/real/helpers.ts";

let dir: string;
beforeAll(async () => {
  dir = await tempDir("podium-presets-");
});
afterAll(() => cleanup(dir));

const BASE = { "pods.csv": PODS, "feedback.csv": FEEDBACK, "goals.csv": GOALS, "recognition.json": "[]" };
const BUILD = { "build.jsonl": '{"id":"b1","title":"x","kind":"fix","shipped_at":"2024-01-02","contributors":["p1"]}\n' };
const DEALS = { "deals.csv": "deal_id,account,owner_id,amount,type,stage,created_at\n" };
const PEOPLE = { "people.csv": "person_id,name,email,function,pod_id,start_date\np1,Ada Park,ada@example.com,engineering,A,2020-01-01\np2,Ben Osei,ben@example.com,outside sales,A,2020-01-01\n" };

describe.skipIf(!hasReal)("presets on real exports", () => {
  it("salesforce-opportunities: the Opportunity CSV of Salesforce's sample data (Closed/Won, Closed Lost, custom stages)", async () => {
    const d = join(dir, "salesforce");
    await writeFiles(d, { ...BASE, ...BUILD, ...PEOPLE });
    await copyReal(d, "salesforce-apex-recipes-sample/Opportunities.csv", "sf/Opportunities.csv");
    // API-name columns (amount, closedate, StageName, accountId): no id, owner or created date, so the mapping fills them in.
    await writeFiles(d, {
      "podium.mapping.yaml":
        "deals:\n  preset: salesforce-opportunities\n  file: sf/Opportunities.csv\n  columns: { deal_id: \"SF-{_line}\", created_at: closedate }\n  set: { owner_id: p2 }\n",
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    const deals = m.rows("deals");
    expect(deals).toHaveLength(50);
    expect(deals[0]).toEqual({
      deal_id: "SF-2", account: "@AccountRef32", owner_id: "p2", amount: 119373.34, type: "new", stage: "open",
      created_at: "2020-12-22T21:16:01Z", closed_at: "2020-12-22T21:16:01Z",
    });
    expect(deals.filter((x) => x.stage === "won")).toHaveLength(3);
    expect(deals.filter((x) => x.stage === "lost")).toHaveLength(1);
    // The constant owner is located in the mapping file.
    expect(m.inputs.get("deals")!.records[0]!.locate("owner_id")).toEqual({ file: "data/podium.mapping.yaml", line: 5, column: 20 });
  });

  it("bamboohr-directory: an HR employee directory (hire dates, departments, e-mails to match people by)", async () => {
    const d = join(dir, "bamboo");
    await writeFiles(d, { ...BASE, ...BUILD, ...DEALS });
    await copyReal(d, "hr-oracle-sample-hr/employee_directory.csv", "hr/employee_directory.csv");
    await writeFiles(d, {
      "podium.mapping.yaml": [
        "people:",
        "  preset: bamboohr-directory",
        "  file: hr/*.csv",
        "  set: { pod_id: A }",
        "  values:",
        "    function: { Sales: outside sales, IT: engineering, Marketing: marketing, \"*\": support }",
        "",
      ].join("\n"),
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    const people = m.rows("people");
    expect(people).toHaveLength(107);
    expect(people[0]).toEqual({ person_id: "100", name: "Steven King", email: "sking@example.com", function: "support", pod_id: "A", start_date: "2013-06-17" });
    expect(people.filter((p) => p.function === "outside sales")).toHaveLength(34);
  });

  it("github-prs: 5,127 real pull requests (REST names), merged ones become build items with kinds from labels", async () => {
    const d = join(dir, "github");
    const prs = JSON.parse(await readFile(join(REAL, "github-prs-fastapi/pull_requests.json"), "utf8")) as { author: string }[];
    const authors = [...new Set(prs.map((p) => p.author))].sort();
    await writeFiles(d, {
      ...BASE, ...DEALS,
      "people.csv": `person_id,name,function,start_date,github\n${authors.map((a, i) => `e${i + 1},Dev ${i + 1},engineering,2018-01-01,${a}`).join("\n")}\n`,
      "podium.mapping.yaml": "people_match:\n  keys: { github: github }\nbuild:\n  preset: github-prs\n  file: pull_requests.json\n",
    });
    await copyReal(d, "github-prs-fastapi/pull_requests.json", "pull_requests.json");
    const m = await mapAndValidate(d);
    // One real title is longer than Podium accepts: located in the source file, that row is left out.
    expect(m.errors).toEqual(["data/pull_requests.json:43759:5 [range] title is longer than 300 characters"]);
    const build = m.rows("build");
    expect(build).toHaveLength(3000); // merged_at set; the 2,126 others are skipped
    expect(build.filter((b) => b.kind === "fix")).toHaveLength(38);
    expect(build.filter((b) => b.kind === "doc")).toHaveLength(252);
    const first = build.find((b) => b.id === "PR-1")!;
    expect(first).toEqual({ id: "PR-1", title: expect.any(String), kind: "feature", shipped_at: "2018-12-09T16:27:47Z", contributors: [`e${authors.indexOf("mariacamilagl") + 1}`] });
  });

  it("slack-export: a real channel folder, users resolved through users.json by e-mail", async () => {
    const d = join(dir, "slack");
    await copyReal(d, "slack-export-houstondatavis/users.json", "slack/users.json");
    await copyReal(d, "slack-export-houstondatavis/general", "slack/general");
    const users = JSON.parse(await readFile(join(d, "slack/users.json"), "utf8")) as { id: string; profile: { email: string } }[];
    await writeFiles(d, {
      ...BASE, ...BUILD, ...DEALS,
      "people.csv": `person_id,name,email,function,start_date\n${users.map((u, i) => `s${i + 1},Member ${i + 1},${u.profile.email},support,2015-01-01`).join("\n")}\n`,
      "podium.mapping.yaml": "recognition:\n  preset: slack-export\n  files: slack/general\n",
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    const rows = m.rows("recognition");
    expect(rows.length).toBeGreaterThan(50);
    const byId = new Map(users.map((u, i) => [u.id, `s${i + 1}`]));
    const first = rows.find((r) => String(r.text).endsWith("announced the July Meetup"));
    expect(first).toMatchObject({ client_msg_id: expect.stringMatching(/^general-\d+\.\d+$/), user: byId.get("U061A1R2R"), text: `<@${byId.get("U061A5N1G")}>: announced the July Meetup` });
    for (const r of rows) expect(String(r.text)).not.toMatch(/<@U/);
  });

  it("slack-export: an unmatched user is located in its day file; as a warning it drops just that mention", async () => {
    const d = join(dir, "slack-unmatched");
    await copyReal(d, "slack-export-houstondatavis/users.json", "slack/users.json");
    await copyReal(d, "slack-export-houstondatavis/general/2015-06-09.json", "slack/general/2015-06-09.json");
    await writeFiles(d, {
      ...BASE, ...BUILD, ...DEALS,
      "people.csv": "person_id,name,email,function,start_date\nm1,Micah,u061a1r2r@example.org,support,2015-01-01\n",
      "podium.mapping.yaml": "recognition:\n  preset: slack-export\n  files: slack/general\n",
    });
    const strict = await mapAndValidate(d);
    expect(strict.errors[0]).toMatch(/^data\/slack\/general\/2015-06-09\.json:\d+:\d+ \[match\] mention <@U061A5N1G> matches no person by slack$/);
    await writeFiles(d, { "podium.mapping.yaml": "people_match: { unmatched: warning }\nrecognition:\n  preset: slack-export\n  files: slack/general\n" });
    const lenient = await mapAndValidate(d);
    expect(lenient.errors).toEqual([]);
    expect(lenient.problems.every((p) => p.severity === "warning" && p.rule === "match")).toBe(true);
    expect(lenient.rows("recognition")).toEqual([]);
  });
});

describe.skipIf(!hasReal)("presets on files in the vendors' documented formats", () => {
  it("jira-issues: the real Jira Cloud header (213 columns, repeated Labels/Watchers) with rows in its date format", async () => {
    const d = join(dir, "jira");
    const header = (await readFile(join(REAL, "jira-csv-headers/jira-cloud-en-2025.header.csv"), "utf8")).split(/\r?\n/)[0]!;
    const columns = Papa.parse<string[]>(header).data[0]!;
    const row = (values: Record<string, string>) => columns.map((c, i) => values[`${c}#${columns.indexOf(c) === i ? 1 : 2}`] ?? values[c] ?? "").join(",");
    await writeFiles(d, {
      ...BASE, ...DEALS, ...PEOPLE,
      "jira.csv": [
        header,
        row({ Summary: "Login page", "Issue key": "POD-1", "Issue Type": "Story", Assignee: "Ada Park", Resolved: "22/Dec/25 2:38 PM" }),
        row({ Summary: "Crash on save", "Issue key": "POD-2", "Issue Type": "Bug", Assignee: "ben@example.com", Resolved: "03/Jan/26 9:05 AM" }),
        row({ Summary: "Not done yet", "Issue key": "POD-3", "Issue Type": "Task", Assignee: "Ada Park", Resolved: "" }),
      ].join("\n") + "\n",
      "podium.mapping.yaml": "people_match: {}\nbuild:\n  preset: jira-issues\n  file: jira.csv\n",
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    expect(m.rows("build")).toEqual([
      { id: "POD-1", title: "Login page", kind: "feature", shipped_at: "2025-12-22T14:38:00", contributors: ["p1"] },
      { id: "POD-2", title: "Crash on save", kind: "fix", shipped_at: "2026-01-03T09:05:00", contributors: ["p2"] },
    ]);
  });

  it("jira-issues: the Spanish-localized and the Excel re-saved headers (CRLF, DD/MM/YYYY, ,,,, rows)", async () => {
    const d = join(dir, "jira-es");
    const es = (await readFile(join(REAL, "jira-csv-headers/jira-cloud-es-localized-2025.header.csv"), "utf8")).split(/\r?\n/)[0]!;
    const esCols = Papa.parse<string[]>(es).data[0]!;
    const esRow = (v: Record<string, string>) => esCols.map((c) => v[c] ?? "").join(",");
    expect(es.split(",").length).toBeGreaterThan(esCols.length); // quoted headers with commas inside
    const xl = (await readFile(join(REAL, "jira-csv-headers/jira-server-excel-resaved-2017.header.csv"), "utf8")).split(/\r?\n/)[0]!;
    const xlCols = Papa.parse<string[]>(xl).data[0]!;
    const xlRow = (v: Record<string, string>) => xlCols.map((c) => v[c] ?? "").join(",");
    await writeFiles(d, {
      ...BASE, ...DEALS, ...PEOPLE,
      "jira/es.csv": [es, esRow({ Resumen: "Exportar", "Clave de incidencia": "FB-1", "Tipo de Incidencia": "Error", "Persona asignada": "Ada Park", Resuelta: "10/nov/25 4:51 PM" })].join("\r\n") + "\r\n",
      "jira/excel.csv": [xl, xlRow({ Summary: "Duplicate bug", "Issue key": "DB-7", "Issue Type": "Bug", Assignee: "Ben Osei", Resolved: "16/02/2017 15:26" }), xlCols.map(() => "").join(","), xlCols.map(() => "").join(",")].join("\r\n") + "\r\n",
      "podium.mapping.yaml": "people_match: {}\nbuild:\n  preset: jira-issues\n  files: jira/*.csv\n",
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    expect(m.rows("build")).toEqual([
      { id: "FB-1", title: "Exportar", kind: "fix", shipped_at: "2025-11-10T16:51:00", contributors: ["p1"] },
      { id: "DB-7", title: "Duplicate bug", kind: "fix", shipped_at: "2017-02-16T15:26:00", contributors: ["p2"] },
    ]);
  });

  it("hubspot-deals: a deals export with HubSpot's column names and stages", async () => {
    const d = join(dir, "hubspot");
    await writeFiles(d, {
      ...BASE, ...BUILD, ...PEOPLE,
      "hubspot-crm-exports-all-deals-2024-03-20.csv":
        '"Record ID","Deal Name","Deal Stage","Close Date","Deal owner","Amount","Create Date","Pipeline","Deal Type","Associated Company (Primary)"\n' +
        '"1001","Acme renewal","Closed won","2024-03-15 10:22","Ben Osei","12000","2024-01-05 09:00","Sales Pipeline","Existing Business","Acme"\n' +
        '"1002","Beta new","Appointment scheduled","","ada@example.com","5000.5","2024-02-01 11:30","Sales Pipeline","New Business","Beta"\n' +
        '"1003","Gamma","Closed lost","2024-03-01 08:00","Ben Osei","","2024-01-20 14:00","Sales Pipeline","","Gamma"\n',
      "podium.mapping.yaml": "people_match: {}\ndeals:\n  preset: hubspot-deals\n  file: hubspot-crm-exports-*.csv\n  defaults: { amount: 0 }\n",
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    expect(m.rows("deals")).toEqual([
      { deal_id: "1001", account: "Acme", owner_id: "p2", amount: 12000, type: "expansion", stage: "won", created_at: "2024-01-05T09:00:00", closed_at: "2024-03-15T10:22:00" },
      { deal_id: "1002", account: "Beta", owner_id: "p1", amount: 5000.5, type: "new", stage: "open", created_at: "2024-02-01T11:30:00" },
      { deal_id: "1003", account: "Gamma", owner_id: "p2", amount: 0, type: "new", stage: "lost", created_at: "2024-01-20T14:00:00", closed_at: "2024-03-01T08:00:00" },
    ]);
  });

  it("github-prs: the shape `gh pr list --json number,title,author,mergedAt,labels` writes", async () => {
    const d = join(dir, "gh");
    await writeFiles(d, {
      ...BASE, ...DEALS,
      "people.csv": "person_id,name,email,function,start_date\np1,Ada Park,ada@example.com,engineering,2020-01-01\n",
      "identities.csv": "Email,GitHub login\nada@example.com,adapark\n",
      "prs.json": JSON.stringify([
        { author: { id: "MDQ6", is_bot: false, login: "adapark", name: "Ada Park" }, labels: [{ id: "L1", name: "bug", description: "", color: "d73a4a" }], mergedAt: "2024-03-01T10:00:00Z", number: 12, title: "Fix login" },
        { author: { id: "MDQ7", is_bot: false, login: "adapark", name: "Ada Park" }, labels: [], mergedAt: null, number: 13, title: "Draft" },
      ], null, 2),
      "podium.mapping.yaml": "people_match:\n  identities:\n    - file: identities.csv\n      person: Email\n      keys: { github: GitHub login }\nbuild:\n  preset: github-prs\n  file: prs.json\n",
    });
    const m = await mapAndValidate(d);
    expect(m.errors).toEqual([]);
    expect(m.rows("build")).toEqual([{ id: "PR-12", title: "Fix login", kind: "fix", shipped_at: "2024-03-01T10:00:00Z", contributors: ["p1"] }]);
  });
});
