// Content hashes that key the build's caches: the inputs (every file of the data folder), the code that turns them into
// a site (the pipeline, the models, the pages, the installed dependency versions) and the build's own options.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, readFile, readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The hash function of every key: SHA-512, ~2.3x SHA-256's speed on the 64-bit machines this runs on (measured on a
 * 250 MB export: 0.25 s against 0.54 s).
 */
const ALGORITHM = "sha512";

export const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Where Node keeps its compiled code between runs (module.enableCompileCache): the project's own cache folder. */
export const COMPILE_CACHE = join(PROJECT_ROOT, ".podium", "compile-cache");

/** Every regular file under `dir` (recursively, in name order), skipping dot-folders and dot-files. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.push(path);
    }
  };
  await walk(dir);
  return out;
}

/** The hash over the relative paths and contents of `files` (relative to `root`). */
export async function hashFiles(root: string, files: readonly string[]): Promise<string> {
  const hash = createHash(ALGORITHM);
  // the next file is read while this one is hashed
  let next = files.length > 0 ? readFile(files[0]!) : undefined;
  for (const [i, file] of files.entries()) {
    const bytes = await next!;
    next = i + 1 < files.length ? readFile(files[i + 1]!) : undefined;
    hash.update(relative(root, file).split("\\").join("/"));
    hash.update("\0");
    hash.update(bytes);
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Each file of a folder (by its path in the folder) as last hashed: its size, modification time and hash. */
export type FileHashes = Record<string, [size: number, mtimeMs: number, hash: string]>;

/**
 * The hash of one file's contents, read in 1 MB pieces: reading a 250 MB export whole took 1.15 s (one buffer of its
 * size), reading and hashing it in pieces 0.33 s.
 */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash(ALGORITHM);
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(piece as Buffer);
  return hash.digest("hex");
}

/**
 * The hash of a data folder's contents (every file in it, so a mapping file and its exports count too), and each
 * file's. A file whose size and modification time are those `known` holds is not read again: its hash is taken from
 * there, as the output folder is checked by size and time (at 10,000 people, reading and hashing the 128 MB of inputs
 * took ~0.9 s of every rebuild). Any write to a file changes its modification time.
 */
export async function hashDataDir(dataDir: string, known: FileHashes = {}): Promise<{ hash: string; files: FileHashes }> {
  const files: FileHashes = {};
  const hash = createHash(ALGORITHM);
  for (const path of await listFiles(dataDir)) {
    const name = relative(dataDir, path).split("\\").join("/");
    const { size, mtimeMs } = await stat(path);
    const last = known[name];
    const digest = last && last[0] === size && last[1] === mtimeMs ? last[2] : await hashFile(path);
    files[name] = [size, mtimeMs, digest];
    hash.update(`${name}\0${digest}\0`);
  }
  return { hash: hash.digest("hex"), files };
}

/**
 * Files only the rendering reads (pages, layouts, components, styles, charts, the deck, public/, the Astro config): a
 * change to them re-renders from the cached page data. Every other file under src/ can change the page data.
 */
const RENDER_ONLY = /^(src\/(pages|layouts|styles|charts|deck)\/|src\/.*\.astro$|public\/|astro\.config\.mjs$)/;

export interface CodeVersions {
  /** The code that turns inputs into page data (pipeline, models, site data helpers) and the dependency versions. */
  data: string;
  /** The code that renders the page data (see RENDER_ONLY). */
  render: string;
}

let codeVersionsMemo: Promise<CodeVersions> | undefined;

/**
 * The versions of the code that builds the site: the sources under src/, the Astro config, public/ and the exact
 * dependency versions (package-lock.json), split into what makes the page data and what renders it.
 */
export function codeVersions(): Promise<CodeVersions> {
  codeVersionsMemo ??= (async () => {
    const files = [
      ...(await listFiles(join(PROJECT_ROOT, "src"))),
      ...(await listFiles(join(PROJECT_ROOT, "public"))),
      ...["astro.config.mjs", "package-lock.json", "tsconfig.json"].map((f) => join(PROJECT_ROOT, f)),
    ];
    const present = [];
    for (const f of files) if (await access(f).then(() => true, () => false)) present.push(f);
    const renderOnly = (f: string) => RENDER_ONLY.test(relative(PROJECT_ROOT, f).split("\\").join("/"));
    const [data, render] = await Promise.all([
      hashFiles(PROJECT_ROOT, present.filter((f) => !renderOnly(f))),
      hashFiles(PROJECT_ROOT, present.filter(renderOnly)),
    ]);
    return { data, render };
  })();
  return codeVersionsMemo;
}

/** One hash of all the code (any change invalidates the whole-build cache). */
export async function codeVersion(): Promise<string> {
  const { data, render } = await codeVersions();
  return hashOf(data, render);
}

export function hashOf(...parts: string[]): string {
  const hash = createHash(ALGORITHM);
  for (const p of parts) hash.update(p).update("\0");
  return hash.digest("hex");
}
