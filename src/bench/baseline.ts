// The benchmark's baseline: DuckDB alone on the same files. Its own read_csv/read_json straight into the raw_* tables
// the staging models read (text columns plus _line, as the loader makes them), then the model SQL, nothing else: no
// JavaScript parsing, no validation, no reference checks, no page data. Run as a child process:
//   node src/bench/baseline.ts DATA_DIR DB_FILE   → prints one JSON line {ingestSeconds, modelSeconds, rows}
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { z } from "zod";
import { INPUTS } from "../pipeline/inputs.ts";
import { BUILD_MEMORY_LIMIT, openDatabase, type Database } from "../pipeline/load/database.ts";
import { loadConfig } from "../pipeline/load/config.ts";
import { readConfig } from "../pipeline/read/config.ts";
import { createMacros, loadModels, runModels } from "../pipeline/model/run.ts";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

export interface BaselineResult {
  ingestSeconds: number;
  modelSeconds: number;
  rows: number;
  maxRssBytes: number;
}

export async function runBaseline(dataDir: string, dbFile: string): Promise<BaselineResult> {
  // the same kind of database as the build's: the same memory limit, spilling to a folder of its own
  const spillDir = await mkdtemp(join(tmpdir(), "podium-baseline-spill-"));
  const db = await openDatabase(dbFile, { memoryLimit: BUILD_MEMORY_LIMIT, spillDir });
  try {
    const { config } = await readConfig(dataDir, dataDir);
    if (!config) throw new Error("baseline: podium.config.json is not valid");
    const models = await loadModels();
    const t0 = performance.now();
    await db.run(
      "create or replace table sources (entity varchar, file varchar, format varchar, is_present boolean, count_read integer, count_loaded integer)",
    );
    // the files side by side on the database's lanes, as the build validates them
    const counts = await db.parallel(INPUTS.map((spec) => async (db: Database) => {
      const path = join(dataDir, spec.file);
      const present = await stat(path).then(() => true, () => false);
      const fields = Object.keys((spec.schema as unknown as z.ZodObject).shape).filter((f) => f !== "contributors");
      const table = quote(`raw_${spec.entity}`);
      const staged = quote(`raw_${spec.entity}_json`);
      const cols = fields.map((f) => `${quote(f)}::varchar as ${quote(f)}`).join(", ");
      if (!present) {
        await db.run(`create or replace table ${table} (${fields.map((f) => `${quote(f)} varchar`).join(", ")}, _line integer)`);
      } else if (spec.format === "csv") {
        await db.run(`create or replace table ${table} as
          select ${fields.map((f) => quote(f)).join(", ")}, (row_number() over () + 1)::integer as _line
          from read_csv(${literal(path)}, header = true, all_varchar = true)`);
      } else {
        const columns = `{${[...fields, ...(spec.entity === "build" ? ["contributors"] : [])]
          .map((f) => `${literal(f)}: ${f === "contributors" ? "'JSON'" : "'VARCHAR'"}`)
          .join(", ")}}`;
        const format = spec.format === "jsonl" ? "newline_delimited" : "array";
        await db.run(`create or replace table ${staged} as
          select *, (row_number() over ())::integer as _line
          from read_json(${literal(path)}, format = ${literal(format)}, columns = ${columns})`);
        await db.run(`create or replace table ${table} as select ${cols}, _line from ${staged}`);
        if (spec.entity === "build") {
          await db.run(`create or replace table raw_build_contributors as
            with c as (select id, _line, unnest(from_json(contributors, '["JSON"]')) as c, generate_subscripts(from_json(contributors, '["JSON"]'), 1) as _position from ${staged})
            select id as build_id,
                   case when json_type(c) = 'VARCHAR' then c ->> '$' else c ->> 'person_id' end as person_id,
                   c ->> 'share' as share, _line, _position::integer as _position
            from c`);
        }
        await db.run(`drop table ${staged}`);
      }
      const [count] = await db.query<{ n: number }>(`select count(*)::integer as n from ${table}`);
      return { present, n: count!.n };
    }));
    for (const [i, spec] of INPUTS.entries()) {
      const { present, n } = counts[i]!;
      await db.run("insert into sources values ($1, $2, $3, $4, $5, $6)", [spec.entity, spec.file, spec.format, present, n, n]);
    }
    const rows = counts.reduce((sum, c) => sum + c.n, 0);
    await loadConfig(db, config);
    await createMacros(db);
    const t1 = performance.now();
    await runModels(db, models, ["staging", "intermediate", "marts"]);
    const t2 = performance.now();
    return { ingestSeconds: (t1 - t0) / 1000, modelSeconds: (t2 - t1) / 1000, rows, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  } finally {
    db.close();
    await rm(spillDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const [dataDir, dbFile] = process.argv.slice(2);
  const result = await runBaseline(dataDir!, dbFile ?? ":memory:");
  console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
}
