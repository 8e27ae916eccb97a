// The database's lanes: independent queries side by side on connections of their own (load/database.ts), the models
// made in dependency order on them (model/run.ts).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepare } from "../src/pipeline/build.ts";
import { batch, openDatabase, rowObjectsJson, type Database } from "../src/pipeline/load/database.ts";
import { byReaders, runModels, type Model } from "../src/pipeline/model/run.ts";

let db: Database;
beforeEach(async () => {
  db = await openDatabase(":memory:");
});
afterEach(() => db.close());

const model = (name: string, sql: string, dependsOn: string[] = []): Model => ({
  name, layer: "marts", sql, description: "", materialized: "table", dependsOn,
});

describe("parallel", () => {
  it("gives each task one connection throughout, as many side by side as there are lanes, and the results in order", async () => {
    const connections = new Set<unknown>();
    const results = await db.parallel(
      [3, 1, 4, 1, 5].map((n) => async (lane: Database) => {
        connections.add(lane.connection);
        // a temp table is its connection's own: the task reads back what it wrote, whatever ran beside it
        await lane.run(`create or replace temp table mine as select ${n} as n`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const [row] = await lane.query<{ n: number }>("select n from mine");
        return row!.n;
      }),
    );
    expect(results).toEqual([3, 1, 4, 1, 5]);
    expect(connections.size).toBe(Math.min(db.lanes, 5));
  });

  it("starts no task after one fails, and throws that failure once the running ones have ended", async () => {
    const started: number[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) => async (lane: Database) => {
      started.push(i);
      if (i === 0) await lane.query("select * from no_such_table");
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await expect(db.parallel(tasks)).rejects.toThrow(/no_such_table/);
    expect(started.length).toBeLessThanOrEqual(db.lanes);
    expect(started).toContain(0);
  });

  it("runs a task's own parallel on that task's lane, one after another", async () => {
    const inner = await db.parallel([
      async (lane: Database) => {
        const seen = new Set<unknown>();
        await lane.parallel([0, 1, 2].map(() => async (l: Database) => void seen.add(l.connection)));
        return [...seen];
      },
    ]);
    expect(inner[0]).toEqual([db.connection]);
  });
});

describe("batch", () => {
  it("runs the queries asked for, and each promise gets its own rows", async () => {
    const b = batch(db);
    const two = b.query<{ n: number }>("select 2 as n");
    const words = b.query<{ w: string }>("select unnest(['a', 'b']) as w order by w");
    await b.run();
    expect(await two).toEqual([{ n: 2 }]);
    expect(await words).toEqual([{ w: "a" }, { w: "b" }]);
  });

  it("throws a failing query's error from run, and its promise rejects with it", async () => {
    const b = batch(db);
    const bad = b.query("select * from no_such_table");
    await expect(b.run()).rejects.toThrow(/no_such_table/);
    await expect(bad).rejects.toThrow(/no_such_table/);
  });
});

describe("runModels", () => {
  it("makes every model after the ones it reads, whatever the lanes take first", async () => {
    const models = [
      model("a", "select (count(*) - 29999999)::integer as x from range(30000000)"), // 1, slowly: b must wait for it
      model("b", "select x + 1 as x from a", ["a"]),
      model("c", "select x * 10 as x from b", ["b"]),
      model("d", "select 7 as x"),
      model("e", "select (select x from c) + (select x from d) as x", ["c", "d"]),
    ];
    await runModels(db, models, ["marts"]);
    expect(await db.query("select x from e")).toEqual([{ x: 27 }]);
  });

  it("has a free lane take the model most others wait on first, then the models' own order", () => {
    const models = [
      model("a", "select 1 as x"), // read by d only: level with e, and before it in the list
      model("b", "select 1 as x"), // read by c, and through it by e and f
      model("c", "select x from b", ["b"]),
      model("d", "select x from a", ["a"]),
      model("e", "select x from c", ["c"]),
      model("f", "select x from e", ["e"]),
    ];
    expect(byReaders(models).map((m) => m.name)).toEqual(["b", "c", "a", "e", "d", "f"]);
  });

  it("names the failing model, and makes none of the models that read it", async () => {
    const models = [
      model("a", "select 1 as x"),
      model("broken", "select nope from a", ["a"]),
      model("after", "select * from broken", ["broken"]),
    ];
    await expect(runModels(db, models, ["marts"])).rejects.toThrow(/^model marts\/broken\.sql failed: .*nope/);
    const tables = await db.query<{ name: string }>("select table_name as name from duckdb_tables() order by 1");
    expect(tables.map((t) => t.name)).toEqual(["a"]);
  });
});

describe("a database with a memory limit", () => {
  it("keeps tables larger than the limit by spilling them to its folder", async () => {
    const spillDir = await mkdtemp(join(tmpdir(), "podium-spill-"));
    const small = await openDatabase(":memory:", { memoryLimit: "64MB", spillDir });
    try {
      const [setting] = await small.query<{ limit: string; dir: string }>(
        "select current_setting('memory_limit') as \"limit\", current_setting('temp_directory') as dir",
      );
      expect(setting).toEqual({ limit: expect.stringMatching(/^6\d\.\d MiB$/), dir: spillDir });
      // ~150 MB of text in a 64 MB database
      await small.run("create table big as select i, repeat('x', 60) || i::varchar as s from range(2000000) t(i)");
      const [sum] = await small.query<{ n: number; chars: number }>("select count(*)::integer as n, sum(length(s))::double as chars from big");
      expect(sum).toEqual({ n: 2_000_000, chars: 2_000_000 * 60 + 10 * 1 + 90 * 2 + 900 * 3 + 9_000 * 4 + 90_000 * 5 + 900_000 * 6 + 1_000_000 * 7 });
      expect((await readdir(spillDir)).length).toBeGreaterThan(0);
    } finally {
      small.close();
      await rm(spillDir, { recursive: true, force: true });
    }
  });

  it("makes the same page data as one without", async () => {
    const spillDir = await mkdtemp(join(tmpdir(), "podium-spill-"));
    const small = await openDatabase(":memory:", { memoryLimit: "200MB", spillDir });
    try {
      expect((await prepare("data", small)).siteData).toEqual((await prepare("data", db)).siteData);
    } finally {
      small.close();
      await rm(spillDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("query", () => {
  it("gives the rows exactly as DuckDB's getRowObjectsJson does, column by column", async () => {
    // every kind of value the models publish, nulls, a repeated column name, and more rows than one chunk (2,048)
    const sql = `select i::integer as n, i::bigint * 3000000000 as big, i / 7 as share, (i / 3)::decimal(12, 2) as amount,
                        date '2024-01-31' + i::integer as day, 'p' || i as id, if(i % 5 = 0, null, i % 2 = 0) as flag,
                        [i, i + 1] as pair, {'a': i, 'b': 'x' || i} as s, map {'k': i} as m, 'twice' as id,
                        if(i % 3 = 0, 'nan'::double, i::double) as odd
                 from range(5000) t(i) order by i`;
    const reader = await db.connection.runAndReadAll(sql);
    const expected = reader.getRowObjectsJson();
    const rows = rowObjectsJson(reader);
    expect(rows.length).toBe(5000);
    expect(rows).toEqual(expected);
    expect(Object.keys(rows[0]!)).toEqual(Object.keys(expected[0]!));
    expect(await db.query(sql)).toEqual(expected);
  });
});
