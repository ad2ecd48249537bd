/**
 * Opens an Excel workbook (.xlsx, .xlsm, .xls) for `parseTable`: checks the limits first
 * (size, zip bomb, encryption), picks the one sheet whose header matches the file kind, finds
 * the header below title rows, and turns cells into the text Excel shows, so that the rows go
 * through exactly the same header mapping and checks as a CSV's.
 *
 * The library is SheetJS Community Edition (`@e965/xlsx`, 0.20.3), chosen because it reads
 * the .xls files older registration systems export (exceljs reads only .xlsx); see
 * docs/architecture.md for memory and safety.
 */
import * as XLSX from "@e965/xlsx";
import { headerLookup, normalizeHeader, type ColumnHeader, type FileKind } from "./headers.ts";
import { inflateCounting } from "./zipInflate.ts";

import { MAX_WORKBOOK_BYTES } from "./workbookFile.ts";

export { columnLetter, MAX_WORKBOOK_BYTES, WORKBOOK_FILE } from "./workbookFile.ts";

/**
 * Largest total a workbook's parts may inflate to: a fixed allowance plus 60 times the file
 * (real workbooks inflate 4–15 times; a zip bomb thousands of times).
 */
export function maxInflatedBytes(fileBytes: number): number {
  return 20 * 1024 * 1024 + 60 * fileBytes;
}

/** How far down a sheet the header is looked for (title rows above it are skipped). */
export const HEADER_SEARCH_ROWS = 10;

/** Excel's error values as it shows them. */
const ERRORS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
};

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system (serials after 60 include the phantom 1900-02-29). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * The text of a cell as the reader needs it: strings as they are, date-formatted numbers as
 * ISO dates, whole numbers written out in full while Excel still holds them exactly (below
 * 10^15) and in scientific notation beyond (a 学籍号 or ID number stored as a number has
 * already lost digits: the value checks then report it as damaged), formulas as their cached
 * value.
 */
export function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell) return "";
  const v = cell.v;
  switch (cell.t) {
    case "s":
      return String(v ?? "");
    case "b":
      return v ? "TRUE" : "FALSE";
    case "e":
      return ERRORS[v as number] ?? "#VALUE!";
    case "d":
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? "");
    case "n": {
      const n = v as number;
      if (typeof cell.z === "string" && XLSX.SSF.is_date(cell.z)) {
        const day = Math.floor(n);
        const ms = date1904 ? EPOCH_1904 + day * DAY_MS : EPOCH_1900 + day * DAY_MS;
        if (day >= 1 && day < 2_958_466) return new Date(ms).toISOString().slice(0, 10);
      }
      if (Number.isInteger(n)) {
        return Math.abs(n) < 1e15 ? String(n) : n.toExponential(5).toUpperCase();
      }
      return String(Number(n.toPrecision(15)));
    }
    default:
      return "";
  }
}

/** Why a workbook could not be opened; each is reported as its own problem. */
export type WorkbookFailure = "too-large" | "zip-bomb" | "encrypted" | "unreadable" | "empty";

/** One sheet, ready to be handed to the table reader row by row. */
export interface WorkbookSheet {
  readonly name: string;
  /** Excel row number of the header (1 when there are no title rows). */
  readonly headerRow: number;
  /** Excel row numbers of hidden rows below the header. */
  readonly hiddenRows: readonly number[];
  /** Number of rows (the last Excel row number). */
  readonly rows: number;
  /** The cells of 0-based row `r`, as `cellText`, for the columns `wanted` says (others ""). */
  row(r: number, wanted: Uint8Array | null): { cells: string[]; count: number };
}

type Dense = (XLSX.CellObject | undefined)[][];

function denseRows(ws: XLSX.WorkSheet): Dense {
  return ((ws as { "!data"?: Dense })["!data"] ?? []) as Dense;
}

/** How many distinct columns of a kind a row's cells name, and whether every required one. */
function scoreRow(
  cells: readonly string[],
  lookup: Map<string, ColumnHeader>,
  required: readonly ColumnHeader[],
) {
  const found = new Set<ColumnHeader>();
  for (const c of cells) {
    const hit = lookup.get(normalizeHeader(c).toLowerCase());
    if (hit) found.add(hit);
  }
  return { score: found.size, complete: found.size > 0 && required.every((c) => found.has(c)) };
}

function isCompoundFile(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return sig.every((b, i) => bytes[i] === b);
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export interface OpenedWorkbook {
  /** The sheet to read. */
  sheet: WorkbookSheet;
  /** Names of hidden sheets that were not read. */
  hiddenSheets: string[];
}

export type OpenResult =
  | { ok: true; workbook: OpenedWorkbook; bytes: number }
  | {
      ok: false;
      failure: WorkbookFailure;
      bytes: number;
      detail?: string;
      /** For an empty workbook: hidden sheets that have content (and were not read). */
      hiddenSheets?: string[];
    }
  | { ok: false; failure: "ambiguous"; bytes: number; sheets: [string, string] };

/**
 * Opens a workbook's bytes (the whole file: `parseTable` gathers them from any byte source,
 * having refused a file over `MAX_WORKBOOK_BYTES` first) and picks the sheet to read: among the visible sheets, the one whose
 * header (within the first `HEADER_SEARCH_ROWS` rows) has every required column of `kind`.
 * Two such sheets are ambiguous. With none, the sheet naming the most known columns is read
 * (the table reader then says which are missing), else the first visible sheet.
 */
export function openWorkbook(
  bytes: Uint8Array,
  kind: FileKind,
  columns: readonly ColumnHeader[],
): OpenResult {
  const size = bytes.length;
  if (size === 0) return { ok: false, failure: "empty", bytes: 0 };
  if (size > MAX_WORKBOOK_BYTES) return { ok: false, failure: "too-large", bytes: size };
  if (isZip(bytes)) {
    const z = inflateCounting(bytes, maxInflatedBytes(size));
    if (z.kind === "too-large") return { ok: false, failure: "zip-bomb", bytes: size };
    if (z.kind === "corrupt") return { ok: false, failure: "unreadable", bytes: size };
  } else if (isCompoundFile(bytes)) {
    // An encrypted .xlsx is a compound file holding the encrypted package.
    try {
      const cfb = XLSX.CFB.read(bytes, { type: "array" });
      if (XLSX.CFB.find(cfb, "EncryptedPackage") || XLSX.CFB.find(cfb, "EncryptionInfo"))
        return { ok: false, failure: "encrypted", bytes: size };
    } catch {
      return { ok: false, failure: "unreadable", bytes: size };
    }
  } else {
    return { ok: false, failure: "unreadable", bytes: size, detail: "not-a-workbook" };
  }
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: "array",
      dense: true,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      // Needed for the rows' hidden flag; styles themselves are not used.
      cellStyles: true,
      bookVBA: false,
      WTF: false,
    });
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    const failure = /password|encrypt/i.test(msg) ? "encrypted" : "unreadable";
    return { ok: false, failure, bytes: size };
  }
  if ((wb as { Encryption?: unknown }).Encryption) {
    return { ok: false, failure: "encrypted", bytes: size };
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const required = columns.filter((c) => c.required);
  const lookup = headerLookup(kind);
  const hiddenSheets: string[] = [];
  const candidates: { name: string; ws: XLSX.WorkSheet; headerRow: number; score: number }[] = [];
  const complete: string[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    if (!ws) return;
    const rows = denseRows(ws);
    if ((wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0) {
      if (rows.some((r) => r?.some((c) => cellText(c, date1904).trim() !== "")))
        hiddenSheets.push(name);
      return;
    }
    let best = { score: 0, headerRow: 0, complete: false };
    let firstFilled = -1;
    for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, rows.length); r++) {
      const cells = Array.from(rows[r] ?? [], (c) => cellText(c, date1904));
      if (firstFilled < 0 && cells.some((c) => c.trim() !== "")) firstFilled = r;
      const s = scoreRow(cells, lookup, required);
      if (s.score > best.score) best = { ...s, headerRow: r + 1 };
    }
    if (best.complete) complete.push(name);
    candidates.push({
      name,
      ws,
      headerRow: best.score > 0 ? best.headerRow : firstFilled + 1,
      score: best.complete ? Number.MAX_SAFE_INTEGER : best.score,
    });
  });
  if (complete.length >= 2) {
    return { ok: false, failure: "ambiguous", bytes: size, sheets: [complete[0]!, complete[1]!] };
  }
  const chosen = candidates
    .filter((c) => c.headerRow > 0)
    .reduce<(typeof candidates)[number] | null>((a, c) => (!a || c.score > a.score ? c : a), null);
  if (!chosen) return { ok: false, failure: "empty", bytes: size, hiddenSheets };
  const data = denseRows(chosen.ws);
  const rowInfo = (chosen.ws["!rows"] ?? []) as (XLSX.RowInfo | undefined)[];
  const hiddenRows: number[] = [];
  for (let r = chosen.headerRow; r < data.length; r++) {
    if (rowInfo[r]?.hidden && (data[r] ?? []).some((c) => cellText(c, date1904).trim() !== ""))
      hiddenRows.push(r + 1);
  }
  const sheet: WorkbookSheet = {
    name: chosen.name,
    headerRow: chosen.headerRow,
    hiddenRows,
    rows: data.length,
    row(r, wanted) {
      const src = data[r] ?? [];
      const width = Math.max(src.length, wanted?.length ?? 0);
      const cells: string[] = new Array<string>(width).fill("");
      for (let c = 0; c < src.length; c++) {
        // Only wanted cells are converted; beyond the header's width a filled cell is marked
        // (never copied), so that a row wider than its header is reported as for a CSV.
        const take = wanted === null || (c < wanted.length ? wanted[c] === 1 : true);
        const text = take ? cellText(src[c], date1904) : "";
        cells[c] = wanted !== null && c >= wanted.length && text.trim() !== "" ? "*" : text;
      }
      return { cells, count: width };
    },
  };
  return { ok: true, workbook: { sheet, hiddenSheets }, bytes: size };
}
