// Renders the static site with Astro into `outDir`, from the page data file the previous stage wrote.
import { fileURLToPath } from "node:url";
import { SITE_DATA_ENV } from "../../site/env.ts";

export const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export async function renderSite(options: { siteDataPath: string; outDir: string; base: string }): Promise<void> {
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  process.env[SITE_DATA_ENV] = options.siteDataPath;
  const { build } = await import("astro");
  await build({
    root: PROJECT_ROOT,
    outDir: options.outDir,
    base: options.base,
    logLevel: "error",
    vite: { logLevel: "error", cacheDir: `${PROJECT_ROOT}.podium/vite` },
  });
}
