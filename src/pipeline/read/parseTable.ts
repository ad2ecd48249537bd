import { mask, type ProblemSink } from "../problems.ts";
import { CsvError, CsvParser, type Delimiter } from "./csv.ts";
import { DecodeError, StreamDecoder, type Encoding } from "./decode.ts";
import {
  COLUMNS,
  headerLookup,
  isPersonalHeader,
  normalizeHeader,
  type ColumnHeader,
  type FileKind,
} from "./headers.ts";

/** The header of a table as it was read. */
export interface TableHeader {
  readonly kind: FileKind;
  /** Per column of `COLUMNS[kind]`, the header text as written in the file, or null if absent. */
  readonly written: readonly (string | null)[];
}

/**
 * Options of the parsing core: the bytes come from any source (a file on disk, a file chosen
 * in a browser), so that the same code reads tables in `check`, `build` and the self-check
 * page.
 */
export interface ParseTableOptions {
  kind: FileKind;
  /** The file's bytes, in chunks (see `source.ts`). */
  chunks: AsyncIterable<Uint8Array>;
  /** Path relative to the data folder, for problems. */
  file: string;
  problems: ProblemSink;
  /** Called once with the header, before any row; returning false stops reading. */
  onHeader?: (header: TableHeader) => boolean | void;
  /**
   * Called per non-blank data row with the normalised cells in `COLUMNS[kind]` order
   * ("" where the column is absent or the cell is empty). The array is reused: copy what you keep.
   */
  onRow: (values: string[], row: number) => void;
  /**
   * Columns to treat as absent even when present (a command that never looks at them, e.g.
   * `check` and the names of pupils): their cells are not even sliced out of the line.
   */
  skip?: readonly string[];
  /** Called after each chunk with the bytes read and rows seen so far in this file. */
  onProgress?: (bytes: number, rows: number) => void;
  /** Awaited after each chunk: lets a consumer that is behind hold the reading back. */
  afterChunk?: () => Promise<void> | void;
  /**
   * For a part after the first: the header cells and delimiter read from the file's start.
   * Every record of the part is data, numbered from 1 within the part.
   */
  continuation?: { headerCells: readonly string[]; delimiter: Delimiter };
}

export interface ReadTableResult {
  /** False when the file could not be read as a table at all. */
  ok: boolean;
  encoding: Encoding | null;
  bytes: number;
  /** Data rows handed to `onRow`. */
  rows: number;
  /** Records seen, blank ones and the header included: the last row number given out. */
  records: number;
  /** Whether any quote character was met (a part's cut could then fall inside a cell). */
  quoted: boolean;
  header: TableHeader | null;
}

/**
 * A character NFKC may change: anything but ASCII, CJK unified ideographs and common CJK
 * punctuation. Text without one needs no normalisation, only trimming.
 */
const NFKC_UNSTABLE =
  /[^\t\n\r -\u007f\u4e00-\u9fff\u3001\u3002\u300a-\u300f\u2014\u2018\u2019\u201c\u201d]/;

/** NFKC-normalises and trims a cell (full-width digits, U+3000 …); cheap for the common case. */
export function normalizeCell(raw: string): string {
  return (NFKC_UNSTABLE.test(raw) ? raw.normalize("NFKC") : raw).trim();
}

class StopReading extends Error {
  override name = "StopReading";
}

/**
 * Streams one CSV file's bytes into rows. Personal columns are dropped here and never copied
 * out. Touches no file system: `readTable` (Node) and `blobSource` (browser) hand it bytes.
 */
export async function parseTable(opts: ParseTableOptions): Promise<ReadTableResult> {
  const { kind, file, problems } = opts;
  const columns = COLUMNS[kind] as readonly ColumnHeader[];
  const lookup = headerLookup(kind);
  const width = columns.length;
  /** Free-text columns keep their characters as typed (only trimmed). */
  const freeText = columns.map((c) => c.text === true);
  const values: string[] = new Array<string>(width).fill("");
  /** Source cell index per column, -1 if absent. */
  const source: number[] = new Array<number>(width).fill(-1);
  let header: TableHeader | null = null;
  let headerCells = 0;
  let rows = 0;
  let bytes = 0;

  const takeHeader = (cells: readonly string[], row: number, quiet = false) => {
    const written: (string | null)[] = new Array<string | null>(width).fill(null);
    const unknown: string[] = [];
    const dropped: string[] = [];
    cells.forEach((cell, i) => {
      const name = normalizeHeader(cell);
      if (name === "") return;
      const c = lookup.get(name.toLowerCase());
      if (c && opts.skip?.includes(c.key)) return;
      if (!c) {
        (isPersonalHeader(name) ? dropped : unknown).push(name);
        return;
      }
      const idx = columns.indexOf(c);
      if (source[idx] !== -1) {
        if (quiet) return;
        problems.report("E_HEADER_DUPLICATE", file, row, cell.trim(), {
          value: cell.trim(),
          extra: written[idx] ?? c.header,
        });
        return;
      }
      source[idx] = i;
      written[idx] = cell.trim();
    });
    headerCells = cells.length;
    while (headerCells > 0 && normalizeHeader(cells[headerCells - 1]!) === "") headerCells--;
    // Only mapped cells are sliced out of each line; the rest of the header's width stays empty.
    const wanted = new Uint8Array(headerCells);
    for (const s of source) if (s >= 0 && s < headerCells) wanted[s] = 1;
    parser.wanted = wanted;
    if (dropped.length && !quiet) {
      problems.report("W_PERSONAL_COLUMNS_DROPPED", file, row, null, { value: dropped.join("、") });
    }
    const recognised = source.some((s) => s !== -1);
    if (!recognised && !quiet) {
      // No known column at all: this is data (an export without its header row) or another
      // kind of file. Its cells may be a child's details, so none is quoted.
      problems.report("E_HEADER_NOT_FOUND", file, row, null, {
        expected: columns
          .filter((c) => c.required)
          .map((c) => c.header)
          .join("、"),
      });
      throw new StopReading();
    }
    if (unknown.length && !quiet) {
      // Unknown headers are quoted, except ones that look like data (a number, a date).
      const shown = unknown.map((u) => (/\d{4}/.test(u) ? mask(u) : u));
      problems.report("W_HEADER_UNKNOWN", file, row, null, { value: shown.join("、") });
    }
    let ok = true;
    columns.forEach((c, i) => {
      if (c.required && source[i] === -1 && !quiet) {
        ok = false;
        problems.report("E_HEADER_MISSING", file, row, c.header, {
          value: c.header,
          extra: c.aliases.length ? c.aliases.join("、") : undefined,
        });
      }
    });
    header = { kind, written };
    if (opts.onHeader?.(header) === false) ok = false;
    if (!ok) throw new StopReading();
  };

  const parser = new CsvParser((cells, count, row) => {
    if (header === null) {
      const record = cells.slice(0, count);
      if (record.every((c) => c.trim() === "")) return;
      takeHeader(record, row);
      return;
    }
    if (count > headerCells) {
      for (let i = headerCells; i < count; i++) {
        if (cells[i]!.trim() !== "") {
          problems.report("E_ROW_TOO_MANY_CELLS", file, row, null, {
            count,
            extra: String(headerCells),
          });
          return;
        }
      }
    }
    let blank = true;
    // Chunks are tested once for characters NFKC would change; most are plain.
    const unstable = unstableText;
    for (let i = 0; i < width; i++) {
      const s = source[i]!;
      const v =
        s < 0 || s >= count
          ? ""
          : unstable && !freeText[i]
            ? normalizeCell(cells[s]!)
            : cells[s]!.trim();
      values[i] = v;
      if (v !== "") blank = false;
    }
    if (blank) return;
    rows++;
    opts.onRow(values, row);
  }, opts.continuation?.delimiter);

  const decoder = new StreamDecoder();
  const summary = () => ({
    encoding: decoder.encoding,
    bytes,
    rows,
    header,
    records: parser.rows,
    quoted: parser.quoted,
  });
  /** Whether the text the parser is working on may need NFKC (see `feed`). */
  let unstableText = true;
  /** Whether the parser's unfinished record holds a character NFKC may change. */
  let restUnstable = false;
  /** Excel for Mac writes CR alone as the line break; such text is read with LF instead. */
  let crOnly: boolean | null = null;
  const feed = (raw: string) => {
    crOnly ??= raw.length > 0 ? raw.includes("\r") && !raw.includes("\n") : null;
    const text = crOnly ? raw.replace(/\r/g, "\n") : raw;
    // Chunks are tested once for characters NFKC would change; a record left unfinished by
    // earlier chunks carries its own flag, however many chunks it spans.
    const unstable = NFKC_UNSTABLE.test(text);
    unstableText = unstable || restUnstable;
    parser.push(text);
    const rest = parser.pending;
    restUnstable = rest > 0 && (rest > text.length ? unstableText : unstable);
  };
  try {
    if (opts.continuation) takeHeader(opts.continuation.headerCells, 0, true);
    // Leaving the loop early (a problem that stops the file) closes the source.
    for await (const chunk of opts.chunks) {
      bytes += chunk.length;
      feed(decoder.push(chunk));
      opts.onProgress?.(bytes, parser.rows);
      if (opts.afterChunk) await opts.afterChunk();
    }
    feed(decoder.end());
    unstableText = true;
    parser.end();
  } catch (e) {
    const result = { ...summary(), ok: false };
    if (e instanceof StopReading) return result;
    if (e instanceof DecodeError) {
      const code = e.failure.kind === "binary" ? "E_FILE_BINARY" : "E_ENCODING_INVALID";
      problems.report(code, file, null, null, { extra: e.failure.reason });
      return result;
    }
    if (e instanceof CsvError) {
      const code = e.kind === "too-long" ? "E_ROW_TOO_LONG" : "E_QUOTE_UNCLOSED";
      problems.report(code, file, e.row, null);
      return result;
    }
    // A read failure of the source: Node's errno code, or the name a browser gives it.
    const err = e as { code?: unknown };
    if (typeof err?.code === "string") {
      problems.report("E_FILE_UNREADABLE", file, null, null, { extra: err.code });
      return result;
    }
    throw e;
  }
  const base = summary();
  if (opts.continuation) return { ...base, ok: true };
  if (bytes === 0 || header === null) {
    problems.report("E_FILE_EMPTY", file, null, null);
    return { ...base, ok: false };
  }
  if (rows === 0) problems.report("W_FILE_NO_ROWS", file, null, null);
  return { ...base, ok: true };
}
