/**
 * The options of `npm run sample`, checked with plain-Chinese messages. Pure: the CLI turns
 * a thrown message into one line on stderr and exit code 2.
 */
import { DEFAULT_SAMPLE_OPTIONS, type SampleFormat, type SampleOptions } from "./generateSample.ts";

/** Usage text printed by --help. */
export const SAMPLE_USAGE = `用法：npm run sample -- --out 文件夹 [--schools 数量] [--students 人数] [--years 学年数] [--seed 种子] [--format 格式] [--force]

生成一个虚构的县（青岚县）的示例数据：site.json，以及每个学年的学校名单、学生名单、
关爱记录、活动、社会关爱和活动照片。全部是合成数据，不含任何真实学生的信息。
参数相同，生成的文件就完全相同。

选项：
  --out 文件夹      写到哪个文件夹（必填）。文件夹已存在且不为空时，需要加 --force
  --schools 数量    学校数量，12 到 300 所（默认 ${DEFAULT_SAMPLE_OPTIONS.schools}）
  --students 人数   全县每学年的学生总数，3000 到 500000 人，至少为学校数的 30 倍（默认 ${DEFAULT_SAMPLE_OPTIONS.students}）
  --years 学年数    生成几个学年，最新的是 2024-2025 学年，往前推（1 到 10，默认 ${DEFAULT_SAMPLE_OPTIONS.years}）
  --seed 种子       随机种子，0 到 4294967295 的整数（默认 ${DEFAULT_SAMPLE_OPTIONS.seed}）
  --format 格式     表格写成什么文件：csv（默认）、xlsx、xls，或 mixed（三种混在一起，像各校实际报送的那样）
  --force           允许写入已有内容的文件夹：先删除其中的 site.json 和学年文件夹（如 2023-2024），其他文件不动
  -h, --help        显示本说明

示例：npm run sample -- --out 示例数据 --schools 60 --students 20000 --years 3`;

/** Raw option values as node:util parseArgs returns them. */
export interface RawSampleArgs {
  readonly out?: string;
  readonly schools?: string;
  readonly students?: string;
  readonly years?: string;
  readonly seed?: string;
  readonly format?: string;
  readonly force?: boolean;
}

export interface SampleArgs {
  readonly out: string;
  readonly force: boolean;
  readonly format: SampleFormat;
  readonly options: SampleOptions;
}

/** A mistake in the options, with a message for the user. */
export class SampleArgsError extends Error {
  override name = "SampleArgsError";
}

function intOption(
  raw: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (raw === undefined) return fallback;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new SampleArgsError(`${name} 应为 ${min} 到 ${max} 之间的整数，收到“${raw}”。`);
  return Number(value);
}

/** Checks the options and fills in the defaults. Throws `SampleArgsError` with a Chinese message. */
export function checkSampleArgs(raw: RawSampleArgs): SampleArgs {
  if (raw.out === undefined || raw.out.trim() === "")
    throw new SampleArgsError(
      "请用 --out 指定要写入的文件夹，例如：npm run sample -- --out 示例数据",
    );
  const d = DEFAULT_SAMPLE_OPTIONS;
  const schools = intOption(raw.schools, "--schools", 12, 300, d.schools);
  const students = intOption(raw.students, "--students", 3000, 500_000, d.students);
  if (students < schools * 30)
    throw new SampleArgsError(
      `--students 至少应为学校数的 30 倍（${schools} 所学校至少 ${schools * 30} 人），否则学校规模不合常理。`,
    );
  const format = (raw.format ?? "csv").trim().toLowerCase();
  if (!["csv", "xlsx", "xls", "mixed"].includes(format))
    throw new SampleArgsError(`--format 应为 csv、xlsx、xls 或 mixed，收到“${raw.format}”。`);
  return {
    out: raw.out,
    force: raw.force === true,
    format: format as SampleFormat,
    options: {
      schools,
      students,
      years: intOption(raw.years, "--years", 1, 10, d.years),
      seed: intOption(raw.seed, "--seed", 0, 4_294_967_295, d.seed),
    },
  };
}
