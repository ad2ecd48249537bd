import { open } from "node:fs/promises";
import { CsvParser, type Delimiter } from "./csv.ts";
import { StreamDecoder } from "./decode.ts";

/** How a large file is cut into parts that can be read in parallel. */
export interface RangePlan {
  /** Header cells and delimiter, read from the start of the file. */
  headerCells: string[];
  delimiter: Delimiter;
  /** Byte ranges [start, end), each beginning at the start of a line. */
  ranges: { start: number; end: number }[];
}

const WINDOW = 1 << 16;
const MIN_PART = 1 << 20;

/**
 * Plans `parts` byte ranges of a CSV file, cut just after the first line break past each
 * even split. A line break is the byte 0x0A in every accepted encoding (GB18030 never uses
 * it inside a character), so a cut never splits a character. A cut could still fall inside
 * a quoted cell: readers report whether they met a quote, and the caller then reads the
 * file whole. Returns null when the file is too small to cut or its header can't be read.
 */
export async function planRanges(path: string, parts: number): Promise<RangePlan | null> {
  const fh = await open(path, "r").catch(() => null);
  if (!fh) return null;
  try {
    const { size } = await fh.stat();
    if (parts < 2 || size < MIN_PART * parts) return null;
    const head = Buffer.alloc(WINDOW);
    const { bytesRead } = await fh.read(head, 0, WINDOW, 0);
    let headerCells: string[] | null = null;
    const parser = new CsvParser((cells, count) => {
      headerCells ??= cells.slice(0, count);
    });
    try {
      const text = new StreamDecoder().push(head.subarray(0, bytesRead));
      const nl = text.indexOf("\n");
      if (nl < 0) return null;
      parser.push(text.slice(0, nl + 1));
    } catch {
      return null;
    }
    const cells = headerCells as string[] | null;
    if (cells === null || cells.every((c) => c.trim() === "") || parser.delimiter === null) {
      return null;
    }
    const cuts = [0];
    const window = Buffer.alloc(WINDOW);
    for (let k = 1; k < parts; k++) {
      const target = Math.floor((size * k) / parts);
      const { bytesRead: n } = await fh.read(window, 0, WINDOW, target);
      const nl = window.subarray(0, n).indexOf(0x0a);
      if (nl < 0) return null;
      const cut = target + nl + 1;
      if (cut <= cuts[cuts.length - 1]! || cut >= size) return null;
      cuts.push(cut);
    }
    cuts.push(size);
    return {
      headerCells: cells,
      delimiter: parser.delimiter,
      ranges: cuts.slice(0, -1).map((start, i) => ({ start, end: cuts[i + 1]! })),
    };
  } finally {
    await fh.close();
  }
}
