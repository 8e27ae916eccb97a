// What keeps the site readable and the build fast at any company size: the pods a chart draws, the pages each
// render process writes, how many processes render, and the output check spread over threads.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSite } from "../src/pipeline/check/site.ts";
import { FILES_PER_THREAD } from "../src/pipeline/check/files.ts";
import { privateValues } from "../src/pipeline/check/leaks.ts";
import { focusPods } from "../src/site/focus.ts";
import { inShard } from "../src/site/shard.ts";
import { shardCount } from "../src/pipeline/render/shards.ts";

const pods = (balances: (number | null)[]) => balances.map((balance, i) => ({ group_id: `pod-${String(i).padStart(2, "0")}`, group_name: `Pod ${i}`, balance }));

describe("focusPods", () => {
  it("draws every pod when there are no more than the chart holds", () => {
    const focus = focusPods(pods([0.5, 0.2, 0.9]), "balance", "lowest", "balance", [], 3);
    expect(focus.ids).toBeUndefined();
    expect(focus.note).toBe("");
    expect(focus.has({ group_id: "anything" })).toBe(true);
  });

  it("past it, draws the n lowest (ties to the group id), the named pods included, and says so", () => {
    // balances: pod-00 .5, pod-01 .2, pod-02 .9, pod-03 .2, pod-04 null, pod-05 .1
    const rows = pods([0.5, 0.2, 0.9, 0.2, null, 0.1]);
    const lowest = focusPods(rows, "balance", "lowest", "balance", [], 3);
    expect([...lowest.ids!].sort()).toEqual(["pod-01", "pod-03", "pod-05"]);
    expect(lowest.note).toBe("the 3 pods with the lowest balance, of 6");
    // pod-02 must be drawn (it drifted): it takes one of the three places
    const named = focusPods(rows, "balance", "lowest", "balance", ["pod-02"], 3);
    expect([...named.ids!].sort()).toEqual(["pod-01", "pod-02", "pod-05"]);
    const highest = focusPods(rows, "balance", "highest", "balance", [], 2);
    expect([...highest.ids!].sort()).toEqual(["pod-00", "pod-02"]);
    // rows naming pods in other columns (flows between pods)
    expect(lowest.has({ giver_pod_id: "pod-05", recipient_pod_id: "pod-00" }, "giver_pod_id")).toBe(true);
    expect(lowest.has({ giver_pod_id: "pod-05", recipient_pod_id: "pod-00" }, "recipient_pod_id")).toBe(false);
  });
});

describe("render shards", () => {
  it("deals a kind of page out in turn: every page once, in one shard only", () => {
    const paths = Array.from({ length: 10 }, (_, i) => i);
    expect(inShard(paths, undefined)).toEqual(paths);
    const shards = [0, 1, 2].map((k) => inShard(paths, `${k}/3`));
    expect(shards).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    expect(() => inShard(paths, "3/3")).toThrow("invalid PODIUM_RENDER_SHARD: 3/3");
  });

  it("renders a site of a few hundred pages in one process and a large one on every core, at most 4", () => {
    const saved = process.env.PODIUM_RENDER_SHARDS;
    delete process.env.PODIUM_RENDER_SHARDS;
    try {
      expect(shardCount(60, 2)).toBe(1); // the tiny fixture
      expect(shardCount(437, 2)).toBe(1); // the sample company
      expect(shardCount(3_000, 2)).toBe(2);
      expect(shardCount(10_700, 2)).toBe(2);
      expect(shardCount(10_700, 16)).toBe(4);
      process.env.PODIUM_RENDER_SHARDS = "3";
      expect(shardCount(60, 2)).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.PODIUM_RENDER_SHARDS;
      else process.env.PODIUM_RENDER_SHARDS = saved;
    }
  });
});

describe("the output check on several threads", () => {
  it("finds what one thread finds, in the order of the files: origins, broken links, missing pages, private values", async () => {
    const dir = await mkdtemp(join(tmpdir(), "podium-check-"));
    try {
      // enough pages for two threads, in 3 folders, linking to each other; three of them are wrong
      const perFolder = Math.ceil((2 * FILES_PER_THREAD) / 3);
      for (const folder of ["a", "b", "c"]) {
        await mkdir(join(dir, folder), { recursive: true });
        await Promise.all(
          Array.from({ length: perFolder }, (_, i) =>
            writeFile(join(dir, folder, `${String(i).padStart(4, "0")}.html`), `<a href="/${folder}/${String((i + 1) % perFolder).padStart(4, "0")}.html">next</a><p>page ${i}</p>`),
          ),
        );
      }
      await writeFile(join(dir, "b", "0007.html"), `<a href="/b/nowhere.html">x</a><img src="https://cdn.example/x.png">`);
      await writeFile(join(dir, "c", "0150.html"), `<p>write to ada@example.com</p><a href="/c/0151.html">next</a>`);
      await writeFile(join(dir, "a", "0020.html"), `<p>P-1001 shipped it</p><a href="/a/0021.html">next</a>`);
      const values = privateValues([{ person_id: "P-1001", email: "ada@example.com", name: "Ada Park" }]);

      const result = await checkSite(dir, ["a/0000.html", "d/index.html"], "/", () => undefined, values);
      expect(result.pages).toBe(3 * perFolder);
      expect(result.failures).toEqual([
        "b/0007.html: refers to another origin (src=\"https://)",
        "b/0007.html: links to /b/nowhere.html, which is not in the site",
        "d/index.html: missing",
      ]);
      expect(result.leaks).toEqual([
        { file: "a/0020.html", value: "P-1001", kind: "token" },
        { file: "c/0150.html", value: "ada@example.com", kind: "substring" },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

