/**
 * The download per school year for officials and upper-level bureaus: the region's summary
 * PDF and the year's published tables in one zip.
 *
 * Entry names may be Chinese (the published tables are named cov.亲情电话.csv …): fflate
 * writes them in UTF-8 and sets the UTF-8 flag (bit 11) on exactly those entries, as the zip
 * specification (APPNOTE 6.3) says. The entries are marked as made on Unix (as Info-ZIP's zip
 * and macOS write them): Info-ZIP's unzip 6.0 translates the names of entries made on MS-DOS
 * from an OEM code page even when the UTF-8 flag is set, and garbles them. Every entry has the
 * same fixed time, so the same files give the same zip bytes.
 */
import { zipSync, type Zippable } from "fflate";
import { summaryTitle } from "./printTemplates.ts";

/**
 * The time of every entry: 1980-01-01 00:00, the earliest a zip can hold, as reproducible
 * builds use. Zip times carry no time zone and fflate writes the Date's local fields, so the
 * Date is made from local fields when the zip is made: the same bytes in every time zone.
 */
export const zipEntryTime = () => new Date(1980, 0, 1, 0, 0, 0);

/** The name of the region's summary in the zip: "青岚县2024-2025学年留守儿童关爱工作统计摘要.pdf". */
export function summaryFileName(unitName: string, year: string): string {
  // eslint-disable-next-line no-control-regex
  return `${unitName}${summaryTitle(year)}.pdf`.replace(/[\u0000-\u001f\u007f\\/:*?"<>|]/g, "_");
}

/** "Made by" Unix, and the mode of an ordinary file readable by all (rw-r--r--). */
const UNIX = 3;
const FILE_MODE = (0o100644 << 16) >>> 0;

export interface BundleEntry {
  /** Name in the zip: a relative path with forward slashes. */
  name: string;
  content: Uint8Array;
}

/** The zip of the entries, in their order. Throws on a duplicate or unsafe name. */
export function yearBundle(entries: readonly BundleEntry[]): Uint8Array {
  const files: Zippable = {};
  const mtime = zipEntryTime();
  for (const { name, content } of entries) {
    const parts = name.split("/");
    // eslint-disable-next-line no-control-regex
    const unsafe = /[\u0000-\u001f\u007f\\:*?"<>|]/.test(name);
    if (unsafe || parts.some((p) => p === "" || p === "." || p === "..")) {
      throw new Error(`yearBundle: not a safe relative entry name: ${name}`);
    }
    if (Object.hasOwn(files, name)) throw new Error(`yearBundle: duplicate entry ${name}`);
    // PDFs are compressed already; the tables shrink a lot.
    const level: 0 | 9 = name.endsWith(".pdf") ? 0 : 9;
    files[name] = [content, { mtime, level, os: UNIX, attrs: FILE_MODE }];
  }
  return zipSync(files);
}
