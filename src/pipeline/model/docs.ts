// The models' own metadata: each mart's `<name>.yml` beside its SQL (grain, column meanings, invariant tests), and
// `_columns.yml` for the columns every table shares. The data dictionary and the invariant checks read these.
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";

export const ModelDocSchema = z
  .object({
    grain: z.string().min(1).describe("What one row is."),
    columns: z.record(z.string(), z.string().min(1)).default({}).describe("Column → meaning and formula in words."),
    tests: z
      .object({
        unique: z.array(z.string()).optional().describe("Columns that together identify a row."),
        not_null: z.array(z.string()).optional().describe("Columns that are never empty."),
        expressions: z.array(z.string()).optional().describe("SQL conditions every row satisfies (the row is aliased `t`)."),
        ranks_are_permutations: z.array(z.string()).optional().describe("Partition within which `rank` is exactly 1..n."),
      })
      .strict()
      .default({}),
  })
  .strict();

export type ModelDoc = z.infer<typeof ModelDocSchema>;

const MARTS = new URL("./marts/", import.meta.url);

const read = (file: string) => parse(readFileSync(new URL(file, MARTS), "utf8")) as unknown;

/** Meanings of the columns every table shares. */
export const COMMON_COLUMNS = z.record(z.string(), z.string()).parse(read("_columns.yml"));

/** The documented marts, by name. */
export const MODEL_DOCS: Record<string, ModelDoc> = Object.fromEntries(
  readdirSync(MARTS)
    .filter((f) => f.endsWith(".yml") && !f.startsWith("_"))
    .sort()
    .map((f) => {
      const result = ModelDocSchema.safeParse(read(f));
      if (!result.success) throw new Error(`src/pipeline/model/marts/${f}: ${z.prettifyError(result.error)}`);
      return [f.slice(0, -4), result.data];
    }),
);

/** The meaning of a table's column: its own entry, else the shared one. */
export function columnMeaning(table: string, column: string): string | undefined {
  return MODEL_DOCS[table]?.columns[column] ?? COMMON_COLUMNS[column];
}
