// Runs the SQL models: each file is one SELECT, materialised as a table named after the file. Layers run in order
// (staging → intermediate → marts); within a layer, a model runs after the models it names. A model whose file has the
// line `-- materialized: view` is created as a view instead: for a table that is cheap to compute from another and
// costly to store (int_person_groups repeats each person-period once per group), read by few models.
import { readdir, readFile } from "node:fs/promises";
import type { Database } from "../load/database.ts";

export const LAYERS = ["staging", "intermediate", "marts"] as const;
export type Layer = (typeof LAYERS)[number];

export interface Model {
  name: string;
  layer: Layer;
  sql: string;
  /** The model's own description: the leading `--` comment lines. */
  description: string;
  /** `table` (the default) or `view` (the file has the line `-- materialized: view`). */
  materialized: "table" | "view";
  dependsOn: string[];
}

const here = new URL("./", import.meta.url);

async function readLayer(layer: Layer): Promise<Omit<Model, "dependsOn">[]> {
  const dir = new URL(`${layer}/`, here);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(new URL(file, dir), "utf8");
      const materialized = /^-- materialized: view$/m.test(sql) ? ("view" as const) : ("table" as const);
      const description = sql
        .split("\n")
        .filter((l) => l.startsWith("--") && !l.startsWith("-- materialized:"))
        .map((l) => l.replace(/^--\s?/, ""))
        .join(" ")
        .trim();
      return { name: file.slice(0, -4), layer, sql, description, materialized };
    }),
  );
}

/** Every model, in an order where each comes after the models it reads. */
export async function loadModels(): Promise<Model[]> {
  const all = (await Promise.all(LAYERS.map(readLayer))).flat();
  const names = new Set(all.map((m) => m.name));
  const models = all.map((m) => ({
    ...m,
    dependsOn: [...new Set([...m.sql.matchAll(/\b(?:from|join)\s+([a-z_][a-z0-9_]*)/gi)].map((x) => x[1]!))]
      .filter((w) => w !== m.name && names.has(w))
      .sort(),
  }));
  const byName = new Map(models.map((m) => [m.name, m]));
  const ordered: Model[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (m: Model, path: string[]) => {
    if (state.get(m.name) === "done") return;
    if (state.get(m.name) === "visiting") throw new Error(`model cycle: ${[...path, m.name].join(" → ")}`);
    state.set(m.name, "visiting");
    for (const d of m.dependsOn) {
      const dep = byName.get(d)!;
      if (LAYERS.indexOf(dep.layer) > LAYERS.indexOf(m.layer)) throw new Error(`model ${m.name} (${m.layer}) reads ${d} (${dep.layer})`);
      visit(dep, [...path, m.name]);
    }
    state.set(m.name, "done");
    ordered.push(m);
  };
  for (const layer of LAYERS) for (const m of models.filter((x) => x.layer === layer)) visit(m, []);
  return ordered;
}

export async function createMacros(db: Database): Promise<void> {
  await db.run(await readFile(new URL("macros.sql", here), "utf8"));
}

/**
 * `models` (each after the models it reads) in the order a free lane should take them: the model with the most models
 * still to wait on it (directly or not) first, then in `models`' order. Its readers are the stage's longest path
 * while it waits: at 10,000 people and 5 M input rows int_recognition_pairs (~5 s, 8 models after it) started ~0.8 s
 * late, behind int_deals_attributed (4), which came first alphabetically.
 */
export function byReaders(models: Model[]): Model[] {
  const names = new Set(models.map((m) => m.name));
  const readers = new Map<string, Set<string>>();
  for (const m of [...models].reverse()) {
    // a model's readers come after it in `models`, so theirs are known
    const all = new Set<string>();
    for (const r of models) if (r.dependsOn.includes(m.name) && names.has(r.name)) for (const x of [r.name, ...readers.get(r.name)!]) all.add(x);
    readers.set(m.name, all);
  }
  const count = (m: Model) => readers.get(m.name)!.size;
  return models.map((m, i) => ({ m, i })).sort((a, b) => count(b.m) - count(a.m) || a.i - b.i).map(({ m }) => m);
}

/**
 * Materialises the models of the given layers, on the database's lanes side by side: a lane takes the first model (in
 * byReaders' order) whose models it reads are all made. On a failure no other model starts, and it is thrown.
 */
export async function runModels(db: Database, models: Model[], layers: readonly Layer[]): Promise<void> {
  const todo = byReaders(models.filter((x) => layers.includes(x.layer)));
  const waiting = new Set(todo.map((m) => m.name)); // not made yet
  const started = new Set<string>();
  let failed = false;
  let wake = () => {};
  let changed = new Promise<void>((resolve) => (wake = resolve));
  const settled = () => {
    const woken = wake;
    changed = new Promise<void>((resolve) => (wake = resolve));
    woken();
  };
  await db.parallel(
    Array.from({ length: Math.min(db.lanes, todo.length) }, () => async (lane: Database) => {
      while (!failed && started.size < todo.length) {
        const m = todo.find((x) => !started.has(x.name) && x.dependsOn.every((d) => !waiting.has(d)));
        if (!m) {
          await changed; // every model left reads one being made
          continue;
        }
        started.add(m.name);
        try {
          await lane.run(`create or replace ${m.materialized} ${m.name} as\n${m.sql}`);
          waiting.delete(m.name);
        } catch (error) {
          failed = true;
          throw new Error(`model ${m.layer}/${m.name}.sql failed: ${(error as Error).message}`);
        } finally {
          settled();
        }
      }
    }),
  );
}
