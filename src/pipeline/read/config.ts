// Reads and validates the data folder's podium.config.json (all defaults when it is absent).
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_FILE, ConfigSchema, type Config } from "../config.ts";
import type { Problem } from "../validate/problems.ts";

export async function readConfig(dataDir: string, displayDir: string): Promise<{ config?: Config; problems: Problem[] }> {
  const path = join(dataDir, CONFIG_FILE);
  const file = join(displayDir, CONFIG_FILE);
  let raw: unknown = {};
  const exists = await stat(path).then(() => true, () => false);
  if (exists) {
    const text = await readFile(path, "utf8");
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const at = /position (\d+)/.exec((error as Error).message);
      const { line, column } = lineColumn(text, at ? Number(at[1]) : 0);
      return { problems: [{ file, line, column, rule: "json", message: `is not valid JSON: ${(error as Error).message}` }] };
    }
  }
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data, problems: [] };
  const text = exists ? await readFile(path, "utf8") : "";
  return {
    problems: result.error.issues.map((issue) => {
      const key = issue.path.map(String).join(".");
      const last = String(issue.path.at(-1) ?? "");
      const offset = last ? text.indexOf(`"${last}"`) : -1;
      const { line, column } = offset >= 0 ? lineColumn(text, offset) : { line: 1, column: 1 };
      return { file, line, column, rule: "config", message: `${key || "config"}: ${issue.message}` };
    }),
  };
}

function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
