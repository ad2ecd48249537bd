/**
 * Child process of `npm run bench`: runs the check exactly as `npm run check` does (same
 * options, no output files) and prints one JSON line with its time and peak memory.
 */
import { validateData } from "../src/pipeline/validate/validateData.ts";
import { defaultThreads } from "../src/pipeline/validate/workerPool.ts";

const dir = process.argv[2];
if (!dir) throw new Error("usage: benchCheck.ts DIR");
let rows = 0;
const started = performance.now();
const result = await validateData(dir, {
  keepRows: false,
  threads: defaultThreads(),
  onProgress: (e) => {
    if (e.done) rows += e.rows;
  },
});
const seconds = (performance.now() - started) / 1000;
// maxRSS covers the whole process, worker threads included (kilobytes on Linux).
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ seconds, peakRssMb, errors: result.errors, rows })}\n`);
