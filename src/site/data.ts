// The page data, loaded once per build at module level: written by the pipeline's model stage (V8's serialization of
// the SiteData object; a .json file is read as JSON).
import { readFileSync } from "node:fs";
import { deserialize } from "node:v8";
import type { SiteData } from "./types.ts";
import { RENDER_GO, SITE_DATA_ENV } from "./env.ts";

// A render process started early (while the build still reads and models the inputs) gets here once Astro has bundled
// the site, and waits for the build to say where the page data is.
await (globalThis as Record<symbol, Promise<unknown> | undefined>)[RENDER_GO];

const path = process.env[SITE_DATA_ENV] ?? ".podium/cache/site-data.v8";

export const site: SiteData = path.endsWith(".json") ? JSON.parse(readFileSync(path, "utf8")) : deserialize(readFileSync(path));
