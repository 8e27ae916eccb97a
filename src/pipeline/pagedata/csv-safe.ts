// CSV downloads are opened in spreadsheets, which run a cell starting with = + - @ (or a tab or carriage return) as a
// formula. Text cells starting so are prefixed with an apostrophe; numbers are left as numbers.
import type { Database } from "../load/database.ts";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_START = "^[=+\\-@\\t\\r]";

/** A select list over `source` (a table or `(subquery)`) with every text column neutralised. */
export async function csvSafeSelectList(db: Database, source: string): Promise<string> {
  const columns = await db.query<{ column_name: string; column_type: string }>(`describe select * from ${source}`);
  return columns
    .map(({ column_name, column_type }) => {
      const c = quote(column_name);
      return column_type === "VARCHAR" ? `case when regexp_matches(${c}, '${FORMULA_START}') then '''' || ${c} else ${c} end as ${c}` : c;
    })
    .join(", ");
}
