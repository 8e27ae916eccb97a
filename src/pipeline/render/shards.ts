// Renders the site in Astro processes the build starts early: each one imports Astro and bundles the site while the
// build models the inputs or makes the page data (see pageData in build.ts for when), then waits (src/site/data.ts)
// until the page data is written. A large site is split into shards, one per process (pages are dealt out in turn within
// each kind of page, see src/site/shard.ts), and the shards' folders are merged.
import { fork, type ChildProcess } from "node:child_process";
import { readdirSync, renameSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { availableParallelism, setPriority } from "node:os";
import { join } from "node:path";
import type { RenderGo } from "../../site/env.ts";
import { COMPILE_CACHE } from "../cache/hash.ts";

/** Pages per process below which another one does not pay for itself: each process renders its pages one after
 * another, but also parses the whole page data and bundles the site (a second of CPU, mostly beside the ingest). */
const PAGES_PER_SHARD = 1500;

/** How many processes render a site of `pages` pages on this machine (PODIUM_RENDER_SHARDS overrides it). */
export function shardCount(pages: number, cores = availableParallelism()): number {
  const forced = Number(process.env.PODIUM_RENDER_SHARDS);
  if (Number.isInteger(forced) && forced >= 1) return forced;
  return Math.max(1, Math.min(cores, 4, Math.floor(pages / PAGES_PER_SHARD)));
}

export interface Renderers {
  /**
   * Starts processes until `count` run (the build knows how many it needs once the inputs are read). They run below
   * the build's priority unless `atBuildPriority`: for a process whose start is the build's longest path.
   */
  ensure(count: number, atBuildPriority?: boolean): void;
  /** Renders the site of the page data at `siteDataPath` into `outDir` in `shards` processes (started ones first). */
  render(options: { siteDataPath: string; outDir: string; shards: number }): Promise<void>;
  /** Stops every process (the build failed before rendering). */
  stop(): void;
}

interface Renderer {
  child: ChildProcess;
  /** Settles when the process exits; unless it exits with 0, rejects with how it ended and the end of its stderr. */
  exited: Promise<void>;
}

/** Starts `count` render processes for a site served under `base`. */
export function startRenderers(base: string, count: number): Renderers {
  const started = Array.from({ length: count }, () => startRenderer(base, false));
  const ensure = (count: number, atBuildPriority = false) => {
    while (started.length < count) started.push(startRenderer(base, atBuildPriority));
  };
  return {
    ensure,
    async render({ siteDataPath, outDir, shards }) {
      ensure(shards);
      for (const extra of started.splice(shards)) extra.child.kill();
      const go = (renderer: Renderer, message: Omit<RenderGo, "type" | "siteDataPath">, name: string) => {
        renderer.child.send({ type: "render", siteDataPath, ...message } satisfies RenderGo, () => {});
        return renderer.exited.catch((error: Error) => {
          throw new Error(`render ${name} failed: ${error.message}`);
        });
      };
      if (shards === 1) return go(started[0]!, { outDir }, "process");
      await rm(outDir, { recursive: true, force: true });
      await mkdir(outDir, { recursive: true });
      const parts = started.map((_, k) => join(outDir, `.shard-${k}`));
      await Promise.all(started.map((r, k) => go(r, { outDir: parts[k]!, shard: `${k}/${shards}` }, `shard ${k}/${shards}`)));
      for (const part of parts) {
        mergeInto(part, outDir);
        await rm(part, { recursive: true, force: true });
      }
    },
    stop() {
      for (const { child } of started) child.kill();
    },
  };
}

/** One render process; it exits when this process dies (its IPC channel closes). */
function startRenderer(base: string, atBuildPriority: boolean): Renderer {
  const child = fork(new URL("./shard-child.ts", import.meta.url), [base], {
    stdio: ["ignore", "inherit", "pipe", "ipc"],
    // V8's code cache for Astro, Vite and the bundler (compiled once, then read): the process starts ~0.3 s sooner
    env: { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? COMPILE_CACHE },
  });
  // Below the build's own priority: while it validates, models or makes the page data, the bundling takes what is left
  // rather than slowing it down (measured at 10,000 people: validate 3.7 s, not 7.9 s, beside two bundling processes).
  // Not so for the sample's one process: the build waits for its bundling, not the other way round (at the same
  // priority its cold build took ~0.6 s less, its ingest ~0.25 s more).
  try {
    if (!atBuildPriority) setPriority(child.pid!, 10);
  } catch {
    // not allowed here: the same process at the same priority
  }
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${signal ?? `exit ${code}`}\n${stderr.trim().split("\n").slice(-20).join("\n")}`));
    });
  });
  exited.catch(() => {}); // a process stopped, or failed before its turn: `render` reports it
  return { child, exited };
}

/**
 * Moves every file of `from` into `to`. A file both shards wrote (the bundle's assets, pages without parameters) is
 * the same file: the first one is kept.
 */
function mergeInto(from: string, to: string): void {
  // Synchronous: the build waits for nothing else meanwhile, and each call through the thread pool cost several
  // times the call (see sync-writes.ts); the second shard's people/ alone is ~5,000 folders at 10,000 people.
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    const existing = statSync(target, { throwIfNoEntry: false });
    if (entry.isDirectory() && existing?.isDirectory()) mergeInto(source, target);
    else if (!existing) renameSync(source, target);
  }
}
