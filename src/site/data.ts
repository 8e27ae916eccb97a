// The page data, loaded once per build at module level: written by the pipeline's pagedata stage.
import { readFileSync } from "node:fs";
import type { SiteData } from "./types.ts";
import { RENDER_GO, SITE_DATA_ENV } from "./env.ts";

// A render process started early (while the build still reads and models the inputs) gets here once Astro has bundled
// the site, and waits for the build to say where the page data is.
await (globalThis as Record<symbol, Promise<unknown> | undefined>)[RENDER_GO];

export const site: SiteData = JSON.parse(readFileSync(process.env[SITE_DATA_ENV] ?? ".podium/cache/site-data.json", "utf8"));
