/**
 * Writing a sample table as an Excel workbook, the way registration systems and school staff
 * produce them: ids as text cells, counts and codes as numbers, dates as date cells, and
 * optionally a title row and a blank row above the header and a second sheet of notes.
 */
import * as XLSX from "@e965/xlsx";

export type WorkbookType = "xlsx" | "xls";

export interface WorkbookLayout {
  /** Sheet name of the table. */
  readonly sheet: string;
  /** A title row ("青岚县第一小学学生名单") and a blank row above the header. */
  readonly title?: string;
  /** A second sheet with a note, as many exports have ("说明"). */
  readonly notes?: string;
}

/** Headers whose cells are ids: always text, never numbers (Excel would drop digits). */
const ID_HEADERS = /学校标识码|学校代码|学校编码|学籍号|学生编号|身份证|证件号/;
/** Headers whose cells are dates. */
const DATE_HEADERS = /日期|时间/;
const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const SMALL_INTEGER = /^(0|[1-9]\d{0,8})$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function cell(header: string, value: string): XLSX.CellObject | undefined {
  if (value === "") return undefined;
  if (ID_HEADERS.test(header)) return { t: "s", v: value, z: "@" };
  const d = DATE_HEADERS.test(header) ? ISO_LIKE.exec(value) : null;
  if (d) {
    const serial = (Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!) - EXCEL_EPOCH) / DAY_MS;
    return { t: "n", v: serial, z: "yyyy-mm-dd" };
  }
  if (SMALL_INTEGER.test(value)) return { t: "n", v: Number(value) };
  return { t: "s", v: value };
}

/** A table as a workbook file's bytes. */
export function workbookBytes(
  table: { header: readonly string[]; rows: readonly (readonly string[])[] },
  type: WorkbookType,
  layout: WorkbookLayout,
): Buffer {
  const top: (string | undefined)[][] = layout.title ? [[layout.title], []] : [];
  const ws = XLSX.utils.aoa_to_sheet([...top, [...table.header]], { dense: true });
  const first = top.length + 1;
  const rows = table.rows.map((r) => r.map((v, c) => cell(table.header[c] ?? "", v)));
  XLSX.utils.sheet_add_aoa(ws, rows, { origin: first });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, layout.sheet);
  if (layout.notes) {
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[layout.notes]]), "说明");
  }
  const out = XLSX.write(wb, {
    type: "buffer",
    bookType: type === "xls" ? "biff8" : "xlsx",
    compression: true,
  }) as Buffer;
  return out;
}
