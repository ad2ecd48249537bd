/**
 * Where Chromium is: the path given on the command line, else LSRT_CHROMIUM, else Debian's
 * and Ubuntu's usual places. Only `npm run pdf` needs it; the site build never does.
 */
import { accessSync, constants, statSync } from "node:fs";

/** The places looked at when neither --chromium nor LSRT_CHROMIUM says where it is. */
export const DEFAULT_CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The one line printed when Chromium cannot be found. */
export const CHROMIUM_MISSING =
  "找不到 Chromium：请先安装（Debian/Ubuntu：sudo apt-get install -y chromium fonts-noto-cjk），或用 --chromium 指定路径。";

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to use, or null when there is none. A path given explicitly (option or
 * environment) is the only one tried: a wrong path is an error, not a reason to use another.
 */
export function findChromium(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = DEFAULT_CHROMIUM_PATHS,
): string | null {
  const chosen = explicit ?? (env.LSRT_CHROMIUM || undefined);
  if (chosen !== undefined) return isExecutableFile(chosen) ? chosen : null;
  return candidates.find(isExecutableFile) ?? null;
}
