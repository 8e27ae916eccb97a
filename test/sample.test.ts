// The sample-company generator: same options give the same bytes, and what it writes passes the input contract.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigSchema } from "../src/pipeline/config.ts";
import { INPUTS } from "../src/pipeline/inputs.ts";
import { generateSample } from "../src/sample/index.ts";

const dirs: string[] = [];
const run = (options: Parameters<typeof generateSample>[0]) => {
  const out = mkdtempSync(join(tmpdir(), "podium-sample-"));
  dirs.push(out);
  return generateSample({ ...options, out });
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function rowsOf(dir: string, file: string, format: string): Record<string, unknown>[] {
  const text = readFileSync(join(dir, file), "utf8");
  if (format === "csv") {
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed.data;
  }
  if (format === "jsonl") return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
  return JSON.parse(text);
}

describe("sample generator", () => {
  const small = { people: 60, quarters: 4, seed: 7 };
  const first = run(small);
  const dir = first.out;

  it("writes byte-identical files when run twice with the same options", () => {
    const second = run(small);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(readdirSync(second.out).sort());
    expect(files).toHaveLength(10);
    for (const f of files) expect(readFileSync(join(second.out, f)).equals(readFileSync(join(dir, f))), f).toBe(true);
    expect(second.rows).toEqual(first.rows);
  });

  it("gives different data for a different seed", () => {
    const other = run({ ...small, seed: 8 });
    expect(readFileSync(join(other.out, "people.csv"), "utf8")).not.toEqual(readFileSync(join(dir, "people.csv"), "utf8"));
  });

  it("writes every row so that it passes the input schemas, and a valid config", () => {
    for (const spec of INPUTS) {
      const rows = rowsOf(dir, spec.file, spec.format);
      expect(rows.length, spec.file).toBeGreaterThan(0);
      expect(rows.length, spec.file).toBe(first.rows[spec.file]);
      const failures = rows.flatMap((row, i) => {
        const r = spec.schema.safeParse(row);
        return r.success ? [] : [`${spec.file}:${i + 2} ${JSON.stringify(r.error.issues[0])}`];
      });
      expect(failures).toEqual([]);
    }
    const config = JSON.parse(readFileSync(join(dir, "podium.config.json"), "utf8"));
    expect(Object.keys(config).sort()).toEqual(["company_name", "fiscal_year_start_month", "timezone"]);
    expect(ConfigSchema.safeParse(config).success).toBe(true);
  });

  it("has exactly the requested number of people", () => {
    expect(first.rows["people.csv"]).toBe(60);
  });

  it("never lets one person's memberships overlap, and keeps them within employment", () => {
    const people = new Map(rowsOf(dir, "people.csv", "csv").map((p) => [p.person_id as string, p]));
    const byPerson = new Map<string, Record<string, string>[]>();
    for (const m of rowsOf(dir, "memberships.csv", "csv") as Record<string, string>[]) {
      expect(people.has(m.person_id!)).toBe(true);
      byPerson.set(m.person_id!, [...(byPerson.get(m.person_id!) ?? []), m]);
    }
    for (const [id, stints] of byPerson) {
      stints.sort((a, b) => (a.from! < b.from! ? -1 : 1));
      stints.forEach((s, i) => {
        if (s.to) expect(s.to >= s.from!, id).toBe(true);
        if (i > 0) expect(stints[i - 1]!.to !== "" && stints[i - 1]!.to! < s.from!, `${id} overlaps`).toBe(true);
      });
      const end = people.get(id)!.end_date as string;
      if (end) expect(stints[stints.length - 1]!.to! <= end, id).toBe(true);
    }
  });

  it("shares each deal's credit out to exactly 1 and references only known ids", () => {
    const people = new Set(rowsOf(dir, "people.csv", "csv").map((p) => p.person_id));
    const deals = new Map(rowsOf(dir, "deals.csv", "csv").map((d) => [d.deal_id, d]));
    const sums = new Map<unknown, number>();
    for (const c of rowsOf(dir, "deal_credits.csv", "csv")) {
      expect(deals.has(c.deal_id)).toBe(true);
      expect(people.has(c.person_id)).toBe(true);
      sums.set(c.deal_id, (sums.get(c.deal_id) ?? 0) + Number(c.share));
    }
    expect(sums.size).toBeGreaterThan(0);
    for (const [id, sum] of sums) expect(Math.abs(sum - 1), String(id)).toBeLessThan(1e-9);
    for (const d of deals.values()) {
      if (d.type === "churn") expect(d.stage).toBe("lost");
      if (d.stage === "open") expect(d.closed_at).toBe("");
    }
    const builds = new Set(rowsOf(dir, "build.jsonl", "jsonl").map((b) => b.id));
    for (const f of rowsOf(dir, "feedback.csv", "csv")) if (f.resolved_by) expect(builds.has(f.resolved_by)).toBe(true);
  });

  it("writes the bundled sample company (data/) by default", () => {
    const bundled = run({});
    for (const f of readdirSync(bundled.out)) expect(readFileSync(join(bundled.out, f)).equals(readFileSync(join("data", f))), f).toBe(true);
  });

  it("scales deals, shout-outs and feedback by --activity, deal amounts down by it, and leaves people and build alone", () => {
    const busy = run({ ...small, activity: 4 });
    for (const f of ["people.csv", "pods.csv", "memberships.csv", "build.jsonl", "goals.csv"])
      expect(readFileSync(join(busy.out, f)).equals(readFileSync(join(dir, f))), f).toBe(true);
    for (const f of ["deals.csv", "deal_credits.csv", "recognition.json", "feedback.csv"]) {
      const ratio = busy.rows[f]! / first.rows[f]!;
      expect(ratio, f).toBeGreaterThan(3.4);
      expect(ratio, f).toBeLessThan(4.6);
    }
    const medianAmount = (d: string) => {
      const amounts = rowsOf(d, "deals.csv", "csv").map((r) => Number(r.amount)).sort((a, b) => a - b);
      return amounts[amounts.length >> 1]!;
    };
    const ratio = medianAmount(dir) / medianAmount(busy.out);
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(5.3);
    expect(() => run({ ...small, activity: 0.5 })).toThrow("--activity must be a number from 1 to 20");
  });

  it("includes a self-mention the pipeline has to drop", () => {
    const messages = rowsOf(dir, "recognition.json", "json") as { user: string; text: string }[];
    expect(messages.some((m) => m.text.includes(`<@${m.user}>`))).toBe(true);
  });
});
