/**
 * Command-line plumbing shared by the scripts: Chinese usage errors (exit 2), and a guard
 * that nothing is ever written into the data folder.
 */
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how a command was called: printed as one Chinese line, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses options; unknown options and missing values become a `UsageError` in Chinese. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (e) {
    const msg = (e as Error).message;
    const opt = /'(-{1,2}[\w-]+)/.exec(msg)?.[1];
    if (/Unknown option/.test(msg))
      throw new UsageError(`不认识的选项 ${opt ?? ""}，请用 --help 查看用法。`);
    if (/argument missing|requires/.test(msg))
      throw new UsageError(`选项 ${opt ?? ""} 后面需要一个值。`);
    if (/positional/i.test(msg)) throw new UsageError(`多余的参数，请用 --help 查看用法。`);
    throw new UsageError(`参数有误：${msg}`);
  }
}

/** True when `target` is the folder `dir` or lies inside it. */
export function isInside(target: string, dir: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(target));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Refuses an output path inside the data folder: the data folder is read-only to us. */
export function assertOutsideData(target: string, dataDir: string, what: string): void {
  if (isInside(target, dataDir)) {
    throw new UsageError(`${what}不能写在数据文件夹（${dataDir}）里，请换一个位置。`);
  }
}

/** Parses a positive whole number option. */
export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`${name} 应为正整数，收到“${value}”。`);
  return Number(value);
}

/**
 * Runs a command's main function: a `UsageError` prints one line and exits 2; any other
 * failure is a bug, reported in one line (with the stack only when LSRT_DEBUG is set).
 */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (e instanceof UsageError) {
        process.stderr.write(`${e.message}\n`);
        process.exitCode = 2;
        return;
      }
      const err = e as Error;
      process.stderr.write(
        `内部错误（这是本工具的问题，不是数据的问题，请把这一行反馈给维护人员）：${err?.name ?? "Error"}: ${err?.message ?? String(e)}\n`,
      );
      if (process.env.LSRT_DEBUG) process.stderr.write(`${err?.stack ?? ""}\n`);
      process.exitCode = 70;
    },
  );
}
