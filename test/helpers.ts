// Shared test helpers: run the pipeline up to the marts on a fixture folder, in memory; run the build CLI; read a
// folder's files for byte-for-byte comparison.
import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { prepare, type Prepared } from "../src/pipeline/build.ts";
import { openDatabase, type Database } from "../src/pipeline/load/database.ts";

export async function withModels<T>(dataDir: string, work: (db: Database, prepared: Prepared) => Promise<T>): Promise<T> {
  const db = await openDatabase(":memory:");
  try {
    return await work(db, await prepare(dataDir, db));
  } finally {
    db.close();
  }
}

export const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;

export const ROOT = new URL("../", import.meta.url).pathname;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node scripts/build.ts` as a user would, from the project folder, with extra arguments. */
export async function buildCli(data: string, out: string, cache: string, ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["scripts/build.ts", "--data", data, "--out", out, "--cache", cache, ...args], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every entry under `dir`: file contents (base64), or what else it is, keyed by path. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length)] = entry.isFile() ? await readFile(path, "base64") : entry.isDirectory() ? "(dir)" : "(other)";
  }
  return files;
}
