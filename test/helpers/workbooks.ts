/**
 * Excel workbooks for tests, written with the same library the reader uses: sheets from rows
 * of cells, hidden sheets and rows, numbers, dates and formulas, and the hostile ones (an
 * encrypted package, a zip bomb).
 */
import * as XLSX from "@e965/xlsx";
import { strToU8, zipSync } from "fflate";
import { BASE_STUDENTS, headersOf } from "./dataDir.ts";

/** A cell: text, a number, a prepared cell object (date, formula), or empty. */
export type Cell = string | number | XLSX.CellObject | null;

export interface SheetSpec {
  name: string;
  rows: readonly (readonly Cell[])[];
  /** Hidden sheet (as Excel's 隐藏). */
  hidden?: boolean;
  /** 0-based indexes of hidden rows. */
  hiddenRows?: readonly number[];
}

function toCell(c: Cell): XLSX.CellObject | undefined {
  if (c === null || c === "") return undefined;
  if (typeof c === "string") return { t: "s", v: c };
  if (typeof c === "number") return { t: "n", v: c };
  return c;
}

/** A workbook of these sheets as .xlsx or .xls bytes. */
export function workbook(sheets: readonly SheetSpec[], type: "xlsx" | "xls" = "xlsx"): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(
      s.rows.map((r) => r.map(toCell)),
      { dense: true },
    );
    if (s.hiddenRows) {
      const rows: XLSX.RowInfo[] = [];
      for (const r of s.hiddenRows) rows[r] = { hidden: true };
      ws["!rows"] = rows;
    }
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) };
  return XLSX.write(wb, { type: "buffer", bookType: type === "xls" ? "biff8" : "xlsx" }) as Buffer;
}

/** A date cell as Excel stores one: a day number formatted as a date. */
export function dateCell(iso: string, format = "yyyy-mm-dd"): XLSX.CellObject {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const serial = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return { t: "n", v: serial, z: format };
}

/** A formula cell with its cached value, as Excel saves it. */
export function formulaCell(formula: string, value: number): XLSX.CellObject {
  return { t: "n", v: value, f: formula };
}

/** The base roster as a sheet's rows (header first), with rows replaced or added. */
export function rosterRows(
  rows: readonly (readonly Cell[])[] = BASE_STUDENTS,
  header: readonly string[] = headersOf("students"),
): Cell[][] {
  return [[...header], ...rows.map((r) => [...r])];
}

/** The base roster as a one-sheet .xlsx (or .xls). */
export function rosterWorkbook(type: "xlsx" | "xls" = "xlsx", name = "学生名单"): Buffer {
  return workbook([{ name, rows: rosterRows() }], type);
}

/**
 * A password-protected .xlsx as Excel writes one: a compound file holding the
 * `EncryptionInfo` (agile encryption, an XML descriptor) and `EncryptedPackage` streams. The
 * package bytes are random-looking, as encrypted bytes are: no tool offline can produce real
 * AES output here, and the reader must not get as far as decrypting.
 */
export function encryptedWorkbook(): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  const info = Buffer.concat([
    Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]),
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
      "utf8",
    ),
  ]);
  const pkg = Buffer.alloc(4096);
  for (let i = 0; i < pkg.length; i++) pkg[i] = (i * 167 + 13) & 0xff;
  XLSX.CFB.utils.cfb_add(cfb, "/EncryptionInfo", info);
  XLSX.CFB.utils.cfb_add(cfb, "/EncryptedPackage", pkg);
  return Buffer.from(XLSX.CFB.write(cfb, { type: "buffer" }) as Uint8Array);
}

/**
 * A zip bomb dressed as an .xlsx: a "sheet" of 40 MB of zeros that deflates to about 40 KB
 * (a ratio of 1,000; real workbooks inflate 4–15 times).
 */
export function zipBomb(): Buffer {
  return Buffer.from(
    zipSync(
      {
        "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
        "xl/worksheets/sheet1.xml": new Uint8Array(40 << 20),
      },
      { level: 9 },
    ),
  );
}

/**
 * A password-protected .xls: Excel marks one with a FILEPASS record right after the
 * workbook's first (BOF) record. Here XOR obfuscation (type 0) is declared over the base
 * roster; the reader must stop at the mark, whatever follows it.
 */
export function encryptedXls(): Buffer {
  const cfb = XLSX.CFB.read(rosterWorkbook("xls"), { type: "buffer" });
  const entry = XLSX.CFB.find(cfb, "Workbook");
  if (!entry) throw new Error("no Workbook stream");
  const data = Buffer.from(entry.content as Uint8Array);
  const at = 4 + data.readUInt16LE(2);
  const filePass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56]);
  const content = Buffer.concat([data.subarray(0, at), filePass, data.subarray(at)]);
  entry.content = content;
  entry.size = content.length;
  return Buffer.from(XLSX.CFB.write(cfb, { type: "buffer" }) as Uint8Array);
}
