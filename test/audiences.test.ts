// Audiences: one data folder builds a site per audience (`--audience public|internal|leadership`), each from a privacy
// profile of the config: which sections, whether names appear, the minimum group size. The six-person fixture is built
// as each audience would read it, and the leak scan is shown to look for people's names where the audience keeps them.
import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigSchema } from "../src/pipeline/config.ts";
import { readConfig } from "../src/pipeline/read/config.ts";
import { resolveAudience } from "../src/pipeline/privacy/audience.ts";
import { privateValues } from "../src/pipeline/check/leaks.ts";
import { checkSite } from "../src/pipeline/check/site.ts";
import { FIXTURES, buildCli, snapshot } from "./helpers.ts";

/** The tiny fixture's people (test/fixtures/tiny/people.csv). */
const NAMES = ["Ada Park", "Ben Osei", "Cy Lund", "Di Rossi", "Eve Sato", "Fay Diaz"];

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const nav = (html: string) => text(/<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)![0]).trim();

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length + 1)] = await readFile(join(entry.parentPath, entry.name), "utf8");
  return out;
}

describe("the audiences of the config", () => {
  it("are internal, leadership and public by default, each within the company-wide limits", () => {
    const config = ConfigSchema.parse({ min_group_size: 3 });
    expect(Object.keys(config.audiences).sort()).toEqual(["internal", "leadership", "public"]);
    expect(resolveAudience(config)).toMatchObject({ name: "internal", names: true, people_pages: true, min_group_size: 3 });
    expect(resolveAudience(config).pages).not.toContain("review");
    expect(resolveAudience(config, "leadership").pages).toContain("review");
    expect(resolveAudience(config, "public")).toMatchObject({ names: false, people_pages: false, person_fields: [], min_group_size: 10 });
    // a company minimum above the profile's wins: an audience can only be stricter
    expect(resolveAudience(ConfigSchema.parse({ min_group_size: 12 }), "public").min_group_size).toBe(12);
    // privacy.* caps every audience
    const capped = ConfigSchema.parse({ privacy: { people_pages: false, person_fields: ["function"] } });
    expect(resolveAudience(capped, "leadership")).toMatchObject({ people_pages: false, person_fields: ["function"] });
  });

  it("change only the fields a profile gives; a new audience starts from public", () => {
    const config = ConfigSchema.parse({
      audiences: { public: { min_group_size: 20 }, board: { pages: ["overview", "balance", "review"] } },
    });
    expect(resolveAudience(config, "public")).toMatchObject({ names: false, min_group_size: 20, pages: ["overview", "pods", "recognition", "balance", "feedback", "data"] });
    expect(resolveAudience(config, "board")).toMatchObject({ names: false, min_group_size: 10, pages: ["overview", "balance", "review"] });
    expect(resolveAudience(config, "internal").pages).toContain("people"); // the built-ins not named stay
  });

  it("refuse an unknown audience by name", () => {
    expect(() => resolveAudience(ConfigSchema.parse({}), "board")).toThrow('unknown audience "board": the audiences are internal, leadership, public');
  });

  it("reject an unknown page or field, a profile without the overview, and people's pages without names, located in the file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "podium-audience-config-"));
    try {
      await writeFile(
        join(dir, "podium.config.json"),
        JSON.stringify({ audiences: { public: { pages: ["overview", "sales"] }, internal: { person_fields: ["salary"] }, kiosk: { pages: ["people", "overview"] }, tv: { pages: ["present"] } } }, null, 2),
      );
      const { problems } = await readConfig(dir, "data");
      const messages = problems.map((p) => `${p.file}:${p.line} ${p.message}`);
      // each at its array's key: "pages" of public on line 4, "person_fields" of internal on line 10
      expect(messages).toContainEqual(expect.stringMatching(/^data\/podium\.config\.json:4 audiences\.public\.pages\.1: Invalid option: expected one of "overview"\|"pods"/));
      expect(messages).toContainEqual(expect.stringMatching(/^data\/podium\.config\.json:10 audiences\.internal\.person_fields\.0: Invalid option/));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const refined = ConfigSchema.safeParse({ audiences: { kiosk: { pages: ["people", "overview"] }, tv: { pages: ["present"] } } });
    expect(refined.success).toBe(false);
    expect(refined.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "audiences.kiosk.pages: people's pages show their names: leave out people, or set names to true",
      "audiences.tv.pages: must include overview: the home page every other page links back to",
    ]);
  });
});

describe("the leak scan, for an audience without names", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "podium-names-"));
    await mkdir(join(dir, "pods"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("finds a full name however it is written, and not a longer name, a first name alone or a one-word name in another case", async () => {
    const values = privateValues(
      [{ name: "Ada Park" }, { name: "Seán O'Neil" }, { name: "Jean-Luc  Picard" }, { name: "Cher" }, { name: "Bo Li" }],
      { names: false },
    );
    await writeFile(join(dir, "index.html"), "<p>Thanks to ADA\n   PARK</p><p>Bo Lindqvist and Bo are not Bo Li's namesakes… cher ami</p>");
    await writeFile(join(dir, "pods/a.html"), `<a href="/people/jean-luc-picard/">profile</a><td>Se&aacute;n</td><td>Seán O&#39;Neil</td>`);
    await writeFile(join(dir, "pods/b.json"), JSON.stringify([{ who: "Cher" }]));
    await writeFile(join(dir, "pods/c.csv"), "pod,lead\nA,Ada Parker\n");
    expect((await checkSite(dir, [], "/", undefined, values)).leaks).toEqual([
      { file: "index.html", value: "Ada Park", kind: "name" },
      { file: "index.html", value: "Bo Li", kind: "name" },
      { file: "pods/a.html", value: "Jean-Luc Picard", kind: "name" },
      { file: "pods/a.html", value: "Seán O'Neil", kind: "name" },
      { file: "pods/b.json", value: "Cher", kind: "name" },
    ]);
  });

  it("looks for no name when the audience sees them", () => {
    expect(privateValues([{ name: "Ada Park" }]).names.size).toBe(0);
  });
});

describe("the site check", () => {
  it("finds a link to a page that is not built, and a page of a section the audience does not get", async () => {
    const dir = await mkdtemp(join(tmpdir(), "podium-links-"));
    try {
      await mkdir(join(dir, "pods/A"), { recursive: true });
      await mkdir(join(dir, "review"));
      await writeFile(
        join(dir, "index.html"),
        // a quoted attribute may hold markup-looking text; it is not a link
        `<a href="/podium/pods/A/">A</a> <a href="/podium/review/#alerts">review</a> <div aria-label="&quot;><img src=x>">.</div> <a href="#top">top</a>`,
      );
      await writeFile(join(dir, "pods/A/index.html"), `<a href="../../">home</a> <a href="../../people/ada/">Ada</a> <p>&lt;a href="nowhere"&gt;</p>`);
      await writeFile(join(dir, "review/index.html"), "<h1>Review</h1>");
      const { unexpectedPage } = await import("../src/pipeline/render/pages.ts");
      const audience = resolveAudience(ConfigSchema.parse({}), "public");
      const result = await checkSite(dir, ["index.html"], "/podium/", unexpectedPage({ audience } as Parameters<typeof unexpectedPage>[0]));
      expect(result.failures.sort()).toEqual([
        "pods/A/index.html: links to ../../people/ada/, which is not in the site",
        "review/index.html: a page of the review section, which the public audience does not get",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the tiny company built for each audience", () => {
  let work: string;
  let internal: Record<string, string>;
  let pub: Record<string, string>;
  let leadership: Record<string, string>;
  let publicRun: Awaited<ReturnType<typeof buildCli>>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "podium-audiences-"));
    const site = join(work, "site");
    const cache = join(work, "cache");
    const first = await buildCli(`${FIXTURES}tiny`, site, cache); // internal, the default
    expect(first.stderr).toBe("");
    internal = await files(site);
    // the same folders, another audience: the cache must not hand back the internal site
    publicRun = await buildCli(`${FIXTURES}tiny`, site, cache, "--audience", "public");
    expect(publicRun.stderr).toBe("");
    pub = await files(site);
    const lead = await buildCli(`${FIXTURES}tiny`, join(work, "leadership"), join(work, "cache-leadership"), "--audience", "leadership");
    expect(lead.stderr).toBe("");
    leadership = await files(join(work, "leadership"));
  }, 240_000);
  afterAll(() => rm(work, { recursive: true, force: true }));

  it("internal: every section but the review, names and profiles", () => {
    expect(nav(internal["index.html"]!)).toBe("Overview Pods People Recognition Balance Feedback loop Present Data");
    expect(Object.keys(internal).some((f) => f.startsWith("review/"))).toBe(false);
    expect(internal["people/ada-park/index.html"]).toBeDefined();
    expect(text(internal["recognition/index.html"]!)).toContain("Cy Lund");
    expect(internal["downloads/drift_alerts.csv"]).toBeUndefined(); // the review's table goes with it
  });

  it("leadership: the review too", () => {
    expect(nav(leadership["index.html"]!)).toBe("Overview Pods People Recognition Balance Feedback loop Review Present Data");
    expect(text(leadership["review/index.html"]!)).toMatch(/Drift alerts/);
    expect(leadership["downloads/drift_alerts.csv"]).toBeDefined();
  });

  it("public: aggregates only, rebuilt rather than taken from the cache", () => {
    expect(publicRun.stdout).toMatch(/^render .*site for the public audience/m);
    expect(publicRun.stdout).not.toMatch(/skipped/);
    expect(nav(pub["index.html"]!)).toBe("Overview Pods Recognition Balance Feedback loop Data");
    const pages = Object.keys(pub);
    for (const section of ["people/", "review/", "present/"]) expect(pages.filter((f) => f.startsWith(section))).toEqual([]);
    // no link to a page that is not there (the build's check resolves every link; this is what a reader sees)
    for (const [file, content] of Object.entries(pub)) expect(content, file).not.toMatch(/href="\/(people|review|present)\//);
    expect(pub["recognition/index.html"]).not.toMatch(/The wall|Unsung givers/);
    expect(text(pub["pods/A/index.html"]!)).not.toMatch(/People in FY2025-Q1/);
  });

  it("public: no person's name in any file, in any case, nor as a profile's address", () => {
    const hits: string[] = [];
    for (const [file, content] of Object.entries(pub)) {
      const lower = content.toLowerCase();
      for (const name of NAMES) {
        const [first, last] = name.toLowerCase().split(" ");
        if (lower.includes(`${first} ${last}`) || lower.includes(`${first}-${last}`)) hits.push(`${file}: ${name}`);
      }
    }
    expect(hits).toEqual([]);
    // while the internal site has them
    expect(Object.values(internal).join("\n")).toContain("Ada Park");
  });

  it("public: figures about fewer than 10 people are left out (the fixture's company has 6; internal shows them)", () => {
    expect(text(internal["index.html"]!)).toMatch(/Two-way contributors 50%/);
    expect(text(pub["index.html"]!)).toMatch(/Two-way contributors —/);
    expect(pub["downloads/participation.csv"]).toMatch(/quarter,FY2025-Q1,company,company,Sample Company,6,,/);
    expect(internal["downloads/participation.csv"]).toMatch(/quarter,FY2025-Q1,company,company,Sample Company,6,\d/);
  });

  it("fails, and publishes nothing, when a page would show a name the audience does not see", async () => {
    // a shipped item's title names a person: the pod pages list the biggest items shipped
    const data = join(work, "named");
    await cp(`${FIXTURES}tiny`, data, { recursive: true });
    const build = await readFile(join(data, "build.jsonl"), "utf8");
    await writeFile(join(data, "build.jsonl"), build.replace('"title":"Setup guide"', '"title":"Setup guide by Fay Diaz"'));
    const site = join(work, "site");
    const before = await snapshot(site);
    const run = await buildCli(data, site, join(work, "cache-named"), "--audience", "public");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/site check failed/);
    expect(run.stderr).toMatch(/^pods\/B\/index\.html: holds the name "Fay Diaz", which the public audience does not see$/m);
    expect(await snapshot(site)).toEqual(before);
  }, 120_000);

  it("refuses an audience the config does not define, before building anything", async () => {
    const site = join(work, "site");
    const before = await snapshot(site);
    const run = await buildCli(`${FIXTURES}tiny`, site, join(work, "cache"), "--audience", "board");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Build failed: unknown audience "board": the audiences are internal, leadership, public/);
    expect(run.stdout).not.toMatch(/^render/m);
    expect(await snapshot(site)).toEqual(before);
  });
});
