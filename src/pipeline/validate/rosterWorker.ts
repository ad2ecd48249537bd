/** Worker thread: scans roster parts on request (see workerPool.ts). */
import { parentPort } from "node:worker_threads";
import { fileChunks } from "../read/readTable.ts";
import { useSalt } from "./keyTable.ts";
import {
  batchBuffers,
  scanRoster,
  type RosterBatch,
  type RosterJob,
  type RosterScanSummary,
} from "./rosterScan.ts";

export type WorkerRequest =
  | { id: number; job: RosterJob; salt: [number, number] }
  /** The main thread has merged a batch, and hands its arrays back for reuse. */
  | { ack: RosterBatch };

/**
 * Batches sent but not yet merged before the scan waits: the main thread may fall behind
 * (it shares the cores), and unmerged batches would then pile up in memory.
 */
const MAX_IN_FLIGHT = 4;
let inFlight = 0;
let resume: (() => void) | null = null;
const spare: RosterBatch[] = [];

export type WorkerReply =
  | { id: number; progress: [bytes: number, rows: number] }
  | { id: number; batch: RosterBatch }
  | { id: number; summary: RosterScanSummary }
  | { id: number; error: string };

const port = parentPort!;
port.on("message", (req: WorkerRequest) => {
  if ("ack" in req) {
    spare.push({ ...req.ack, students: [], names: [] });
    inFlight--;
    if (resume && inFlight < MAX_IN_FLIGHT) {
      const r = resume;
      resume = null;
      r();
    }
    return;
  }
  useSalt(req.salt);
  let last = 0;
  const onBatch = (batch: RosterBatch) => {
    const transfer = batchBuffers(batch);
    inFlight++;
    port.postMessage({ id: req.id, batch } satisfies WorkerReply, transfer);
  };
  const afterChunk = () =>
    inFlight < MAX_IN_FLIGHT ? undefined : new Promise<void>((r) => (resume = r));
  const onProgress = (bytes: number, rows: number) => {
    const now = performance.now();
    if (now - last < 200) return;
    last = now;
    port.postMessage({ id: req.id, progress: [bytes, rows] } satisfies WorkerReply);
  };
  const chunks = fileChunks(req.job.path, { range: req.job.range });
  scanRoster(req.job, { chunks }, onBatch, onProgress, afterChunk, spare).then(
    (summary) => port.postMessage({ id: req.id, summary } satisfies WorkerReply),
    (e: unknown) =>
      port.postMessage({
        id: req.id,
        error: String((e as Error)?.stack ?? e),
      } satisfies WorkerReply),
  );
});
