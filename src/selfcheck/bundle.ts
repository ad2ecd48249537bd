/**
 * Bundles the self-check page's script and worker with esbuild: the worker is the project's
 * own read and validate code (no second copy of the rules), for the browsers schools have
 * (current Chromium, and the WeChat / 360 / QQ browsers built on it).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { NO_CODEGEN_BANNER } from "../pipeline/validate/codegen.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Oldest engine supported: Chromium 90 (2021), older than the school browsers' cores. */
export const SELF_CHECK_TARGET = "chrome90";

export interface SelfCheckBundle {
  pageJs: string;
  workerJs: string;
}

async function bundle(entry: string): Promise<string> {
  const result = await build({
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
  return result.outputFiles[0]!.text.trim();
}

/** The page script and the worker, minified. */
export async function bundleSelfCheck(): Promise<SelfCheckBundle> {
  const [pageJs, workerJs] = await Promise.all([bundle("page.ts"), bundle("worker.ts")]);
  return { pageJs, workerJs };
}
