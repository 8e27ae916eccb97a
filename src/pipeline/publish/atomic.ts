// Publishes a finished site: the new folder replaces the output folder by rename, so readers see the old site or
// the new one, never a mix; a build that fails before this point leaves the output folder untouched.
import { rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A fresh staging folder beside `outDir` (same file system, so the final rename is atomic). */
export function stagingDirFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.next-${process.pid}`);
}

export async function publish(stagingDir: string, outDir: string): Promise<void> {
  const previous = join(dirname(outDir), `.${basename(outDir)}.prev-${process.pid}`);
  const exists = await stat(outDir).then(() => true, () => false);
  if (exists) await rename(outDir, previous);
  try {
    await rename(stagingDir, outDir);
  } catch (error) {
    if (exists) await rename(previous, outDir);
    throw error;
  }
  if (exists) await rm(previous, { recursive: true, force: true });
}

export async function discard(stagingDir: string): Promise<void> {
  await rm(stagingDir, { recursive: true, force: true });
}
