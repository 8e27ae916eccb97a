// The page data, loaded once per build at module level: written by the pipeline's pagedata stage.
import { readFileSync } from "node:fs";
import type { SiteData } from "./types.ts";
import { SITE_DATA_ENV } from "./env.ts";

const path = process.env[SITE_DATA_ENV] ?? ".podium/cache/site-data.json";

export const site: SiteData = JSON.parse(readFileSync(path, "utf8"));
