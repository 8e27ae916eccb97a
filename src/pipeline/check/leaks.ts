// The leak scan: after rendering, every output file is searched for every private value found in the inputs
// (emails, source-system person ids). Any hit fails the build before anything is published.
import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";

export interface PrivateValues {
  /** Case-insensitive substrings: e-mail addresses. */
  substrings: Set<string>;
  /** Whole tokens (split on anything but letters, digits, `_` and `-`): ids. */
  tokens: Set<string>;
}

export interface Leak {
  file: string;
  value: string;
  kind: "substring" | "token";
}

export function privateValues(people: readonly { person_id?: unknown; email?: unknown }[]): PrivateValues {
  const substrings = new Set<string>();
  const tokens = new Set<string>();
  for (const p of people) {
    if (typeof p.email === "string" && p.email.includes("@")) substrings.add(p.email.toLowerCase());
    if (typeof p.person_id === "string" && p.person_id.length >= 3) tokens.add(p.person_id);
  }
  return { substrings, tokens };
}

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const TEXT = /\.(html|json|csv|svg|js|css|txt|xml|md)$/i;

/** Every private value found in the text files under `dir` (at most one report per file and value). */
export async function scanForLeaks(dir: string, values: PrivateValues): Promise<Leak[]> {
  const leaks: Leak[] = [];
  for await (const path of files(dir)) {
    if (!TEXT.test(path)) continue;
    const text = await readFile(path, "utf8");
    const lower = text.toLowerCase();
    const file = relative(dir, path);
    for (const s of values.substrings) if (lower.includes(s)) leaks.push({ file, value: s, kind: "substring" });
    if (values.tokens.size > 0) {
      const seen = new Set<string>();
      for (const token of text.split(/[^A-Za-z0-9_-]+/)) {
        if (values.tokens.has(token) && !seen.has(token)) {
          seen.add(token);
          leaks.push({ file, value: token, kind: "token" });
        }
      }
    }
  }
  return leaks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.value < b.value ? -1 : 1));
}
