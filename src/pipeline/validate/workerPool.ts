/**
 * A small pool of worker threads that scan roster parts in parallel. Workers start on first
 * use and stop with `close()`; a failure inside a worker is a bug and rejects the job.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { planRanges, type RangePlan } from "../read/planRanges.ts";
import { currentSalt } from "./keyTable.ts";
import {
  batchBuffers,
  type RosterBatch,
  type RosterJob,
  type RosterScanSummary,
} from "./rosterScan.ts";
import type { WorkerReply, WorkerRequest } from "./rosterWorker.ts";
import { rosterWorkerEntry } from "./workerEntry.ts";

interface Pending {
  resolve: (summary: RosterScanSummary) => void;
  reject: (e: Error) => void;
  onBatch: (batch: RosterBatch) => void;
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
  /** Workers being started (their entry may still be bundling). */
  private starting = 0;
  private readonly warming: Promise<void>[] = [];

  constructor(readonly size: number) {}

  private async spawn(): Promise<Worker> {
    const entry = await rosterWorkerEntry();
    const worker = new Worker(entry.url, {
      workerData: entry.data,
      // A bundled worker needs no TypeScript loader: don't inherit `--import tsx`.
      ...(entry.bundled ? { execArgv: [] } : {}),
      // A larger young generation: scanning allocates many short-lived strings.
      resourceLimits: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 96 },
    });
    worker.on("message", (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      if ("progress" in reply) {
        p.onProgress?.(...reply.progress);
        return;
      }
      if ("batch" in reply) {
        p.onBatch(reply.batch);
        const { students: _s, names: _n, ...arrays } = reply.batch;
        worker.postMessage(
          { ack: { ...arrays, students: [], names: [] } } satisfies WorkerRequest,
          batchBuffers(reply.batch),
        );
        return;
      }
      this.pending.delete(reply.id);
      this.release(worker);
      if ("summary" in reply) p.resolve(reply.summary);
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
    if (this.workers.length + this.starting < this.size) {
      this.starting++;
      return this.spawn().finally(() => this.starting--);
    }
    return new Promise((resolve) => this.queue.push(() => resolve(this.idle.pop()!)));
  }

  /** Runs one scan in a worker; batches arrive through `onBatch` in the part's row order. */
  async run(
    job: RosterJob,
    onBatch: (batch: RosterBatch) => void,
    onProgress?: (bytes: number, rows: number) => void,
  ): Promise<RosterScanSummary> {
    const worker = await this.acquire();
    const id = this.nextId++;
    return new Promise<RosterScanSummary>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onBatch, onProgress });
      worker.postMessage({ id, job, salt: currentSalt() } satisfies WorkerRequest);
    });
  }

  /** Plans how a file on disk is cut into one part per worker (null: read it whole). */
  plan(path: string): Promise<RangePlan | null> {
    return planRanges(path, this.size);
  }

  /** Starts every worker now (they then wait idle), so that their start-up overlaps other work. */
  warm(): void {
    while (this.workers.length + this.starting < this.size) {
      this.starting++;
      this.warming.push(
        this.spawn().then((w) => {
          this.starting--;
          this.release(w);
        }),
      );
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.warming);
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
    this.idle.length = 0;
  }
}
