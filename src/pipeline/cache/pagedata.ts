// The page data of the last build, kept in the cache folder (site-data.v8 and downloads/) with what the render and
// check stages need from the inputs: a build whose inputs, page-data code and audience are unchanged renders from it
// without reading the inputs again (after a change to the pages' code, the base path or the output folder).
import { constants } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { Audience } from "../../site/types.ts";
import type { PrivateValues } from "../check/leaks.ts";
import type { Problem } from "../validate/problems.ts";

export interface CachedPageData {
  /** Hash of the inputs, the page-data code, the audience and the Node version. */
  key: string;
  warnings: Problem[];
  /** The private values the leak scan looks for (from the inputs). */
  secrets: PrivateValues;
  audience: Audience;
  /** The pages the site must hold. */
  expected: string[];
  countDownloads: number;
}

const RECORD = "page-data.v8";
export const SITE_DATA_FILE = "site-data.v8";
export const DOWNLOADS_DIR = "downloads";

/** The cached page data, when its key is `key` and its files are all there. */
export async function readCachedPageData(cacheDir: string, key: string): Promise<CachedPageData | undefined> {
  try {
    const record = deserialize(await readFile(join(cacheDir, RECORD))) as CachedPageData;
    if (record.key !== key) return undefined;
    await stat(join(cacheDir, SITE_DATA_FILE));
    if ((await readdir(join(cacheDir, DOWNLOADS_DIR, "downloads"))).length !== record.countDownloads) return undefined;
    return record;
  } catch {
    return undefined;
  }
}

/** Written once the page data and the downloads are. */
export async function writeCachedPageData(cacheDir: string, record: CachedPageData): Promise<void> {
  await writeFile(join(cacheDir, RECORD), serialize(record));
}

/** Called before the page data is made again: a build that stops half-way leaves no record of it. */
export async function removeCachedPageData(cacheDir: string): Promise<void> {
  await rm(join(cacheDir, RECORD), { force: true });
}

/**
 * Copies the files of folder `from` into `to` (a copy-on-write clone where the file system has them); `from` stays
 * as it is. Not hard links: a published file edited in place would change the cached one.
 */
export async function copyFiles(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) await copyFile(join(from, name), join(to, name), constants.COPYFILE_FICLONE);
}
