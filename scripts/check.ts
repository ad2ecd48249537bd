/**
 * `npm run check -- --data DIR [--json FILE] [--html FILE]`: validate only.
 * Exit 1 on any error in the data, 0 otherwise, 2 on a usage mistake.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertOutsideData, parseOptions, runMain } from "../src/cli/args.ts";
import { Progress } from "../src/cli/progress.ts";
import { formatCheckSummary } from "../src/pipeline/report/checkSummary.ts";
import { renderCheckReportHtml } from "../src/pipeline/report/checkReportHtml.ts";
import { validateData } from "../src/pipeline/validate/validateData.ts";
import { defaultThreads } from "../src/pipeline/validate/workerPool.ts";

const HELP = `用法：npm run check -- [--data 文件夹] [--json 文件] [--html 文件]

只检查数据，不生成网站。逐个文件、逐行、逐列列出所有问题。
各表可以是 CSV 文件，也可以是 Excel 工作簿（.xlsx、.xls）；工作簿中的问题写明工作表和列字母。

选项：
  --data 文件夹   要检查的数据文件夹（默认：data/，即内置示例数据）
  --json 文件     把全部问题写成 JSON 数组（字段：file、row、column、code、severity、message）
  --html 文件     写一份可以发给学校的网页版检查报告（单个文件，可离线打开）
  --quiet         不显示进度，只输出汇总
  --help          显示本说明

退出码：0 没有错误（可能有警告）；1 有错误需要更正；2 命令用法有误。
报告文件不能写在数据文件夹里。`;

export async function main(argv: string[]): Promise<number> {
  const args = parseOptions(argv, {
    data: { type: "string" },
    json: { type: "string" },
    html: { type: "string" },
    quiet: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const dataDir = args.data ?? "data";
  if (args.json) assertOutsideData(args.json, dataDir, "JSON 报告");
  if (args.html) assertOutsideData(args.html, dataDir, "网页报告");

  const progress = args.quiet ? null : new Progress({ stage: "检查" });
  const result = await validateData(dataDir, {
    keepRows: false,
    threads: defaultThreads(),
    onProgress: progress?.update,
  });
  const seconds = progress?.finish();

  const totals = { errors: result.errors, warnings: result.warnings, files: result.fileTotals };
  process.stdout.write(`${formatCheckSummary(result.problems, totals)}\n`);
  if (seconds !== undefined) {
    process.stdout.write(
      `检查了 ${progress!.rows.toLocaleString("zh-CN")} 行，用时 ${seconds.toFixed(1)} 秒。\n`,
    );
  }
  if (args.json) {
    await mkdir(path.dirname(path.resolve(args.json)), { recursive: true });
    await writeFile(args.json, `${JSON.stringify(result.problems, null, 2)}\n`);
    process.stdout.write(`JSON 报告：${args.json}\n`);
  }
  if (args.html) {
    await mkdir(path.dirname(path.resolve(args.html)), { recursive: true });
    await writeFile(
      args.html,
      renderCheckReportHtml(result.problems, { dataLabel: dataDir, totals }),
    );
    process.stdout.write(`网页报告：${args.html}\n`);
  }
  if (result.errors > 0) {
    process.stdout.write(`有 ${result.errors} 个错误，请按上面的说明更正后再检查。\n`);
    return 1;
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(() => main(process.argv.slice(2)));
