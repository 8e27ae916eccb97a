// Finds and reads the data folder's mapping file (YAML or JSON), validates it with zod, and keeps the document so
// that every problem — and every constant a row takes from it — can be located at its line and column.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Problem } from "../validate/problems.ts";
import { formatPath } from "../validate/rows.ts";
import { MAPPING_FILES, MappingSchema, type Mapping } from "./schema.ts";

export interface MappingFile {
  /** Path as named in problems. */
  file: string;
  mapping: Mapping;
  /** Line and column of the value at `path` in the mapping file (of its nearest present ancestor when absent). */
  locate(path: readonly PropertyKey[], key?: boolean): { line: number; column: number };
}

/** The mapping file's name in `dataDir`, or undefined when the folder has none. */
export async function findMappingFile(dataDir: string): Promise<string | undefined> {
  for (const name of MAPPING_FILES) if (await stat(join(dataDir, name)).then((s) => s.isFile(), () => false)) return name;
  return undefined;
}

function locator(doc: Document, counter: LineCounter) {
  const pos = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  };
  return (path: readonly PropertyKey[], key = false) => {
    let node: unknown = doc.contents;
    let at = node && (node as Node).range ? (node as Node).range![0] : 0;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
        if (!pair) break;
        const keyNode = pair.key as Node;
        at = keyNode.range ? keyNode.range[0] : at;
        if (key && part === path.at(-1)) break;
        node = pair.value;
        if (node && (node as Node).range) at = (node as Node).range![0];
      } else if (isSeq(node) && typeof part === "number") {
        const item = node.items[part];
        if (!item) break;
        node = item;
        if ((node as Node).range) at = (node as Node).range![0];
      } else break;
    }
    return pos(at);
  };
}

/** Reads the mapping file `name` of `dataDir`. */
export async function loadMapping(dataDir: string, displayDir: string, name: string): Promise<{ mapping?: MappingFile; problems: Problem[] }> {
  const file = join(displayDir, name);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readFile(join(dataDir, name)));
  } catch (e) {
    const message = e instanceof TypeError ? "is not valid UTF-8; save it as UTF-8" : `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    return { problems: [{ file, line: 0, column: 0, rule: "mapping", message }] };
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntax = name.endsWith(".json") ? "JSON" : "YAML";
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const { line, col } = counter.linePos(error.pos[0]);
        return { file, line, column: col, rule: "mapping", message: `is not valid ${syntax}: ${error.message.split("\n")[0]}` };
      }),
    };
  }
  const locate = locator(doc, counter);
  const raw: unknown = doc.toJS() ?? {};
  const todos: Problem[] = [];
  const findTodos = (v: unknown, path: PropertyKey[]) => {
    if (typeof v === "string" && /^TODO\b/.test(v.trim()))
      todos.push({ file, ...locate(path), rule: "mapping", message: `${formatPath(path)}: still TODO; fill it in (see docs/mapping.md)` });
    else if (Array.isArray(v)) v.forEach((x, i) => findTodos(x, [...path, i]));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) findTodos(x, [...path, k]);
  };
  findTodos(raw, []);
  if (todos.length > 0) return { problems: todos };
  const result = MappingSchema.safeParse(raw);
  if (!result.success) {
    return {
      problems: result.error.issues.flatMap((issue) => {
        if (issue.code === "unrecognized_keys")
          return issue.keys.map((k) => ({
            file, ...locate([...issue.path, k], true), rule: "mapping",
            message: `${formatPath([...issue.path, k])}: unknown setting${hint(issue.path, k)}`,
          }));
        const where = formatPath(issue.path);
        return [{ file, ...locate(issue.path), rule: "mapping", message: `${where || "mapping"}: ${issue.message}` }];
      }),
    };
  }
  return { mapping: { file, mapping: result.data as Mapping, locate }, problems: [] };
}

function hint(path: readonly PropertyKey[], key: string): string {
  if (path.length === 0) return ` (expected version, people_match or an input: people, pods, memberships, build, deals, deal_credits, recognition, feedback, goals)`;
  if (path.length === 1 && path[0] !== "people_match")
    return " (expected preset, files, file, format, delimiter, users, columns, set, defaults, values, dates, money, split, match, skip_unless)";
  return "";
}
