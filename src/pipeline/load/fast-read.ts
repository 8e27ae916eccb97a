// The fast path's read of every input file (readFast: the bytes checked, the records scanned), one file per worker
// thread at a time when the files are large: the scan is JavaScript over every byte, and on the main thread the read
// stage kept one core busy and the other idle (10,000 people and 5 M input rows: 550 MB of files, ~2-3 s, the
// largest file, recognition.json, about half of it). A worker sends back its scan's arrays without copying them.
import { availableParallelism } from "node:os";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { INPUTS, type InputSpec } from "../inputs.ts";
import { readFast, type FastInput } from "./fast.ts";

/** One file to read: its input (by entity), its path and the path problems name. */
export interface ReadJob {
  entity: string;
  path: string;
  displayPath: string;
  /** Its size in bytes: the largest files go first. */
  bytes: number;
}

/** Files together smaller than this are read on the main thread: a worker costs its start and its module loading. */
export const WORKER_BYTES = 32 * 1024 * 1024;

type Sent = Omit<FastInput, "spec"> | undefined;

const specOf = (entity: string): InputSpec => INPUTS.find((s) => s.entity === entity)!;

/** readFast of every job (undefined where the JavaScript reader must read the file), in the jobs' order. */
export async function readFastAll(
  jobs: ReadJob[],
  threads = Math.min(2, availableParallelism()),
  workerBytes = WORKER_BYTES,
): Promise<(FastInput | undefined)[]> {
  const total = jobs.reduce((n, j) => n + j.bytes, 0);
  const results: (FastInput | undefined)[] = new Array(jobs.length);
  if (threads < 2 || total < workerBytes) {
    for (const [i, j] of jobs.entries()) results[i] = await readFast(specOf(j.entity), j.path, j.displayPath);
    return results;
  }
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.bytes - jobs[a]!.bytes || a - b);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(threads, jobs.length) }, async () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { fastRead: true } });
      try {
        while (next < order.length) {
          const i = order[next++]!;
          const sent = await ask(worker, jobs[i]!);
          results[i] = sent && { ...sent, spec: specOf(jobs[i]!.entity) };
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return results;
}

function ask(worker: Worker, job: ReadJob): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const cleanup = () => (worker.off("message", onMessage), worker.off("error", onError), worker.off("exit", onExit));
    const onMessage = (m: { sent?: Sent; error?: string }) => (cleanup(), m.error ? reject(new Error(m.error)) : resolve(m.sent));
    const onError = (e: Error) => (cleanup(), reject(e));
    const onExit = (code: number) => (cleanup(), reject(new Error(`reading ${job.displayPath}: its worker thread stopped (exit code ${code})`)));
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(job);
  });
}

if (!isMainThread && (workerData as { fastRead?: boolean } | undefined)?.fastRead) {
  parentPort!.on("message", async (job: ReadJob) => {
    try {
      const fast = await readFast(specOf(job.entity), job.path, job.displayPath);
      if (!fast) return parentPort!.postMessage({ sent: undefined });
      const { spec: _, ...sent } = fast;
      const { lines, lineStarts, starts, ends } = fast.scan;
      const buffers = [lines, lineStarts, starts, ends].map((a) => a.buffer as ArrayBuffer);
      parentPort!.postMessage({ sent }, [...new Set(buffers)]);
    } catch (error) {
      parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
    }
  });
}
