// The leak scan in a worker thread, so that it reads and scans the output while the page check does the same on the
// main thread (at 10,000 people each takes seconds of CPU over ~300 MB; a build machine has 2 cores or more).
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { scanForLeaks, type Leak, type PrivateValues } from "./leaks.ts";

/** scanForLeaks(dir, values), run on another thread. */
export function scanForLeaksInWorker(dir: string, values: PrivateValues): Promise<Leak[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { dir, values } });
    worker.once("message", (leaks: Leak[]) => resolve(leaks));
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`leak scan stopped with exit code ${code}`)));
  });
}

if (!isMainThread && workerData?.dir) {
  const { dir, values } = workerData as { dir: string; values: PrivateValues };
  parentPort!.postMessage(await scanForLeaks(dir, values));
}
