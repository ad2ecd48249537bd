/**
 * The self-check worker's workbook part: the workbook library only (SheetJS, as `check`
 * uses it), bundled on its own and run before the worker's code when a workbook is chosen.
 * The worker's bundle takes `@e965/xlsx` from here (see `bundle.ts`). Only what
 * `openWorkbook` calls is handed over, so that the library's writers are left out.
 */
import { CFB, read, SSF } from "@e965/xlsx";
import { XLSX_GLOBAL } from "./workbooks.ts";

/** The library's functions `openWorkbook` (read/workbook.ts) uses. */
const used = { CFB, read, SSF };

(globalThis as Record<string, unknown>)[XLSX_GLOBAL] = used;
