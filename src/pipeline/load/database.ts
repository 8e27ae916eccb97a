// The one DuckDB instance of a build (in memory, or a file for whoever wants to keep it), opened fresh for each build,
// and its connections: queries on one connection run one after another, each on one thread (see `threads` below);
// `parallel` runs independent work on several connections side by side, so a 2-core machine uses both cores.
import { mkdir, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { DuckDBConnection, DuckDBInstance, type DuckDBResultReader, type DuckDBValue, type Json } from "@duckdb/node-api";

export interface Database {
  connection: DuckDBConnection;
  /** Rows of a query as plain JSON-safe objects (BIGINT, DATE, DECIMAL become numbers and strings). */
  query<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]>;
  run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<void>;
  /**
   * Runs `tasks`, up to `lanes` at a time, each on one connection from start to end (its temp tables are its own);
   * results in the tasks' order. After a task fails no other one starts, and the first failure is thrown once the
   * running ones have ended. Each query still runs on one thread: a result does not depend on what runs beside it.
   */
  parallel<T>(tasks: readonly ((lane: Database) => Promise<T>)[]): Promise<T[]>;
  /** How many connections `parallel` uses: one per core, at most MAX_LANES. */
  lanes: number;
  close(): void;
}

/** Connections working side by side at most: the machines this runs on have 2 cores; more lanes, more memory. */
export const MAX_LANES = 4;

export interface DatabaseOptions {
  /**
   * What DuckDB's buffer manager may hold in memory (`memory_limit`, e.g. "1.5GB"); past it, table blocks and the
   * intermediates of joins, sorts and aggregates go to files in `spillDir`. Default: DuckDB's, 80% of the RAM.
   */
  memoryLimit?: string;
  /** The folder those files go to (`temp_directory`); the caller removes it after close. */
  spillDir?: string;
}

/**
 * The build's limit. At 10,000 people and 5.3 M input rows, read → page data peaked at 3.6 GB without a limit and
 * 2.5 GB with this one, for 1–4 s more (of ~51 s; alternating runs): the database is most of that memory while the
 * page data is made, and the render processes start then (the whole build peaked at 4.6–5.0 GB, 3.8 GB with it).
 * A query needs memory of its own beside the tables (the sample's 37 MB of tables failed under 80 MB), so the limit
 * stays well above what one query of the models holds.
 */
export const BUILD_MEMORY_LIMIT = "1.5GB";

/**
 * With PODIUM_TRACE=1 in the environment, every query's time goes to stderr (its start since the database opened, its
 * run, its rows' conversion to objects, its first line): what a profile of the main thread cannot show, since DuckDB
 * runs them on threads of its own.
 */
const trace = process.env.PODIUM_TRACE
  ? (sql: string, started: number, ran: number, rows?: number) => {
      const now = performance.now();
      const head = sql.trim().replace(/\s+/g, " ").slice(0, 100);
      const convert = rows === undefined ? "" : ` + ${((now - ran) / 1000).toFixed(2)} s for ${rows} rows`;
      process.stderr.write(`trace ${(started / 1000).toFixed(2).padStart(7)} ${((ran - started) / 1000).toFixed(2).padStart(6)} s${convert}  ${head}\n`);
    }
  : undefined;

/** Opens a new database at `path` (replacing any previous file) or in memory when `path` is ":memory:". */
export async function openDatabase(path: string, options: DatabaseOptions = {}): Promise<Database> {
  if (path !== ":memory:") {
    await mkdir(dirname(path), { recursive: true });
    await rm(path, { force: true });
    await rm(`${path}.wal`, { force: true });
  }
  const instance = await DuckDBInstance.create(path, {
    // Nothing may be fetched at build time: only the extensions bundled with the client.
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "true",
    // One thread per query; independent queries run side by side on connections of their own (`parallel`). Within a
    // query, a parallel sum of doubles adds in a varying order, and its last digits then differ from build to build
    // (2024-11's ΣS did, in the 16th digit). The models and the page data sum doubles with exact_sum (macros.sql),
    // which does not depend on the order, yet two threads per query saved only ~10% of read → model at 10,000 people
    // for ~45% more CPU: queries side by side keep both cores busier (each runs as before, so results are the same).
    threads: "1",
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    ...(options.spillDir ? { temp_directory: options.spillDir } : {}),
  });
  const lanes = Math.max(1, Math.min(MAX_LANES, availableParallelism()));
  const connect = async () => {
    const connection = await instance.connect();
    // Same input, same output: nothing may depend on the machine's time zone.
    await connection.run("set TimeZone = 'UTC'");
    return connection;
  };
  // A lane: one connection. The database openDatabase returns fans `parallel` out over the lanes; the lane a task is
  // given runs a `parallel` of its own one task after another, on itself.
  const lane = (connection: DuckDBConnection, fanOut: boolean): Database => {
    const db: Database = {
      connection,
      lanes: fanOut ? lanes : 1,
      async query<T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
        const started = performance.now();
        const reader = await connection.runAndReadAll(sql, params);
        const ran = performance.now();
        const rows = rowObjectsJson(reader) as T[];
        trace?.(sql, started, ran, rows.length);
        return rows;
      },
      async run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
        const started = performance.now();
        await connection.run(sql, params);
        trace?.(sql, started, performance.now());
      },
      parallel: (tasks) => (fanOut ? parallel(tasks) : runOn([db], tasks)),
      close,
    };
    return db;
  };
  const main = lane(await connect(), true);
  // the tasks' lanes: the main connection, then one more connection per core, each made when first needed
  const pool = [lane(main.connection, false)];

  async function parallel<T>(tasks: readonly ((lane: Database) => Promise<T>)[]): Promise<T[]> {
    const width = Math.max(1, Math.min(lanes, tasks.length));
    while (pool.length < width) pool.push(lane(await connect(), false));
    return runOn(pool.slice(0, width), tasks);
  }

  function close(): void {
    for (const { connection } of pool.slice(1)) connection.closeSync();
    main.connection.closeSync();
    instance.closeSync();
  }
  return main;
}

/**
 * A result's rows as objects, exactly as the reader's getRowObjectsJson makes them (the same JSON converter, the same
 * deduplicated column names, in column order), but converted a column at a time: getRowObjectsJson calls back for
 * every value of every row, and took ~3x as long (285,540 rows of 8 columns: 1.5 s → 0.45 s, all on the main thread,
 * where the other lanes wait for it to hand out their next query).
 */
export function rowObjectsJson(reader: DuckDBResultReader): Record<string, Json>[] {
  const names = reader.deduplicatedColumnNames();
  const columns = reader.getColumnsJson();
  const count = reader.currentRowCount;
  const rows: Record<string, Json>[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const row: Record<string, Json> = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = columns[c]![i]!;
    rows[i] = row;
  }
  return rows;
}

/** Runs `tasks` on `pool`, each lane taking the next task when it is free (see Database.parallel). */
async function runOn<T>(pool: readonly Database[], tasks: readonly ((lane: Database) => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    pool.map(async (lane) => {
      while (!failure && next < tasks.length) {
        const i = next++;
        try {
          results[i] = await tasks[i]!(lane);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
  return results;
}

/** A query asked for now and run later, with others, by `Batch.run`. */
export type Query = <T = Record<string, unknown>>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) => Promise<T[]>;

export interface Batch {
  /** Asks for a query's rows: the promise settles once `run` has run it. */
  query: Query;
  /** Asks for some work on one lane (several queries one after another, say): the promise settles once `run` ran it. */
  task<T>(work: (lane: Database) => Promise<T>): Promise<T>;
  /** Runs every query asked for so far on the database's lanes, in the order they were asked for, side by side. */
  run(): Promise<void>;
}

/**
 * Queries gathered and then run side by side: code asks for all its queries first (`query` returns the rows' promise
 * at once), then `run` runs them, each lane's rows becoming objects while another lane's query runs.
 */
export function batch(db: Database): Batch {
  const tasks: ((lane: Database) => Promise<void>)[] = [];
  const task = <T>(work: (lane: Database) => Promise<T>) => {
    const done = new Promise<T>((resolve, reject) => tasks.push((lane) => work(lane).then(resolve, (e) => (reject(e), Promise.reject(e)))));
    done.catch(() => {}); // a failure is thrown by run
    return done;
  };
  return {
    query: <T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) => task((lane) => lane.query<T>(sql, params)),
    task,
    async run() {
      await db.parallel(tasks.splice(0));
    },
  };
}
