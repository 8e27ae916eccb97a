/** The environment variable that tells the site where the page data file is. */
export const SITE_DATA_ENV = "PODIUM_SITE_DATA";

/**
 * In a render process the build starts before the page data exists (src/pipeline/render/shard-child.ts), a promise
 * under this global key resolves once the build has written the data and said where it is; the site's data module
 * waits for it.
 */
export const RENDER_GO = Symbol.for("podium.render-go");

/** What the build sends a render process once the page data is written. */
export interface RenderGo {
  type: "render";
  siteDataPath: string;
  /** "k/n": render shard k of n (src/site/shard.ts); absent: every page. */
  shard?: string;
  /** Where the rendered pages go. */
  outDir: string;
}
