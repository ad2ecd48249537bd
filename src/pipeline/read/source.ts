/**
 * Where the bytes of a data folder's files come from. `check` and `build` read files on disk
 * (`fsSource`); the self-check page reads the files a school chose in its browser
 * (`blobSource`). Everything after the bytes — decoding, CSV, headers, checks — is the same
 * code for both.
 */

import type { ColumnHeader, FileKind } from "./headers.ts";
import type { OpenResult } from "./workbook.ts";
import { WORKBOOK_FILE } from "./workbookFile.ts";

/** A file's bytes in chunks, in order. */
export type ByteChunks = AsyncIterable<Uint8Array>;

export { WORKBOOK_FILE };

/**
 * Opens a whole workbook's bytes and picks the sheet to read (`openWorkbook` in workbook.ts).
 * Handed in by the sources that read workbooks, so that code reading CSV only does not carry
 * the workbook library (the self-check page adds it to its worker only when a workbook is
 * chosen).
 */
export type WorkbookOpener = (
  bytes: Uint8Array,
  kind: FileKind,
  columns: readonly ColumnHeader[],
) => OpenResult;

/** How a workbook file is read: its opener, and its size when known (to refuse it unread). */
export interface WorkbookInput {
  open: WorkbookOpener;
  size?: number;
}

/** A table file's bytes, and for a workbook how to open them (absent: read as CSV text). */
export interface TableInput {
  chunks: ByteChunks;
  workbook?: WorkbookInput;
}

export interface DataSource {
  /** The bytes of a file (path relative to the data folder, forward slashes). */
  chunks(file: string): ByteChunks;
  /** Lines expected over these files, to size tables once (see `estimateFromSample`). */
  estimateRows(files: readonly string[]): Promise<number>;
  /** The file's path on disk, for worker threads that open it themselves; absent in a browser. */
  path?(file: string): string;
  /** Opens workbooks; absent where only CSV files are read (every file is then CSV text). */
  workbook?: WorkbookOpener;
}

/** A file of a source as a table parser's input: a workbook when its name says so. */
export function tableInput(source: DataSource, file: string, size?: number): TableInput {
  const chunks = source.chunks(file);
  if (!source.workbook || !WORKBOOK_FILE.test(file)) return { chunks };
  return { chunks, workbook: { open: source.workbook, ...(size ? { size } : {}) } };
}

/** Bytes looked at per file to estimate its lines. */
export const ESTIMATE_SAMPLE_BYTES = 1 << 16;

/** A workbook is compressed: about this many bytes a row for a roster. */
export const WORKBOOK_ROW_BYTES = 60;

/**
 * Lines expected in a file of `size` bytes from the line breaks in its first bytes, so that
 * tables keyed by row can be sized once instead of growing.
 */
export function estimateFromSample(size: number, sample: Uint8Array): number {
  let lines = 0;
  for (let i = sample.indexOf(0x0a); i >= 0; i = sample.indexOf(0x0a, i + 1)) lines++;
  return lines === 0 || sample.length === 0 ? 1 : Math.ceil((size / sample.length) * lines);
}
