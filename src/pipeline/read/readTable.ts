/**
 * Reading a table from a file on disk: the Node entry to `parseTable`. With `listDataDir`
 * and `fsSource`, this is where the pipeline touches the file system. Workbooks (.xlsx, .xls)
 * are opened here with the workbook library; their bytes come through the same chunks.
 */
import { createReadStream } from "node:fs";
import { parseTable, type ParseTableOptions, type ReadTableResult } from "./parseTable.ts";
import type { ByteChunks } from "./source.ts";
import { openWorkbook, WORKBOOK_FILE } from "./workbook.ts";

export {
  normalizeCell,
  parseTable,
  type ParseTableOptions,
  type ReadTableResult,
  type TableHeader,
} from "./parseTable.ts";

export interface FileChunkOptions {
  /** Bytes per read (default 1 MiB). */
  chunkBytes?: number;
  /** Read only bytes [start, end) of the file (a part planned by `planRanges`). */
  range?: { start: number; end: number };
}

export interface ReadTableOptions
  extends Omit<ParseTableOptions, "chunks" | "workbook">, FileChunkOptions {
  /** Absolute path to open. */
  path: string;
}

/**
 * A file's bytes as chunks; an open or read failure surfaces with its errno code. The file is
 * opened only when the first chunk is asked for, and closed however the reader stops.
 */
export async function* fileChunks(path: string, opts: FileChunkOptions = {}): ByteChunks {
  const stream = createReadStream(path, {
    highWaterMark: opts.chunkBytes ?? 1 << 20,
    ...(opts.range ? { start: opts.range.start, end: opts.range.end - 1 } : {}),
  });
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
  } finally {
    stream.destroy();
  }
}

/** Streams one CSV file or reads one workbook on disk into rows (see `parseTable`). */
export function readTable(opts: ReadTableOptions): Promise<ReadTableResult> {
  const { path, chunkBytes, range, ...rest } = opts;
  const chunks = fileChunks(path, { chunkBytes, range });
  // A workbook is read whole; a part of a file (`range`) is always CSV.
  const workbook = WORKBOOK_FILE.test(path) && !range ? { open: openWorkbook } : undefined;
  return parseTable({ ...rest, chunks, ...(workbook ? { workbook } : {}) });
}
