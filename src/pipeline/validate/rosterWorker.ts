/** Worker thread: scans roster parts on request (see workerPool.ts). */
import { parentPort } from "node:worker_threads";
import { useSalt } from "./keyTable.ts";
import { scanRoster, type RosterJob } from "./rosterScan.ts";

export interface WorkerRequest {
  id: number;
  job: RosterJob;
  salt: [number, number];
}

export type WorkerReply =
  | { id: number; progress: [bytes: number, rows: number] }
  | { id: number; scan: Awaited<ReturnType<typeof scanRoster>> }
  | { id: number; error: string };

const port = parentPort!;
port.on("message", (req: WorkerRequest) => {
  useSalt(req.salt);
  let last = 0;
  scanRoster(req.job, (bytes, rows) => {
    const now = performance.now();
    if (now - last < 200) return;
    last = now;
    port.postMessage({ id: req.id, progress: [bytes, rows] } satisfies WorkerReply);
  }).then(
    (scan) => {
      const transfer = [scan.hashHi, scan.hashLo, scan.row, scan.school, scan.lb, scan.valid].map(
        (a) => a.buffer as ArrayBuffer,
      );
      port.postMessage({ id: req.id, scan } satisfies WorkerReply, transfer);
    },
    (e: unknown) =>
      port.postMessage({
        id: req.id,
        error: String((e as Error)?.stack ?? e),
      } satisfies WorkerReply),
  );
});
