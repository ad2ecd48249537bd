/**
 * Files chosen in a browser (`File` objects, or any `Blob`) as a data source. Only slices of
 * the chosen files are read, one chunk at a time, so memory does not grow with the file, and
 * nothing is copied anywhere else.
 */
import {
  ESTIMATE_SAMPLE_BYTES,
  estimateFromSample,
  type ByteChunks,
  type DataSource,
  WORKBOOK_FILE,
  type WorkbookOpener,
  WORKBOOK_ROW_BYTES,
} from "./source.ts";

/** Bytes per read, as `fileChunks` reads on disk. */
const CHUNK_BYTES = 1 << 20;

/** A read failure, with the browser's name for it as the code (`E_FILE_UNREADABLE` shows it). */
class BlobReadError extends Error {
  override name = "BlobReadError";
  constructor(readonly code: string) {
    super(`blob read failed: ${code}`);
  }
}

async function readSlice(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  try {
    return new Uint8Array(await blob.slice(start, end).arrayBuffer());
  } catch (e) {
    throw new BlobReadError((e as Error)?.name || "NotReadableError");
  }
}

/** A blob's bytes as chunks of `chunkBytes`. */
export async function* blobChunks(blob: Blob, chunkBytes = CHUNK_BYTES): ByteChunks {
  for (let start = 0; start < blob.size; start += chunkBytes) {
    yield await readSlice(blob, start, Math.min(blob.size, start + chunkBytes));
  }
}

export interface BlobSourceOptions {
  /** Bytes per read (1 MiB). */
  chunkBytes?: number;
  /**
   * Opens the workbooks among the files (`openWorkbook`, the one `check` uses). Without it,
   * every file is read as CSV text, as a page that carries no workbook library must.
   */
  workbook?: WorkbookOpener;
}

/** Files by their path relative to the data folder (e.g. "2024-2025/students/名单.csv"). */
export function blobSource(
  files: ReadonlyMap<string, Blob>,
  { chunkBytes = CHUNK_BYTES, workbook }: BlobSourceOptions = {},
): DataSource {
  const blob = (file: string) => {
    const b = files.get(file);
    if (!b) throw new Error(`no such file in the source: ${file}`);
    return b;
  };
  return {
    chunks: (file) => blobChunks(blob(file), chunkBytes),
    estimateRows: async (list) => {
      let total = 0;
      for (const file of list) {
        const b = blob(file);
        if (WORKBOOK_FILE.test(file)) {
          total += Math.ceil(b.size / WORKBOOK_ROW_BYTES);
          continue;
        }
        // An unreadable file is reported when it is read; the estimate only sizes tables.
        const sample = await readSlice(b, 0, ESTIMATE_SAMPLE_BYTES).catch(() => null);
        if (sample) total += estimateFromSample(b.size, sample);
      }
      return total;
    },
    ...(workbook ? { workbook } : {}),
  };
}
