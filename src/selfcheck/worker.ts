/**
 * The self-check page's Web Worker: the project's own read and validate stages, bundled by
 * esbuild, checking the chosen files off the page's thread. File contents are read here in
 * slices and never leave this worker; only the report goes back. Excel workbooks are read by
 * `openWorkbook`, as in `check`, once the page has put the library (workbookPart.ts) first.
 */
import { z } from "zod";
import { renderCheckReportSections } from "../pipeline/report/checkReportHtml.ts";
import { checkFiles, type CheckProgress } from "./checkFiles.ts";
import type { CheckReply, CheckRequest } from "./messages.ts";
import { openWorkbook } from "../pipeline/read/workbook.ts";
import { choosesWorkbook, workbookLibraryLoaded } from "./workbooks.ts";

// The page's Content-Security-Policy forbids evaluating strings: zod may not compile code
// here (nor may the cell parsers and row checkers: the bundle's banner, see codegen.ts).
z.config({ jitless: true });

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<CheckRequest>) => void) | null;
  postMessage(reply: CheckReply): void;
};

/** Progress at most every 100 ms: the page's thread should not be flooded. */
const PROGRESS_MS = 100;

scope.onmessage = (e) => {
  const { settings, files } = e.data;
  let last = 0;
  // Workbooks need the library of the workbook part, which the page puts before this code
  // when a workbook is chosen; without it they would be misread as CSV text.
  const workbook = workbookLibraryLoaded() ? openWorkbook : undefined;
  if (!workbook && choosesWorkbook(files)) {
    scope.postMessage({ failed: "workbook reader missing" });
    return;
  }
  const onProgress = (progress: CheckProgress) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS && progress.bytes < progress.totalBytes) return;
    last = now;
    scope.postMessage({ progress });
  };
  checkFiles(settings, files, onProgress, workbook).then(
    (result) => {
      const html = renderCheckReportSections(result.problems, {
        dataLabel: `${settings.year} 学年本校的文件`,
        files: result.files,
        rows: result.rows,
        totals: { errors: result.errors, warnings: result.warnings, files: result.fileTotals },
        purpose: "submit",
      });
      scope.postMessage({
        done: {
          html,
          errors: result.errors,
          warnings: result.warnings,
          rows: result.rows,
          files: result.files.length,
        },
      });
    },
    (err: unknown) => scope.postMessage({ failed: String((err as Error)?.message ?? err) }),
  );
};
