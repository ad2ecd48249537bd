/**
 * What the table reader needs to know about workbooks without loading the workbook library
 * (`workbook.ts`): which files are workbooks, the size limit, and Excel's column letters.
 */

/** File names read as workbooks (.xlsx, .xlsm, .xls) rather than as CSV text. */
export const WORKBOOK_FILE = /\.(xlsx|xlsm|xls)$/i;

/** Largest workbook file read (a 200,000-row roster is about 25 MB as .xlsx). */
export const MAX_WORKBOOK_BYTES = 100 * 1024 * 1024;

/** Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}
