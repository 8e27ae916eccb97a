// Renders the static site with Astro into `outDir`, from the page data file the previous stage wrote.
import { cp, mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SITE_DATA_ENV } from "../../site/env.ts";
import { isRunning } from "../publish/atomic.ts";

export interface RenderOptions {
  siteDataPath: string;
  outDir: string;
  base: string;
}

export const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Astro bundles the pages into a temporary server build that must sit under the project (to resolve node_modules):
 * inside the output folder when that folder is under the working directory, else in a shared `<cwd>/.astro/`, where
 * two builds at once would overwrite each other's files. So each build renders into its own folder under the
 * project's cache and then moves the result to `outDir`.
 */
export async function renderInProcess(options: RenderOptions): Promise<void> {
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  process.env[SITE_DATA_ENV] = options.siteDataPath;
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
      base: options.base,
      logLevel: (process.env.PODIUM_ASTRO_LOG as "info") ?? "error",
      vite: { logLevel: "error", cacheDir: join(PROJECT_ROOT, ".podium", "vite") },
    });
  } finally {
    process.chdir(cwd);
  }
  await rm(options.outDir, { recursive: true, force: true });
  try {
    await rename(work, options.outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await cp(work, options.outDir, { recursive: true });
    await rm(work, { recursive: true, force: true });
  }
}
