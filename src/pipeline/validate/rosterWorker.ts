/** Worker thread: scans roster parts on request (see workerPool.ts). */
import { parentPort } from "node:worker_threads";
import { useSalt } from "./keyTable.ts";
import {
  scanRoster,
  type RosterBatch,
  type RosterJob,
  type RosterScanSummary,
} from "./rosterScan.ts";

export interface WorkerRequest {
  id: number;
  job: RosterJob;
  salt: [number, number];
}

export type WorkerReply =
  | { id: number; progress: [bytes: number, rows: number] }
  | { id: number; batch: RosterBatch }
  | { id: number; summary: RosterScanSummary }
  | { id: number; error: string };

const port = parentPort!;
port.on("message", (req: WorkerRequest) => {
  useSalt(req.salt);
  let last = 0;
  const onBatch = (batch: RosterBatch) => {
    const transfer = [batch.hashHi, batch.hashLo, batch.row, batch.info, batch.mask].map(
      (a) => a.buffer as ArrayBuffer,
    );
    port.postMessage({ id: req.id, batch } satisfies WorkerReply, transfer);
  };
  const onProgress = (bytes: number, rows: number) => {
    const now = performance.now();
    if (now - last < 200) return;
    last = now;
    port.postMessage({ id: req.id, progress: [bytes, rows] } satisfies WorkerReply);
  };
  scanRoster(req.job, onBatch, onProgress).then(
    (summary) => port.postMessage({ id: req.id, summary } satisfies WorkerReply),
    (e: unknown) =>
      port.postMessage({
        id: req.id,
        error: String((e as Error)?.stack ?? e),
      } satisfies WorkerReply),
  );
});
