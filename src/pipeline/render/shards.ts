// Renders the site on every core: Astro renders pages one after another in one process, so a large site is split
// into shards, each rendered by its own Astro build in a child process (pages are dealt out in turn within each kind
// of page, see src/site/shard.ts), and the shards' folders are merged. A small site renders in this process: a child
// costs a Node start and an Astro bundle (about a second), more than it saves below a few hundred pages.
import { fork } from "node:child_process";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { renderInProcess, type RenderOptions } from "./astro.ts";
import { SHARD_ENV } from "../../site/shard.ts";

/** Pages per shard below which another process does not pay for itself: each shard bundles the site and parses the
 * page data again (measured: the sample, 437 pages, renders in 7.6 s in one process and 8.6 s in two). */
const PAGES_PER_SHARD = 1500;

/** How many processes render a site of `pages` pages on this machine (PODIUM_RENDER_SHARDS overrides it). */
export function shardCount(pages: number, cores = availableParallelism()): number {
  const forced = Number(process.env.PODIUM_RENDER_SHARDS);
  if (Number.isInteger(forced) && forced >= 1) return forced;
  return Math.max(1, Math.min(cores, 4, Math.floor(pages / PAGES_PER_SHARD)));
}

export async function renderSite(options: RenderOptions & { shards: number }): Promise<void> {
  const { shards, ...render } = options;
  if (shards <= 1) return renderInProcess(render);
  await rm(render.outDir, { recursive: true, force: true });
  await mkdir(render.outDir, { recursive: true });
  const parts = Array.from({ length: shards }, (_, k) => join(render.outDir, `.shard-${k}`));
  await Promise.all(parts.map((outDir, k) => renderChild({ ...render, outDir }, `${k}/${shards}`)));
  for (const part of parts) {
    await mergeInto(part, render.outDir);
    await rm(part, { recursive: true, force: true });
  }
}

/** One shard's Astro build in a child process; the child exits when this process dies (its IPC channel closes). */
function renderChild(options: RenderOptions, shard: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL("./shard-child.ts", import.meta.url), [JSON.stringify(options)], {
      env: { ...process.env, [SHARD_ENV]: shard },
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`render shard ${shard} failed (${signal ?? `exit ${code}`}):\n${stderr.trim().split("\n").slice(-20).join("\n")}`));
    });
  });
}

/**
 * Moves every file of `from` into `to`. A file both shards wrote (the bundle's assets, pages without parameters) is
 * the same file: the first one is kept.
 */
async function mergeInto(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    const existing = await stat(target).catch(() => undefined);
    if (entry.isDirectory() && existing?.isDirectory()) await mergeInto(source, target);
    else if (!existing) await rename(source, target);
  }
}
