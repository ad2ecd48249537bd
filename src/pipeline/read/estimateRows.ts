import { open } from "node:fs/promises";
import {
  ESTIMATE_SAMPLE_BYTES,
  estimateFromSample,
  WORKBOOK_FILE,
  WORKBOOK_ROW_BYTES,
} from "./source.ts";

/**
 * Estimates the number of lines in CSV files (and rows in workbooks, from their size) from the average line length of the first 64 KB
 * of each, so that tables keyed by row can be sized once instead of growing (and briefly
 * holding two copies) as rows arrive. Never reads more than 64 KB per file.
 */
export async function estimateRows(paths: readonly string[]): Promise<number> {
  let total = 0;
  const buf = Buffer.alloc(ESTIMATE_SAMPLE_BYTES);
  for (const p of paths) {
    const fh = await open(p, "r").catch(() => null);
    if (!fh) continue;
    try {
      const { size } = await fh.stat();
      if (WORKBOOK_FILE.test(p)) {
        total += Math.ceil(size / WORKBOOK_ROW_BYTES);
        continue;
      }
      const { bytesRead } = await fh.read(buf, 0, ESTIMATE_SAMPLE_BYTES, 0);
      total += estimateFromSample(size, buf.subarray(0, bytesRead));
    } finally {
      await fh.close();
    }
  }
  return total;
}
