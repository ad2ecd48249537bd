/**
 * Workbooks on the self-check page. The workbook library (SheetJS) is most of a worker's
 * weight, so the page adds it to the worker only when a workbook is chosen: `workbookPart.ts`
 * (bundled on its own, run before the worker's code) leaves the library where the worker's
 * bundle looks for it (see `bundle.ts`). Everything of the project's own — `openWorkbook`,
 * the headers, the checks — is in the worker itself, once: the part holds the library only.
 */
import { WORKBOOK_FILE } from "../pipeline/read/workbookFile.ts";
import type { ChosenFiles } from "./checkFiles.ts";

/** Global name under which the workbook part leaves the library. */
export const XLSX_GLOBAL = "LSRT_XLSX";

/** Whether any chosen table is an Excel workbook (.xlsx, .xlsm, .xls) rather than CSV. */
export function choosesWorkbook(chosen: ChosenFiles): boolean {
  const tables = [...chosen.students, ...chosen.care, chosen.activities, chosen.social];
  return tables.some((f) => f !== null && WORKBOOK_FILE.test(f.name));
}

/** Whether the workbook part has run in this worker (the library is there). */
export function workbookLibraryLoaded(): boolean {
  return (globalThis as Record<string, unknown>)[XLSX_GLOBAL] !== undefined;
}
