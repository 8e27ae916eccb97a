// The whole build as a user runs it (`node scripts/build.ts`), on the six-person fixture: the published site holds
// every section with the figures the models computed (see models.test.ts for the arithmetic), and a malformed row
// stops the build with a located error while the published site stays byte for byte as it was.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, buildCli as cli, snapshot } from "./helpers.ts";

const buildCli = (data: string, outDir: string) => cli(data, outDir, join(work, "cache"));

let work: string;
let out: string;



const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const page = async (path: string) => text(await readFile(join(out, path), "utf8"));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-build-"));
  out = join(work, "site");
  const result = await buildCli(`${FIXTURES}tiny`, out);
  expect(result.stderr).not.toMatch(/failed/i);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^read .* s/m);
  for (const stage of ["validate", "load", "model", "pagedata", "render", "check", "publish"]) expect(result.stdout).toMatch(new RegExp(`^${stage} `, "m"));
});

afterAll(() => rm(work, { recursive: true, force: true }));

describe("the published site", () => {
  it("shows the overview's headline figures", async () => {
    const html = await page("index.html");
    expect(html).toContain("FY2025-Q1");
    expect(html).toMatch(/Revenue won \$170,000/); // d1 100k + d2 40k + d5 30k
    expect(html).toMatch(/Two-way contributors 50%/); // 3 of 6
    expect(html).toMatch(/Feedback loop 32 days/); // median of 7, 32, 36
  });

  it("ranks the pods on the leaderboard and gives each pod a page", async () => {
    const html = await page("pods/index.html");
    expect(html).toMatch(/Health 1 new 0\.85/);
    expect(html).toMatch(/EMEA 2 new 0\.15/);
    // why this rank: Health's only last place is the win rate (1 of 2 vs EMEA's 2 of 3), weighted 15%
    expect(html).toMatch(/#1 Health: composite 0\.850 .* Win rate 50% 0\.00 15% #2 EMEA/);
    const pod = await page("pods/B/index.html");
    expect(pod).toContain("EMEA");
    expect(pod).toMatch(/Missing against the template/); // 3 people cannot fill a 9-role template
    // B won d2 (owner p4's pod) and d5; its members shipped b2 (Cy) and b3 (Fay)
    expect(pod).toMatch(/Biggest deals won \(2 in all\) Account Type Amount Closed Globex new \$40,000 2025-01-20 Stark renewal \$30,000/);
    // which pods it thanks and is thanked by: Cy (B) thanked Ada (A), Ada thanked Cy
    expect(pod).toMatch(/Pods EMEA thanked in FY2025-Q1 Pod Pairs Health 1 Pods that thanked EMEA in FY2025-Q1 Pod Pairs Health 1/);
    expect(pod).toMatch(/Biggest items shipped \(2 in all\) .* Setup guide doc 3\.0 2025-03-05 Login fix fix 2\.0/);
  });

  it("has the recognition, balance, feedback and data pages with their figures", async () => {
    const recognition = await page("recognition/index.html");
    expect(recognition).toMatch(/Shout-out pairs 4/);
    // Health gave p1→p3 (thanked back by p3→p1) and p2→p1 (not): reciprocity 1 of 2
    expect(recognition).toMatch(/Health 2 1 2 1 50% EMEA 2 1 2 1 50% Download this table for every period \(CSV\)/);
    expect(await page("balance/index.html")).toMatch(/company stands at 0\.79/); // 156/197
    expect(await page("feedback/index.html")).toMatch(/3 items were resolved with a median of 32 days \(90th percentile 35\.2 days\)/);
    const data = await page("data/index.html");
    expect(data).toMatch(/deals\.csv csv Yes 6 6/);
    expect(data).toMatch(/self-recognition/);
    // every section page says where its numbers come from
    expect(await page("balance/index.html")).toMatch(/Where these numbers come from\. As of 2025-03-20 .* deals\.csv 6, .* 1 item was set aside/);
  });

  it("gives each person a profile with their goal progress in points and typical items, and links names to it", async () => {
    // Ben (outside sales): 4 of 5 points in FY2025-Q1 → 1 point to unlock; outside sales' typical item is b1, 8 points.
    const ben = await page("people/ben-osei/index.html");
    expect(ben).toMatch(/Build points 4\.0 of 5\.0 80% of the goal/);
    expect(ben).toMatch(/To unlock 1\.0 points About 0\.1 typical items \(8\.0 points each in outside sales\)/);
    expect(ben).toMatch(/Pod history .* Health 2025-01-01/);
    const ada = await page("people/ada-park/index.html");
    expect(ada).toMatch(/To unlock Unlocked/);
    // Ada received two shout-outs, the self-mention of Ben's message included as a pair to her
    expect(ada).toMatch(/From Cy Lund/);
    expect(await readFile(join(out, "pods/A/index.html"), "utf8")).toContain('href="/people/ada-park/"');
  });

  it("publishes every metric table at full precision, and the dictionary", async () => {
    const csv = await readFile(join(out, "downloads/balance.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe("period_grain,period,group_type,group_id,group_name,headcount,sum_b,sum_s,balance,build_share,is_suppressed");
    expect(csv).toContain("quarter,FY2025-Q1,company,company,Sample Company,6,3.71428571428571");
    const dictionary = JSON.parse(await readFile(join(out, "downloads/dictionary.json"), "utf8"));
    expect(dictionary.map((d: { name: string }) => d.name)).toContain("pod_leaderboard");
  });

  it("works with JavaScript off: every chart is an inline SVG", async () => {
    const html = await readFile(join(out, "balance/index.html"), "utf8");
    // four charts (trend, two balance maps, pods by quarter), each drawn wide and narrow, inside an element named by its title
    const charts = html.split('class="chart chart-wide" role="img"').slice(1).map((c) => c.slice(0, c.indexOf("</div>")));
    expect(charts).toHaveLength(4);
    for (const chart of charts) expect(chart).toMatch(/<svg[^>]*>[\s\S]*<\/svg>/);
    expect(html).not.toMatch(/<script(?![^>]*src=)/); // no inline script: the CSP forbids it
  });
});

describe("a malformed row", () => {
  it("stops the build with its file, line and column, and leaves the published site as it was", async () => {
    const broken = join(work, "broken");
    await cp(`${FIXTURES}tiny`, broken, { recursive: true });
    const deals = await readFile(join(broken, "deals.csv"), "utf8");
    await writeFile(join(broken, "deals.csv"), deals.replace("d2,Globex,,p4,40000,", "d2,Globex,,p4,40k,"));
    const before = await snapshot(out);

    const result = await buildCli(broken, out);

    expect(result.code).toBe(1);
    // line 3 is d2's row; "d2,Globex,,p4," is 14 characters, so amount starts at column 15
    expect(result.stderr).toContain(`${broken}/deals.csv:3:15 [type] amount must be a number, got "40k"`);
    expect(result.stderr).toMatch(/1 problem found/);
    expect(await snapshot(out)).toEqual(before);
  });
});
