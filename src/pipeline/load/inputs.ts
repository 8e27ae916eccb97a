// Loads validated rows into `raw_<entity>` tables (text columns plus `_line`, typed by the staging models) and
// writes the `sources` table (what was read, from where, how many rows).
import type { z } from "zod";
import type { DuckDBAppender } from "@duckdb/node-api";
import type { InputSpec } from "../inputs.ts";
import type { ValidRow } from "../validate/rows.ts";
import type { Database } from "./database.ts";
import { loadFast, type FastInput } from "./fast.ts";

export interface LoadedInput {
  spec: InputSpec;
  /** The file as named in reports, e.g. `data/deals.csv`. */
  displayPath: string;
  /** False when an optional file is absent. */
  present: boolean;
  /** Records read from the file (valid or not). */
  countRead: number;
  rows: ValidRow<Record<string, unknown>>[];
  /** On the fast path (load/fast.ts), once validated there: its rows wait in DuckDB and `rows` stays empty. */
  fast?: FastInput;
}

/** Fields of an input's row schema, in the schema's order. */
export function fieldsOf(spec: InputSpec): string[] {
  return Object.keys((spec.schema as unknown as z.ZodObject).shape);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Nested fields get their own table; every other field is one text column. */
const NESTED: Record<string, string> = { contributors: "build_contributors" };

function appendText(appender: DuckDBAppender, value: unknown) {
  if (value === undefined || value === null) appender.appendNull();
  else appender.appendVarchar(typeof value === "string" ? value : String(value));
}

async function createTable(db: Database, table: string, columns: string[]) {
  await db.run(`create or replace table ${quote(table)} (${columns.map((c) => `${quote(c)} varchar`).join(", ")}, _line integer)`);
}

export async function loadInputs(db: Database, inputs: LoadedInput[]): Promise<void> {
  await db.run(
    "create or replace table sources (entity varchar, file varchar, format varchar, is_present boolean, count_read integer, count_loaded integer)",
  );
  for (const input of inputs) {
    if (input.fast?.checked) {
      await loadFast(db, input.fast);
      await db.run("insert into sources values ($1, $2, $3, $4, $5, $6)", [
        input.spec.entity, input.displayPath, input.spec.format, input.present, input.countRead, input.fast.scan.rows,
      ]);
      continue;
    }
    const fields = fieldsOf(input.spec);
    const flat = fields.filter((f) => !(f in NESTED));
    const table = `raw_${input.spec.entity}`;
    await createTable(db, table, flat);
    const appender = await db.connection.createAppender(table);
    try {
      for (const row of input.rows) {
        for (const f of flat) appendText(appender, row.data[f]);
        appender.appendInteger(row.line);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    for (const nested of fields.filter((f) => f in NESTED)) await loadContributors(db, `raw_${NESTED[nested]}`, input.rows, nested);
    await db.run("insert into sources values ($1, $2, $3, $4, $5, $6)", [
      input.spec.entity,
      input.displayPath,
      input.spec.format,
      input.present,
      input.countRead,
      input.rows.length,
    ]);
  }
}

/** `contributors`: a list of person ids or {person_id, share}; one row per contributor with its position. */
async function loadContributors(db: Database, table: string, rows: LoadedInput["rows"], field: string) {
  await db.run(
    `create or replace table ${quote(table)} (build_id varchar, person_id varchar, share varchar, _line integer, _position integer)`,
  );
  const appender = await db.connection.createAppender(table);
  try {
    for (const row of rows) {
      const list = (row.data[field] ?? []) as Array<string | { person_id: string; share?: number }>;
      list.forEach((c, i) => {
        appendText(appender, row.data.id);
        appendText(appender, typeof c === "string" ? c : c.person_id);
        appendText(appender, typeof c === "string" ? undefined : c.share);
        appender.appendInteger(row.line);
        appender.appendInteger(i + 1);
        appender.endRow();
      });
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/**
 * Drops the raw_* tables once the staging models and the reference checks have read them: nothing after the load
 * stage reads them, and they hold every input value as text (the largest part of the database before the models).
 */
export async function dropRawTables(db: Database): Promise<void> {
  const tables = await db.query<{ name: string }>(
    "select table_name as name from duckdb_tables() where schema_name = 'main' and starts_with(table_name, 'raw_')",
  );
  for (const { name } of tables) await db.run(`drop table ${quote(name)}`);
}
