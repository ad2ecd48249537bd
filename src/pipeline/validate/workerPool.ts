/**
 * A small pool of worker threads that scan roster parts in parallel. Workers start on first
 * use and stop with `close()`; a failure inside a worker is a bug and rejects the job.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { currentSalt } from "./keyTable.ts";
import type { RosterJob, RosterScan } from "./rosterScan.ts";
import type { WorkerReply, WorkerRequest } from "./rosterWorker.ts";

interface Pending {
  resolve: (scan: RosterScan) => void;
  reject: (e: Error) => void;
  onProgress?: (bytes: number, rows: number) => void;
}

/** Threads to use: one per core, at most 4. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<() => void> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(readonly size: number) {}

  private spawn(): Worker {
    const entry = new URL("./rosterWorker.ts", import.meta.url).href;
    const worker = new Worker(new URL("./workerBoot.mjs", import.meta.url), {
      workerData: { entry },
    });
    worker.on("message", (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      if ("progress" in reply) {
        p.onProgress?.(...reply.progress);
        return;
      }
      this.pending.delete(reply.id);
      this.release(worker);
      if ("scan" in reply) p.resolve(reply.scan);
      else p.reject(new Error(`roster worker failed: ${reply.error}`));
    });
    worker.on("error", (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    this.workers.push(worker);
    return worker;
  }

  private release(worker: Worker): void {
    const next = this.queue.shift();
    this.idle.push(worker);
    next?.();
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.workers.length < this.size) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.queue.push(() => resolve(this.idle.pop()!)));
  }

  /** Runs one scan in a worker. */
  async run(
    job: RosterJob,
    onProgress?: (bytes: number, rows: number) => void,
  ): Promise<RosterScan> {
    const worker = await this.acquire();
    const id = this.nextId++;
    return new Promise<RosterScan>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, job, salt: currentSalt() } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
    this.idle.length = 0;
  }
}
