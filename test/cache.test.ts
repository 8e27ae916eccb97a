// The build's cache: a rebuild with unchanged inputs redoes nothing, changing one input row rebuilds and shows it, and a
// change that only the rendering sees (the base path) renders from the last page data; the inputs are reread only
// where a file's size or time changed.
import { cp, mkdtemp, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChild, type BuildRun } from "../src/bench/measure.ts";
import { FIXTURES } from "./helpers.ts";
import { hashDataDir } from "../src/pipeline/cache/hash.ts";

const CHILD = new URL("../src/bench/child.ts", import.meta.url).pathname;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-cache-"));
  await cp(`${FIXTURES}tiny`, join(work, "data"), { recursive: true });
});
afterAll(() => rm(work, { recursive: true, force: true }));

const run = () =>
  runChild<BuildRun>(CHILD, ["--data", join(work, "data"), "--out", join(work, "out"), "--cache", join(work, "cache")], (l) => l.startsWith("cache") && console.log(l));
const summary = (r: BuildRun, stage: string) => r.stages.find((s) => s.stage === stage)?.summary ?? "";

async function allHtml(dir: string): Promise<string> {
  let text = "";
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile() && e.name.endsWith(".html")) text += await readFile(join(e.parentPath, e.name), "utf8");
  return text;
}

describe("build cache", () => {
  it("skips every stage when nothing changed, and rebuilds when one input row changed", async () => {
    const first = await run();
    expect(first.cached).toBe(false);
    expect(summary(first, "render")).not.toMatch(/skipped/);
    const pages = first.pages;

    const second = await run();
    expect(second.cached).toBe(true);
    expect(second.stages.map((s) => s.stage)).toEqual(["read", "validate", "load", "model", "pagedata", "render", "check", "publish"]);
    expect(summary(second, "render")).toBe("skipped (unchanged)");
    expect(second.stages.every((s) => s.skipped)).toBe(true);
    expect(second.pages).toBe(pages);
    expect(await allHtml(join(work, "out"))).toContain("Ada Park");

    // One row changes: a person is renamed.
    const people = join(work, "data", "people.csv");
    await writeFile(people, (await readFile(people, "utf8")).replace("Ada Park", "Ada Parkinson-Vale"));
    const third = await run();
    expect(third.cached).toBe(false);
    expect(summary(third, "render")).not.toMatch(/skipped/);
    const html = await allHtml(join(work, "out"));
    expect(html).toContain("Ada Parkinson-Vale");

    // A published file edited by hand is noticed: the output no longer matches the manifest, so the build runs again.
    const fourth = await run();
    expect(fourth.cached).toBe(true);
    const index = join(work, "out", "index.html");
    await writeFile(index, `${await readFile(index, "utf8")}<!-- edited -->`);
    const fifth = await run();
    expect(fifth.cached).toBe(false);
    expect(await readFile(index, "utf8")).not.toContain("<!-- edited -->");
  }, 300_000);

  it("renders from the last build's page data when only the base path changed, and makes it again when an input did", async () => {
    const data = join(work, "data-base");
    await cp(`${FIXTURES}tiny`, data, { recursive: true });
    const runAt = (base: string) =>
      runChild<BuildRun>(CHILD, ["--data", data, "--out", join(work, "out-base"), "--cache", join(work, "cache-base"), "--base", base], () => {});
    const index = () => readFile(join(work, "out-base", "index.html"), "utf8");

    const first = await runAt("/");
    expect(summary(first, "model")).not.toMatch(/skipped/);
    const download = await readFile(join(work, "out-base", "downloads", "pod_leaderboard.csv"), "utf8");

    const second = await runAt("/podium/");
    expect(second.cached).toBe(false);
    for (const stage of ["read", "validate", "load", "model", "pagedata"]) expect(summary(second, stage)).toMatch(/^skipped \(page data unchanged\)/);
    expect(summary(second, "render")).not.toMatch(/skipped/);
    expect(await index()).toContain('href="/podium/pods/');
    expect(await index()).not.toContain('href="/pods/');
    expect(await allHtml(join(work, "out-base"))).toContain("Ada Park");
    expect(await readFile(join(work, "out-base", "downloads", "pod_leaderboard.csv"), "utf8")).toBe(download);

    const people = join(data, "people.csv");
    await writeFile(people, (await readFile(people, "utf8")).replace("Ada Park", "Ada Parkinson-Vale"));
    const third = await runAt("/podium/");
    expect(summary(third, "model")).not.toMatch(/skipped/);
    expect(await allHtml(join(work, "out-base"))).toContain("Ada Parkinson-Vale");
  }, 300_000);
});

describe("hashing the inputs", () => {
  it("rereads only the files whose size or modification time changed since the last hashes", async () => {
    const dir = join(work, "hashed");
    await cp(`${FIXTURES}tiny`, dir, { recursive: true });
    const first = await hashDataDir(dir);
    expect(Object.keys(first.files)).toContain("people.csv");
    expect(await hashDataDir(dir, first.files)).toEqual(first);

    // a recorded hash that no longer matches the content is believed while size and time are the same…
    const stale = { ...first.files, "people.csv": [...first.files["people.csv"]!.slice(0, 2), "0".repeat(64)] as [number, number, string] };
    expect((await hashDataDir(dir, stale)).hash).not.toBe(first.hash);
    // …and a file written since (its time moves) is read and hashed again
    const people = join(dir, "people.csv");
    const later = new Date(Date.now() + 60_000);
    await utimes(people, later, later);
    expect((await hashDataDir(dir, stale)).hash).toBe(first.hash);
    const text = await readFile(people, "utf8");
    await writeFile(people, `${text}\n`);
    const changed = await hashDataDir(dir, first.files);
    expect(changed.hash).not.toBe(first.hash);
    expect(changed.files["people.csv"]![2]).not.toBe(first.files["people.csv"]![2]);
  });

  it("sees a one-byte change anywhere in a file larger than the pieces it is read in", async () => {
    const dir = join(work, "large");
    await cp(`${FIXTURES}tiny`, dir, { recursive: true });
    const big = join(dir, "notes.txt");
    const bytes = Buffer.alloc(3 * (1 << 20) + 123, "a");
    await writeFile(big, bytes);
    const first = await hashDataDir(dir);
    for (const at of [0, (1 << 20) - 1, 1 << 20, 2 * (1 << 20) + 7, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at] = 0x62;
      await writeFile(big, copy);
      expect((await hashDataDir(dir)).hash, `byte ${at}`).not.toBe(first.hash);
    }
    await writeFile(big, bytes);
    expect((await hashDataDir(dir)).hash).toBe(first.hash);
  });
});
