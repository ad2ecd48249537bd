/**
 * Where the bytes of a data folder's files come from. `check` and `build` read files on disk
 * (`fsSource`); the self-check page reads the files a school chose in its browser
 * (`blobSource`). Everything after the bytes — decoding, CSV, headers, checks — is the same
 * code for both.
 */

/** A file's bytes in chunks, in order. */
export type ByteChunks = AsyncIterable<Uint8Array>;

export interface DataSource {
  /** The bytes of a file (path relative to the data folder, forward slashes). */
  chunks(file: string): ByteChunks;
  /** Lines expected over these files, to size tables once (see `estimateFromSample`). */
  estimateRows(files: readonly string[]): Promise<number>;
  /** The file's path on disk, for worker threads that open it themselves; absent in a browser. */
  path?(file: string): string;
}

/** Bytes looked at per file to estimate its lines. */
export const ESTIMATE_SAMPLE_BYTES = 1 << 16;

/**
 * Lines expected in a file of `size` bytes from the line breaks in its first bytes, so that
 * tables keyed by row can be sized once instead of growing.
 */
export function estimateFromSample(size: number, sample: Uint8Array): number {
  let lines = 0;
  for (let i = sample.indexOf(0x0a); i >= 0; i = sample.indexOf(0x0a, i + 1)) lines++;
  return lines === 0 || sample.length === 0 ? 1 : Math.ceil((size / sample.length) * lines);
}
