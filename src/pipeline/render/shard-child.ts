// A render process (see shards.ts). Started before the page data exists, it bundles the site with Astro while the
// build reads and models the inputs; the pages wait (src/site/data.ts) for the build's message, which says where the
// page data is, which shard of the pages to render and where to put them.
import { RENDER_GO, SITE_DATA_ENV, type RenderGo } from "../../site/env.ts";
import { SHARD_ENV } from "../../site/shard.ts";
import { moveInto, renderAstro } from "./astro.ts";
import { writeSynchronously } from "./sync-writes.ts";

writeSynchronously(); // Astro's page writes, without a thread-pool round trip each (see sync-writes.ts)

const orphaned = () => process.exit(1); // the build that started this process is gone: stop
process.on("disconnect", orphaned);

let resolveGo!: (go: RenderGo) => void;
const go = new Promise<RenderGo>((resolve) => (resolveGo = resolve));
process.on("message", (message: RenderGo) => {
  if (message?.type !== "render") return;
  process.env[SITE_DATA_ENV] = message.siteDataPath;
  if (message.shard) process.env[SHARD_ENV] = message.shard;
  else delete process.env[SHARD_ENV];
  resolveGo(message);
});
// src/site/data.ts awaits this (the pages are imported by Astro in this process, after bundling)
(globalThis as Record<symbol, unknown>)[RENDER_GO] = go;

try {
  const work = await renderAstro(process.argv[2] ?? "/");
  await moveInto(work, (await go).outDir);
  process.off("disconnect", orphaned);
  process.exit(0);
} catch (error) {
  console.error((error as Error).stack ?? String(error));
  process.exit(1);
}
