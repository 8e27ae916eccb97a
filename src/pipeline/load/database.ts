// The one DuckDB instance of a build: a database file in the cache folder, opened fresh for each build.
import { mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";

export interface Database {
  connection: DuckDBConnection;
  /** Rows of a query as plain JSON-safe objects (BIGINT, DATE, DECIMAL become numbers and strings). */
  query<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]>;
  run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<void>;
  close(): void;
}

/** Opens a new database at `path` (replacing any previous file) or in memory when `path` is ":memory:". */
export async function openDatabase(path: string): Promise<Database> {
  if (path !== ":memory:") {
    await mkdir(dirname(path), { recursive: true });
    await rm(path, { force: true });
    await rm(`${path}.wal`, { force: true });
  }
  const instance = await DuckDBInstance.create(path, {
    // Nothing may be fetched at build time: only the extensions bundled with the client.
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "true",
    // One thread. A parallel sum of doubles adds in a varying order, and its last digits then differ from build to
    // build (2024-11's ΣS did, in the 16th digit). The models sum doubles with exact_sum (macros.sql), which does not
    // depend on the order, and two threads gave byte-identical model tables and sites; at 10,000 people they saved
    // ~10% of read → model (2–3 s) on an idle 2-core machine, for ~45% more CPU, and lost when anything else ran.
    // Any plain sum of doubles in a query (the page data has one) would make two threads nondeterministic again.
    threads: "1",
  });
  const connection = await instance.connect();
  // Same input, same output: nothing may depend on the machine's time zone.
  await connection.run("set TimeZone = 'UTC'");
  return {
    connection,
    async query<T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as T[];
    },
    async run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
      await connection.run(sql, params);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
