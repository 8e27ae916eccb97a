// Renders the static site with Astro, from the page data file the model stage wrote.
import { cp, mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isRunning } from "../publish/atomic.ts";

export const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Runs Astro's build and returns the folder it wrote. Astro bundles the pages into a temporary server build that must
 * sit under the project (to resolve node_modules): inside the output folder when that folder is under the working
 * directory, else in a shared `<cwd>/.astro/`, where two builds at once would overwrite each other's files. So each
 * render process writes into its own folder under the project's cache; the caller moves it (`moveInto`).
 *
 * The pages find the page data through the environment (src/site/data.ts), set by the caller before or, for a process
 * started early, while Astro bundles.
 */
export async function renderAstro(base: string): Promise<string> {
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  // An inherited BASE_URL (vitest sets one) would override the base given here.
  delete process.env.BASE_URL;
  const { build } = await import("astro");
  const cache = join(PROJECT_ROOT, ".podium");
  const work = join(cache, `render-${process.pid}`);
  await mkdir(cache, { recursive: true });
  // folders left by killed builds
  for (const name of await readdir(cache)) {
    const pid = /^render-(\d+)$/.exec(name)?.[1];
    if (pid && (Number(pid) === process.pid || !isRunning(Number(pid)))) await rm(join(cache, name), { recursive: true, force: true });
  }
  const cwd = process.cwd();
  process.chdir(PROJECT_ROOT);
  try {
    await build({
      root: PROJECT_ROOT,
      outDir: work,
      base,
      logLevel: (process.env.PODIUM_ASTRO_LOG as "info") ?? "error",
      vite: { logLevel: "error", cacheDir: join(PROJECT_ROOT, ".podium", "vite") },
    });
  } finally {
    process.chdir(cwd);
  }
  return work;
}

/** Replaces `outDir` with the folder `work`. */
export async function moveInto(work: string, outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  try {
    await rename(work, outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await cp(work, outDir, { recursive: true });
    await rm(work, { recursive: true, force: true });
  }
}
