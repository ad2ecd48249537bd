/**
 * The text an old-format .xls workbook holds, for the privacy guard: its cells (as Excel
 * shows them), cell comments, sheet names and document properties. Its strings are stored
 * as UTF-16 or in compressed records, so searching its bytes alone would miss Chinese text.
 */
import * as XLSX from "@e965/xlsx";

/** Every text of an .xls (or any workbook SheetJS reads); throws when it cannot be read. */
export function workbookText(bytes: Uint8Array): string {
  const wb = XLSX.read(bytes, { type: "buffer", dense: true, cellFormula: false });
  if ((wb as { Encryption?: unknown }).Encryption) throw new Error("encrypted workbook");
  const parts: string[] = [...wb.SheetNames];
  for (const value of Object.values({ ...wb.Props, ...wb.Custprops })) {
    if (value !== undefined && value !== null) parts.push(String(value));
  }
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    parts.push(XLSX.utils.sheet_to_csv(ws));
    const rows = (ws as { "!data"?: (XLSX.CellObject | undefined)[][] })["!data"] ?? [];
    for (const row of rows) {
      for (const cell of row ?? []) {
        for (const comment of cell?.c ?? []) parts.push(comment.t ?? "");
      }
    }
  }
  return parts.join("\n");
}
