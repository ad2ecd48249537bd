/**
 * Bundles the self-check page's script and worker with esbuild: the worker is the project's
 * own read and validate code (no second copy of the rules), for the browsers schools have
 * (current Chromium, and the WeChat / 360 / QQ browsers built on it).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { NO_CODEGEN_BANNER } from "../pipeline/validate/codegen.ts";
import { XLSX_GLOBAL } from "./workbooks.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Oldest engine supported: Chromium 90 (2021), older than the school browsers' cores. */
export const SELF_CHECK_TARGET = "chrome90";

export interface SelfCheckBundle {
  pageJs: string;
  workerJs: string;
  /** The worker's workbook part (the SheetJS library), run first when a workbook is chosen. */
  workbookJs: string;
}

/**
 * `<!--` in a script element's text changes how the HTML parser looks for its end. It occurs
 * only inside string and regular-expression literals (in code it would start a comment), and
 * there `\x21` is the same "!" in every kind of literal.
 */
export function escapeCommentOpen(js: string): string {
  return js.replaceAll("<!--", "<\\x21--");
}

/**
 * The worker takes the workbook library from the workbook part (run first when a workbook is
 * chosen) instead of carrying it: `@e965/xlsx` becomes the object the part leaves. Only the
 * library is split off; the project's modules stay in the worker once, so objects such as
 * the column headers are the same on both sides of `openWorkbook`.
 */
const xlsxFromPart: Plugin = {
  name: "xlsx-from-workbook-part",
  setup(b) {
    b.onResolve({ filter: /^@e965\/xlsx$/ }, () => ({ path: "xlsx", namespace: "workbook-part" }));
    b.onLoad({ filter: /.*/, namespace: "workbook-part" }, () => ({
      contents: `module.exports = globalThis.${XLSX_GLOBAL} || {};`,
      loader: "js",
    }));
  },
};

async function bundle(entry: string, plugins: Plugin[] = []): Promise<string> {
  const result = await build({
    plugins,
    entryPoints: [path.join(here, entry)],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: SELF_CHECK_TARGET,
    minify: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
    // Before any module runs: the page's CSP forbids eval (see codegen.ts).
    banner: { js: NO_CODEGEN_BANNER },
  });
  return escapeCommentOpen(result.outputFiles[0]!.text.trim());
}

/** The page script, the worker and its workbook part, minified. */
export async function bundleSelfCheck(): Promise<SelfCheckBundle> {
  const [pageJs, workerJs, workbookJs] = await Promise.all([
    bundle("page.ts"),
    bundle("worker.ts", [xlsxFromPart]),
    bundle("workbookPart.ts"),
  ]);
  return { pageJs, workerJs, workbookJs };
}
