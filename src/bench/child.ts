// One build, as a child process of the benchmark, so its peak memory is its own:
//   node src/bench/child.ts --data DIR --out DIR --cache DIR [--force] [--base /path/]
// prints the progress lines, then one line `BENCH-RESULT {...}` with the stage timings, pages, bytes and peak RSS.
import { enableCompileCache } from "node:module";
import { parseArgs } from "node:util";
import type { StageTiming } from "../pipeline/build.ts";
import { COMPILE_CACHE } from "../pipeline/cache/hash.ts";

export interface ChildResult {
  stages: StageTiming[];
  pages: number;
  bytes: number;
  cached: boolean;
  totalSeconds: number;
  maxRssBytes: number;
}

if (import.meta.main) {
  enableCompileCache(COMPILE_CACHE); // as scripts/build.ts does
  const { build } = await import("../pipeline/build.ts");
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      out: { type: "string" },
      cache: { type: "string" },
      force: { type: "boolean", default: false },
      base: { type: "string", default: "/" },
    },
  });
  const started = performance.now();
  const result = await build(
    { dataDir: values.data!, outDir: values.out!, cacheDir: values.cache!, force: values.force, base: values.base },
    { log: (line) => console.log(line) },
  );
  const out: ChildResult = {
    stages: result.stages,
    pages: result.pages,
    bytes: result.bytes,
    cached: result.cached,
    totalSeconds: (performance.now() - started) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  console.log(`BENCH-RESULT ${JSON.stringify(out)}`);
}
