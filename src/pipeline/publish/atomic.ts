// Publishes a finished site: the new folder replaces the output folder by rename, so readers see the old site or
// the new one, never a mix; a build that fails or is killed before this point leaves the output folder untouched.
import { readFileSync } from "node:fs";
import { readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const exists = (path: string) => stat(path).then(() => true, () => false);

/** A fresh staging folder beside `outDir` (same file system, so the final rename is atomic). */
export function stagingDirFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.next-${process.pid}`);
}

const previousDirFor = (outDir: string, pid = process.pid) => join(dirname(outDir), `.${basename(outDir)}.prev-${pid}`);

/**
 * Whether a process with this id is alive (the folders of killed builds can be cleaned up). A zombie is not: a render
 * process whose build was killed is handed to the machine's first process, which may reap it only later (seen here:
 * the killed build's render process stayed a zombie while the next build started), and it writes nothing more.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return processState(pid) !== "Z"; // unknown (no /proc, not Linux): alive, as kill said
}

/** A process's state letter from `/proc/<pid>/stat` ("R", "S", "Z" for a zombie…); undefined where there is none. */
export function processState(pid: number): string | undefined {
  try {
    // "pid (command) state …": the command may hold spaces and parentheses, the state follows the last ")"
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.charAt(stat.lastIndexOf(")") + 2);
  } catch {
    return undefined;
  }
}

/**
 * Cleans up after builds that were killed: their staging folders are removed, and a site moved aside by a build
 * killed between its two renames is put back.
 */
export async function recoverInterrupted(outDir: string): Promise<void> {
  const parent = dirname(outDir);
  if (!(await exists(parent))) return;
  const pattern = new RegExp(`^\\.${basename(outDir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(next|prev)-(\\d+)$`);
  for (const name of (await readdir(parent)).sort()) {
    const m = pattern.exec(name);
    if (!m || (isRunning(Number(m[2])) && Number(m[2]) !== process.pid)) continue;
    const path = join(parent, name);
    if (m[1] === "prev" && !(await exists(outDir))) await rename(path, outDir);
    else await rm(path, { recursive: true, force: true });
  }
}

export async function publish(stagingDir: string, outDir: string): Promise<void> {
  const previous = previousDirFor(outDir);
  const had = await exists(outDir);
  if (had) await rename(outDir, previous);
  try {
    await rename(stagingDir, outDir);
  } catch (error) {
    if (had) await rename(previous, outDir);
    throw error;
  }
  if (had) await rm(previous, { recursive: true, force: true });
}

export async function discard(stagingDir: string): Promise<void> {
  await rm(stagingDir, { recursive: true, force: true });
}
