// Podium's ingest and models alone: read → validate → load → model exactly as the build runs them (prepare), in the
// same kind of database, but with no render process beside them. The baseline (baseline.ts) also runs alone, so this is
// the figure the benchmark divides by it. In a cold build the sample's render process imports Astro and bundles the site
// on the second core meanwhile (its longest path), which the build's own stage lines include. Run as a child process:
//   node src/bench/ingest.ts DATA_DIR   → prints one line `BENCH-RESULT {stages, ingestSeconds, maxRssBytes}`
import { mkdtemp, rm } from "node:fs/promises";
import { enableCompileCache } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StageTiming } from "../pipeline/build.ts";
import { COMPILE_CACHE } from "../pipeline/cache/hash.ts";

export interface IngestResult {
  /** read, validate, load and model, as the build reports them. */
  stages: StageTiming[];
  /** Their sum. */
  ingestSeconds: number;
  maxRssBytes: number;
}

/** The stages the ratio to the baseline covers. */
export const INGEST_STAGES = ["read", "validate", "load", "model"] as const;

if (import.meta.main) {
  enableCompileCache(COMPILE_CACHE); // as scripts/build.ts does
  const { prepare } = await import("../pipeline/build.ts");
  const { BUILD_MEMORY_LIMIT, openDatabase } = await import("../pipeline/load/database.ts");
  const dataDir = process.argv[2]!;
  const stages: StageTiming[] = [];
  const spillDir = await mkdtemp(join(tmpdir(), "podium-ingest-spill-"));
  const db = await openDatabase(":memory:", { memoryLimit: BUILD_MEMORY_LIMIT, spillDir }); // as the build's
  try {
    await prepare(dataDir, db, { log: (line) => console.log(line), timing: (t) => stages.push(t) });
  } finally {
    db.close();
    await rm(spillDir, { recursive: true, force: true });
  }
  const ingest = stages.filter((t) => (INGEST_STAGES as readonly string[]).includes(t.stage));
  const result: IngestResult = {
    stages: ingest,
    ingestSeconds: ingest.reduce((n, t) => n + t.seconds, 0),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
}
