// Reads and validates the data folder's podium.config.json (all defaults when it is absent).
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_FILE, ConfigSchema, type Config } from "../config.ts";
import type { Problem } from "../validate/problems.ts";

export async function readConfig(dataDir: string, displayDir: string): Promise<{ config?: Config; problems: Problem[] }> {
  const path = join(dataDir, CONFIG_FILE);
  const file = join(displayDir, CONFIG_FILE);
  let raw: unknown = {};
  let text = "";
  const info = await stat(path).catch(() => undefined);
  const exists = info !== undefined;
  if (info?.isDirectory()) return { problems: [{ file, line: 0, column: 0, rule: "file", message: "is a directory, not a file" }] };
  if (exists) {
    try {
      // strict UTF-8, and a byte-order mark (as some editors save) is not part of the JSON
      text = new TextDecoder("utf-8", { fatal: true }).decode(await readFile(path)).replace(/^\uFEFF/, "");
    } catch {
      return { problems: [{ file, line: 0, column: 0, rule: "encoding", message: "is not valid UTF-8; save it as UTF-8" }] };
    }
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
  return {
    problems: result.error.issues.map((issue) => {
      const key = issue.path.map(String).join(".");
      // located at the innermost key of the path found in the file, each searched after the one before (an unknown
      // key at the key itself; an array element at its array's key)
      const keys = [...issue.path.filter((k) => typeof k === "string"), ...(issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [])];
      let offset = -1;
      for (const k of keys) {
        const at = text.indexOf(`"${k}"`, offset + 1);
        if (at >= 0) offset = at;
      }
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
