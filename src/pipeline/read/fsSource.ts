import { resolveDataPath } from "./dataDir.ts";
import { estimateRows } from "./estimateRows.ts";
import { fileChunks } from "./readTable.ts";
import type { DataSource } from "./source.ts";
import { openWorkbook } from "./workbook.ts";

/** The files of a data folder on disk, CSV files and workbooks alike. */
export function fsSource(root: string): DataSource {
  return {
    chunks: (file) => fileChunks(resolveDataPath(root, file)),
    estimateRows: (files) => estimateRows(files.map((f) => resolveDataPath(root, f))),
    path: (file) => resolveDataPath(root, file),
    workbook: openWorkbook,
  };
}
