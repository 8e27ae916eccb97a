// Same input, same output; and a build killed mid-render leaves the published site byte for byte as it was.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, ROOT, snapshot } from "./helpers.ts";
import { isRunning, processState } from "../src/pipeline/publish/atomic.ts";

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-publish-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs the build CLI from `cwd`; `onOutput` may kill it. */
function build(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  onOutput?: (stdout: string, kill: () => void, pid: number) => void,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/build.ts", ...args], { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
      onOutput?.(stdout, () => child.kill("SIGKILL"), child.pid!);
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}


describe("identical rebuilds", () => {
  it("gives byte-identical output in another time zone, locale, checkout path, working directory and number of render processes", async () => {
    // A second checkout of the project at another path (node_modules shared), built under other settings.
    const other = join(work, "elsewhere", "podium-checkout");
    await mkdir(other, { recursive: true });
    for (const entry of ["src", "scripts", "public", "astro.config.mjs", "package.json", "tsconfig.json"]) await cp(join(ROOT, entry), join(other, entry), { recursive: true });
    await symlink(join(ROOT, "node_modules"), join(other, "node_modules"));
    // the sample company: large enough that DuckDB would aggregate in parallel if it were allowed to
    const data = join(work, "data");
    await cp(join(ROOT, "data"), data, { recursive: true });

    // …and rendered in one process, then in three (the shards' pages merged): the same files either way
    const a = await build(ROOT, ["--data", data, "--out", join(work, "a"), "--cache", join(work, "cache-a")], { TZ: "UTC", LANG: "C.UTF-8", LC_ALL: "C.UTF-8", PODIUM_RENDER_SHARDS: "1" });
    const b = await build(other, ["--data", data, "--out", join(work, "b"), "--cache", join(work, "cache-b")], {
      PODIUM_RENDER_SHARDS: "3",
      TZ: "Pacific/Kiritimati",
      LANG: "de_DE.UTF-8",
      LC_ALL: "de_DE.UTF-8",
    });
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const [left, right] = [await snapshot(join(work, "a")), await snapshot(join(work, "b"))];
    expect(Object.keys(right).sort()).toEqual(Object.keys(left).sort());
    const differing = Object.keys(left).filter((f) => left[f] !== right[f]);
    expect(differing).toEqual([]);
  }, 240_000);
});

describe("atomic publish", () => {
  it("leaves the previous site untouched when the build is killed mid-render, and the next build recovers", async () => {
    const out = join(work, "published");
    const data = `${FIXTURES}tiny`;
    const first = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-k")]);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(out);

    // The "pagedata" line is printed when rendering starts: kill the build once Astro (in the render process the build
    // started, which writes into its own .podium/render-<pid>) is writing its pages.
    let timer: NodeJS.Timeout | undefined;
    let renderDir = "";
    const renderDirs = async () => (await readdir(join(ROOT, ".podium"))).filter((f) => f.startsWith("render-"));
    const earlier = new Set(await renderDirs());
    const killed = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-k"), "--force"], {}, (stdout, kill) => {
      if (timer || !/^pagedata /m.test(stdout)) return;
      timer = setInterval(async () => {
        for (const dir of await renderDirs()) {
          if (earlier.has(dir) || (await readdir(join(ROOT, ".podium", dir, "people")).catch(() => [])).length === 0) continue;
          renderDir = dir;
          clearInterval(timer);
          kill();
        }
      }, 20);
    });
    clearInterval(timer);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stdout).not.toMatch(/^publish /m);
    expect(await snapshot(out)).toEqual(before);
    // the killed build's half-rendered pages are still there…
    expect((await readdir(join(ROOT, ".podium"))).includes(renderDir)).toBe(true);

    // …and the next build clears them and publishes.
    const next = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-k"), "--force"]);
    expect(next.code, next.stderr).toBe(0);
    expect((await readdir(join(ROOT, ".podium"))).includes(renderDir)).toBe(false);
    expect((await readdir(work)).filter((f) => f.startsWith(".published."))).toEqual([]);
  }, 240_000);

  it("stops the render processes of a killed build, and leaves the previous site untouched", async () => {
    const out = join(work, "published-shards");
    const data = `${FIXTURES}tiny`;
    const first = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-s")]);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(out);
    const renderDirs = async () => new Set((await readdir(join(ROOT, ".podium"))).filter((f) => f.startsWith("render-")));
    const existing = await renderDirs();

    // two render processes; kill the build once one of them is writing pages
    let timer: NodeJS.Timeout | undefined;
    const killed = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-s"), "--force"], { PODIUM_RENDER_SHARDS: "2" }, (stdout, kill) => {
      if (timer || !/^pagedata /m.test(stdout)) return;
      timer = setInterval(async () => {
        for (const dir of await renderDirs()) {
          if (existing.has(dir)) continue;
          if ((await readdir(join(ROOT, ".podium", dir)).catch(() => [])).length > 0) {
            clearInterval(timer);
            kill();
            return;
          }
        }
      }, 20);
    });
    clearInterval(timer);
    expect(killed.signal).toBe("SIGKILL");
    expect(await snapshot(out)).toEqual(before);
    // the shards notice their build is gone and stop
    const shards = [...(await renderDirs())].filter((d) => !existing.has(d)).map((d) => Number(d.slice("render-".length)));
    expect(shards.length).toBeGreaterThan(0);
    const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    for (let i = 0; i < 100 && shards.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(shards.filter(alive)).toEqual([]);

    const next = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-s"), "--force"], { PODIUM_RENDER_SHARDS: "2" });
    expect(next.code, next.stderr).toBe(0);
    expect([...(await renderDirs())].filter((d) => !existing.has(d))).toEqual([]);
  }, 240_000);

  it("stops the render processes it started early when the inputs turn out invalid", async () => {
    const out = join(work, "published-invalid");
    const data = join(work, "invalid");
    await cp(`${FIXTURES}tiny`, data, { recursive: true });
    const deals = join(data, "deals.csv");
    const lines = (await readFile(deals, "utf8")).split("\n");
    lines[2] = lines[2]!.replace(/,\d+(\.\d+)?,/, ",lots,"); // an amount that is not a number
    await writeFile(deals, lines.join("\n"));

    // the build's children, seen while it runs (the render processes start once the inputs are read)
    const children = new Set<number>();
    const childrenOf = async (pid: number) => {
      const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
      const lists = await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, "utf8").catch(() => "")));
      return lists.join(" ").split(/\s+/).filter(Boolean).map(Number);
    };
    let timer: NodeJS.Timeout | undefined;
    const failed = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-i")], {}, (_stdout, _kill, pid) => {
      timer ??= setInterval(async () => (await childrenOf(pid)).forEach((c) => children.add(c)), 10);
    });
    clearInterval(timer);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/deals\.csv:3:\d+/);
    expect(children.size).toBeGreaterThan(0);
    const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    for (let i = 0; i < 100 && [...children].some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect([...children].filter(alive)).toEqual([]);
  }, 120_000);

  it("takes a zombie for a dead process (a killed build's render process may stay one until the machine reaps it)", async () => {
    // `sleep 0` ends at once; its parent (the shell, now `sleep 2`) never reaps it, so it stays a zombie meanwhile
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 2"]);
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once("data", (d: Buffer) => resolve(d.toString()))));
    for (let i = 0; i < 50 && processState(zombie) !== "Z"; i++) await new Promise((r) => setTimeout(r, 20));
    expect(processState(zombie)).toBe("Z");
    expect(isRunning(zombie)).toBe(false);
    expect(isRunning(parent.pid!)).toBe(true);
    parent.kill();
  });
});
