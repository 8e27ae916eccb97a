// The check of each output file, in one read: a page's references (another origin; links to files the site lacks) and
// every text file's private values. Files are dealt out to worker threads (each reads and scans its share: at 10,000
// people ~300 MB of output, seconds of CPU per pass) and the results put back in the order of the walk. Each thread
// reads its files one after another with the synchronous calls: on the machines this runs on, a call through libuv's
// thread pool costs several times the call itself (5,000 pages written: 1.41 s with fs/promises, 0.29 s synchronously),
// and a check thread has nothing else to do meanwhile.
import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { relative, sep } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { leakScanner, isText, type Leak, type PrivateValues } from "./leaks.ts";
import { checkPage } from "./links.ts";

export interface FileCheck {
  bytes: number;
  isPage: boolean;
  /** "refers to another origin (…)", for a page that does. */
  external?: string;
  /** References of a page to files the site does not hold. */
  missing: string[];
  leaks: Leak[];
}

interface Job {
  dir: string;
  paths: string[];
  /** Every file of the site, relative to it, with "/" separators. */
  site: string[];
  base: string;
  values: PrivateValues;
}

/** Checks the files of one share, in this thread. */
export function checkFiles({ dir, paths, site, base, values }: Job): FileCheck[] {
  const files = new Set(site);
  const scan = leakScanner(values);
  const check = (path: string): FileCheck => {
    if (!isText(path)) return { bytes: statSync(path).size, isPage: false, missing: [], leaks: [] };
    const buffer = readFileSync(path);
    const file = relative(dir, path).split(sep).join("/");
    const text = buffer.toString("utf8");
    const leaks = scan(text, file);
    if (!path.endsWith(".html")) return { bytes: buffer.length, isPage: false, missing: [], leaks };
    return { bytes: buffer.length, isPage: true, ...checkPage(text, file, files, base), leaks };
  };
  return paths.map(check);
}

/** Files per thread below which another thread does not pay (the sample's 468 files: 0.32 s on one, 0.48 s on two). */
export const FILES_PER_THREAD = 2000;

/** Checks every file of `paths` (under `dir`) on up to `threads` worker threads; results in the order of `paths`. */
export async function checkFilesInThreads(job: Job, threads = Math.min(4, availableParallelism())): Promise<FileCheck[]> {
  // a thread per FILES_PER_THREAD files, up to `threads` (a thread costs its start and its module loading)
  const count = Math.max(1, Math.min(threads, Math.floor(job.paths.length / FILES_PER_THREAD)));
  const shares = Array.from({ length: count }, (_, k) => job.paths.filter((_, i) => i % count === k));
  if (shares.length === 1) return checkFiles(job);
  const results = await Promise.all(shares.map((paths) => inWorker({ ...job, paths })));
  return job.paths.map((_, i) => results[i % count]![Math.floor(i / count)]!);
}

function inWorker(job: Job): Promise<FileCheck[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`output check stopped with exit code ${code}`)));
  });
}

if (!isMainThread && (workerData as Job | undefined)?.paths) parentPort!.postMessage(checkFiles(workerData as Job));
