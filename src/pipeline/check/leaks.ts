// The leak scan: after rendering, every output file is searched for every private value found in the inputs
// (emails, source-system person ids). Any hit fails the build before anything is published.
// One pass per file: ids are found by walking the file's word runs once (only runs as long as some id are looked up),
// e-mail addresses by looking around each "@" (every address contains one), so the cost grows with the output's size,
// not with the output's size times the number of private values.
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

/** Char codes that belong to a token: A-Z, a-z, 0-9, `_` and `-` (everything else, non-ASCII included, separates). */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_-]/.test(ch)) WORD[c] = 1;
}

/** The private values arranged for one-pass matching. */
interface Matcher {
  tokens: Set<string>;
  tokenLengths: Set<number>;
  /** E-mail addresses grouped by (offset of their first "@", length): a hit is `lower.substr(at - offset, length)`. */
  emails: { offset: number; length: number; values: Set<string> }[];
}

function matcherOf(values: PrivateValues): Matcher {
  const groups = new Map<string, Matcher["emails"][number]>();
  for (const s of values.substrings) {
    const offset = s.indexOf("@");
    if (offset < 0) continue; // privateValues only keeps addresses; anything else is handled by the fallback below
    const key = `${offset}:${s.length}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { offset, length: s.length, values: new Set() }));
    group.values.add(s);
  }
  return { tokens: values.tokens, tokenLengths: new Set([...values.tokens].map((t) => t.length)), emails: [...groups.values()] };
}

function scanText(text: string, file: string, values: PrivateValues, matcher: Matcher, leaks: Leak[]): void {
  if (values.substrings.size > 0) {
    const lower = text.toLowerCase();
    const found = new Set<string>();
    for (let at = lower.indexOf("@"); at !== -1; at = lower.indexOf("@", at + 1)) {
      for (const group of matcher.emails) {
        const start = at - group.offset;
        if (start < 0 || start + group.length > lower.length) continue;
        const candidate = lower.substr(start, group.length);
        if (group.values.has(candidate)) found.add(candidate);
      }
    }
    for (const s of values.substrings) if (!s.includes("@") && lower.includes(s)) found.add(s);
    for (const s of values.substrings) if (found.has(s)) leaks.push({ file, value: s, kind: "substring" });
  }
  if (values.tokens.size > 0) {
    const seen = new Set<string>();
    const n = text.length;
    let start = -1;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 32;
      if (c < 128 && WORD[c] === 1) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        if (matcher.tokenLengths.has(i - start)) {
          const token = text.slice(start, i);
          if (matcher.tokens.has(token) && !seen.has(token)) {
            seen.add(token);
            leaks.push({ file, value: token, kind: "token" });
          }
        }
        start = -1;
      }
    }
  }
}

/** Every private value found in the text files under `dir` (at most one report per file and value). */
export async function scanForLeaks(dir: string, values: PrivateValues): Promise<Leak[]> {
  const leaks: Leak[] = [];
  const matcher = matcherOf(values);
  const paths: string[] = [];
  for await (const path of files(dir)) if (TEXT.test(path)) paths.push(path);
  // Reads overlap (a few files in flight); the scanning itself is synchronous and cheap.
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const text = await readFile(path, "utf8");
      scanText(text, relative(dir, path), values, matcher, leaks);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return leaks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
