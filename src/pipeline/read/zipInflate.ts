import { Unzip, UnzipInflate } from "fflate";

/** What inflating every entry of a zip archive (an .xlsx) found. */
export type ZipInflation =
  { kind: "ok"; inflated: number } | { kind: "too-large"; inflated: number } | { kind: "corrupt" };

/**
 * Inflates every entry of a zip archive without keeping what comes out, counting the bytes,
 * and stops as soon as they pass `limit`. The sizes written in a zip's headers can lie, so a
 * zip bomb is only caught by inflating: this runs before the workbook library sees the file.
 */
export function inflateCounting(bytes: Uint8Array, limit: number): ZipInflation {
  let inflated = 0;
  let over = false;
  let corrupt = false;
  let files = 0;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (entry) => {
    if (over || corrupt) return;
    files++;
    entry.ondata = (err, data) => {
      if (err) {
        corrupt = true;
        return;
      }
      inflated += data.length;
      if (inflated > limit && !over) {
        over = true;
        entry.terminate();
      }
    };
    entry.start();
  };
  try {
    // Pushed in slices so that a bomb is stopped within one slice of its start.
    const step = 1 << 14;
    for (let at = 0; at < bytes.length && !over && !corrupt; at += step) {
      unzip.push(bytes.subarray(at, Math.min(bytes.length, at + step)), at + step >= bytes.length);
    }
  } catch {
    corrupt = true;
  }
  if (over) return { kind: "too-large", inflated };
  if (corrupt || files === 0) return { kind: "corrupt" };
  return { kind: "ok", inflated };
}
