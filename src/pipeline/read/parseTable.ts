import { mask, type ProblemSink } from "../problems.ts";
import { CsvError, CsvParser, type Delimiter } from "./csv.ts";
import { DecodeError, StreamDecoder, type Encoding } from "./decode.ts";
import type { ByteChunks, WorkbookInput } from "./source.ts";
import { columnLetter, MAX_WORKBOOK_BYTES } from "./workbookFile.ts";
import type { OpenResult } from "./workbook.ts";
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
 * page. A workbook's bytes are gathered whole and opened by `workbook.open`; its header and
 * rows then go through the same header mapping and row handling as a CSV's records.
 */
export interface ParseTableOptions {
  kind: FileKind;
  /** The file's bytes, in chunks (see `source.ts`). */
  chunks: ByteChunks;
  /**
   * Set for a workbook file (see `tableInput`): the bytes are opened as a workbook instead of
   * being read as CSV text. Without it every file is read as CSV (the self-check page).
   */
  workbook?: WorkbookInput;
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
  /** For a workbook, the sheet that was read. */
  sheet: string | null;
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
  /** Source columns the rows need (set with the header). */
  let wanted: Uint8Array | null = null;
  /**
   * A header cell as problems name it: as written, and in a workbook with the column letter
   * Excel shows ("学籍号（D 列）").
   */
  let label = (_index: number, text: string) => text;
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
        problems.report("E_HEADER_DUPLICATE", file, row, label(i, cell.trim()), {
          value: cell.trim(),
          extra: written[idx] ?? c.header,
        });
        return;
      }
      source[idx] = i;
      written[idx] = label(i, cell.trim());
    });
    headerCells = cells.length;
    while (headerCells > 0 && normalizeHeader(cells[headerCells - 1]!) === "") headerCells--;
    // Only mapped cells are sliced out of each line; the rest of the header's width stays empty.
    wanted = new Uint8Array(headerCells);
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

  const onRecord = (cells: readonly string[], count: number, row: number) => {
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
  };
  const parser = new CsvParser(onRecord, opts.continuation?.delimiter);

  const decoder = new StreamDecoder();
  const summary = () => ({
    encoding: decoder.encoding,
    bytes,
    rows,
    header,
    records: parser.rows,
    quoted: parser.quoted,
    sheet: null,
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
  if (opts.workbook && !opts.continuation) {
    label = (index, text) => `${text}（${columnLetter(index)} 列）`;
    return readWorkbookTable(opts, opts.workbook, onRecord, () => ({ header, rows, wanted }));
  }
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

/** Human-readable size: "120.5 MB". */
function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Excel row numbers as a short list: "第 5、6、9 行" (at most 10, then "等"). */
function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 10).join("、");
  return `第 ${shown} 行${rows.length > 10 ? "等" : ""}`;
}

/**
 * A workbook's bytes, gathered whole (the library reads a workbook in one piece anyway).
 * Over the limit, nothing more is kept and only the size is counted; a size known beforehand
 * refuses the file without reading it.
 */
async function gatherWorkbook(
  chunks: ByteChunks,
  known: number | undefined,
): Promise<{ bytes: Uint8Array | null; size: number }> {
  if (known !== undefined && known > MAX_WORKBOOK_BYTES) return { bytes: null, size: known };
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size <= MAX_WORKBOOK_BYTES) parts.push(chunk);
    else parts.length = 0;
  }
  if (size > MAX_WORKBOOK_BYTES) return { bytes: null, size };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, size };
}

/**
 * The workbook side of `parseTable`: opens the workbook (limits, encryption, which sheet),
 * says what was skipped (title rows, hidden sheets) and hands the header and every row below
 * it to the same record handler as a CSV's records, numbered as Excel numbers its rows.
 */
async function readWorkbookTable(
  opts: ParseTableOptions,
  workbook: WorkbookInput,
  onRecord: (cells: readonly string[], count: number, row: number) => void,
  state: () => { header: TableHeader | null; rows: number; wanted: Uint8Array | null },
): Promise<ReadTableResult> {
  const { file, problems } = opts;
  const base = {
    encoding: null,
    bytes: 0,
    rows: 0,
    records: 0,
    quoted: false,
    header: null,
    sheet: null,
  };
  let opened: OpenResult;
  try {
    const gathered = await gatherWorkbook(opts.chunks, workbook.size);
    opened = gathered.bytes
      ? workbook.open(gathered.bytes, opts.kind, COLUMNS[opts.kind] as readonly ColumnHeader[])
      : { ok: false, failure: "too-large", bytes: gathered.size };
  } catch (e) {
    // A read failure of the source: Node's errno code, or the name a browser gives it.
    const err = e as { code?: unknown };
    if (typeof err?.code !== "string") throw e;
    problems.report("E_FILE_UNREADABLE", file, null, null, { extra: err.code });
    return { ...base, ok: false };
  }
  if (!opened.ok) {
    const bytes = opened.bytes;
    switch (opened.failure) {
      case "empty":
        // A workbook whose only filled sheets are hidden: say so, not just "empty".
        for (const name of opened.hiddenSheets ?? [])
          problems.report("W_WORKBOOK_HIDDEN_SHEET", file, null, null, { value: name });
        problems.report("E_FILE_EMPTY", file, null, null);
        break;
      case "too-large":
        problems.report("E_WORKBOOK_TOO_LARGE", file, null, null, {
          value: megabytes(bytes),
          expected: "100 MB",
        });
        break;
      case "zip-bomb":
        problems.report("E_WORKBOOK_ZIP_BOMB", file, null, null);
        break;
      case "encrypted":
        problems.report("E_WORKBOOK_ENCRYPTED", file, null, null);
        break;
      case "ambiguous":
        problems.report("E_WORKBOOK_SHEETS_AMBIGUOUS", file, null, null, {
          value: opened.sheets[0],
          extra: opened.sheets[1],
        });
        break;
      default:
        problems.report("E_WORKBOOK_UNREADABLE", file, null, null, {
          extra: opened.detail === "not-a-workbook" ? "文件开头不是 Excel 工作簿的格式" : undefined,
        });
    }
    return { ...base, bytes, ok: false };
  }
  const { sheet, hiddenSheets } = opened.workbook;
  problems.nameSheet(file, sheet.name);
  for (const name of hiddenSheets) {
    problems.report("W_WORKBOOK_HIDDEN_SHEET", file, null, null, { value: name });
  }
  if (sheet.headerRow > 1) {
    problems.report("W_HEADER_BELOW_TITLE", file, sheet.headerRow, null, {
      count: sheet.headerRow,
      value: String(sheet.headerRow - 1),
    });
  }
  let records = 0;
  const result = (ok: boolean): ReadTableResult => {
    const s = state();
    return {
      ...base,
      ok,
      bytes: opened.bytes,
      rows: s.rows,
      records,
      header: s.header,
      sheet: sheet.name,
    };
  };
  try {
    if (sheet.headerRow > 0) {
      const first = sheet.row(sheet.headerRow - 1, null);
      records = sheet.headerRow;
      onRecord(first.cells, first.count, sheet.headerRow);
      const wanted = state().wanted;
      if (state().header !== null && wanted !== null) {
        for (let r = sheet.headerRow; r < sheet.rows; r++) {
          const { cells, count } = sheet.row(r, wanted);
          records = r + 1;
          onRecord(cells, count, r + 1);
          if ((r & 0xfff) === 0) opts.onProgress?.(opened.bytes, r + 1);
        }
      }
    }
  } catch (e) {
    if (e instanceof StopReading) return result(false);
    throw e;
  }
  opts.onProgress?.(opened.bytes, records);
  if (sheet.hiddenRows.length > 0) {
    problems.report("W_WORKBOOK_HIDDEN_ROWS", file, null, null, {
      count: sheet.hiddenRows.length,
      value: rowList(sheet.hiddenRows),
    });
  }
  if (state().header === null) {
    problems.report("E_FILE_EMPTY", file, null, null);
    return result(false);
  }
  if (state().rows === 0) problems.report("W_FILE_NO_ROWS", file, null, null);
  return result(true);
}
