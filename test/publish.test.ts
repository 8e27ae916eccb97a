// Same input, same output; and a build killed mid-render leaves the published site byte for byte as it was.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "./helpers.ts";

const ROOT = new URL("../", import.meta.url).pathname;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-publish-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs the build CLI from `cwd`; `onOutput` may kill it. */
function build(cwd: string, args: string[], env: Record<string, string> = {}, onOutput?: (stdout: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/build.ts", ...args], { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
      onOutput?.(stdout, () => child.kill("SIGKILL"));
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length)] = (await readFile(join(entry.parentPath, entry.name))).toString("base64");
  }
  return files;
}

describe("identical rebuilds", () => {
  it("gives byte-identical output in another time zone, locale, checkout path and working directory", async () => {
    // A second checkout of the project at another path (node_modules shared), built under other settings.
    const other = join(work, "elsewhere", "podium-checkout");
    await mkdir(other, { recursive: true });
    for (const entry of ["src", "scripts", "public", "astro.config.mjs", "package.json", "tsconfig.json"]) await cp(join(ROOT, entry), join(other, entry), { recursive: true });
    await symlink(join(ROOT, "node_modules"), join(other, "node_modules"));
    const data = join(work, "data");
    await cp(`${FIXTURES}tiny`, data, { recursive: true });

    const a = await build(ROOT, ["--data", data, "--out", join(work, "a"), "--cache", join(work, "cache-a")], { TZ: "UTC", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" });
    const b = await build(other, ["--data", data, "--out", join(work, "b"), "--cache", join(work, "cache-b")], {
      TZ: "Pacific/Kiritimati",
      LANG: "de_DE.UTF-8",
      LC_ALL: "de_DE.UTF-8",
    });
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const [left, right] = [await snapshot(join(work, "a")), await snapshot(join(work, "b"))];
    expect(Object.keys(right).sort()).toEqual(Object.keys(left).sort());
    const differing = Object.keys(left).filter((f) => left[f] !== right[f]);
    expect(differing).toEqual([]);
  });
});

describe("atomic publish", () => {
  it("leaves the previous site untouched when the build is killed mid-render, and the next build recovers", async () => {
    const out = join(work, "published");
    const data = `${FIXTURES}tiny`;
    const first = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-k")]);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(out);

    // The "model" line is printed when rendering starts: kill the build once its new site is being written.
    let timer: NodeJS.Timeout | undefined;
    const killed = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-k")], {}, (stdout, kill) => {
      if (timer || !/^model /m.test(stdout)) return;
      timer = setInterval(async () => {
        if ((await readdir(work)).some((f) => f.startsWith(".published.next-"))) {
          clearInterval(timer);
          kill();
        }
      }, 50);
    });
    clearInterval(timer);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stdout).not.toMatch(/^publish /m);
    expect(await snapshot(out)).toEqual(before);
    // the killed build's staging folder is still there…
    expect((await readdir(work)).some((f) => f.startsWith(".published.next-"))).toBe(true);

    // …and the next build clears it and publishes.
    const next = await build(ROOT, ["--data", data, "--out", out, "--cache", join(work, "cache-k")]);
    expect(next.code, next.stderr).toBe(0);
    expect((await readdir(work)).filter((f) => f.startsWith(".published."))).toEqual([]);
  });
});
