// Entry of every worker thread: when running from TypeScript sources (tsx), register the
// TypeScript loader in this thread first, then load the worker module named in workerData.
import { workerData } from "node:worker_threads";

if (workerData.entry.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.entry);
