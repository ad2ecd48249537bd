/**
 * `npm run sample -- --out DIR [--schools N] [--students N] [--years N] [--seed N]
 * [--format csv|xlsx|xls|mixed] [--force]`:
 * writes a synthetic county's data folder. Exit 0 on success, 2 on a usage mistake,
 * 1 when the folder cannot be written.
 */
import { parseOptions, runMain, UsageError } from "../src/cli/args.ts";
import {
  clearGenerated,
  checkSampleArgs,
  folderState,
  generateSample,
  REFERENCE_SCHOOL,
  SAMPLE_USAGE,
  SampleArgsError,
  writeSampleFiles,
  type Sample,
} from "../src/sample/index.ts";

const fmt = new Intl.NumberFormat("zh-CN");

function report(out: string, sample: Sample): string {
  const lines = [
    `已在“${out}”生成示例数据（${sample.county.name}，种子 ${sample.options.seed}）：`,
    "  site.json",
  ];
  for (const y of sample.summary) {
    const rosterRows = sample.files
      .filter((f) => f.path.startsWith(`${y.label}/students/`))
      .reduce((n, f) => n + (f.rows ?? 0), 0);
    // The tables' own names: schools.csv, or schools.xlsx when written as workbooks.
    const named = (base: string) =>
      sample.files
        .find((f) => f.path.startsWith(`${y.label}/${base}.`))
        ?.path.slice(y.label.length + 1) ?? `${base}.csv`;
    lines.push(
      `  ${y.label}/  ${named("schools")} ${y.schools} 所学校；students/ ${y.rosterFiles} 个文件 ${fmt.format(rosterRows)} 行` +
        `（留守儿童 ${fmt.format(y.leftBehind)} 人）；care/ ${y.careFiles} 个文件 ${fmt.format(y.careRows)} 行；` +
        `${named("activities")} ${y.activities} 行；${named("social")} ${y.socialRows} 行；photos/ ${y.photos} 张`,
    );
  }
  const bytes = sample.files.reduce((n, f) => n + f.data.length, 0);
  lines.push(
    `共 ${fmt.format(sample.files.length)} 个文件，${(bytes / 1024 / 1024).toFixed(1)} MB。`,
    `参考学校：${REFERENCE_SCHOOL.name}（${REFERENCE_SCHOOL.id}），${REFERENCE_SCHOOL.year} 学年 ${REFERENCE_SCHOOL.classes} 个班、${REFERENCE_SCHOOL.pupils} 人，留守儿童 ${REFERENCE_SCHOOL.leftBehind} 人。`,
  );
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const raw = parseOptions(argv, {
    out: { type: "string" },
    schools: { type: "string" },
    students: { type: "string" },
    years: { type: "string" },
    seed: { type: "string" },
    format: { type: "string" },
    force: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (raw.help) {
    process.stdout.write(`${SAMPLE_USAGE}\n`);
    return 0;
  }
  let args;
  try {
    args = checkSampleArgs(raw);
  } catch (e) {
    if (e instanceof SampleArgsError) throw new UsageError(e.message);
    throw e;
  }

  const state = await folderState(args.out);
  if (state === "not-a-folder")
    throw new UsageError(`“${args.out}”已存在，但不是文件夹，请换一个位置。`);
  if (state === "non-empty" && !args.force)
    throw new UsageError(
      `文件夹“${args.out}”已存在且不为空。如确定要覆盖其中的示例数据，请加 --force。`,
    );

  const sample = await generateSample(args.options, args.format);
  try {
    if (state === "non-empty") await clearGenerated(args.out);
    await writeSampleFiles(args.out, sample.files);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(
      `无法写入“${args.out}”：${err.code ?? err.message}。请确认有写入权限且磁盘空间足够。\n`,
    );
    return 1;
  }
  process.stdout.write(`${report(args.out, sample)}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(() => main(process.argv.slice(2)));
