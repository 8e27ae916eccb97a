// A render shard's process (see shards.ts): renders the pages of its shard (PODIUM_RENDER_SHARD) with Astro.
import { renderInProcess, type RenderOptions } from "./astro.ts";

const orphaned = () => process.exit(1); // the build that started this shard is gone: stop
process.on("disconnect", orphaned);
const options = JSON.parse(process.argv[2]!) as RenderOptions;
try {
  await renderInProcess(options);
  process.off("disconnect", orphaned);
  process.exit(0);
} catch (error) {
  console.error((error as Error).stack ?? String(error));
  process.exit(1);
}
