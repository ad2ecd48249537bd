/**
 * `npm run self-check -- --out DIR [--data DIR]`: writes the schools' self-check page as a
 * single folder (one index.html) that can be e-mailed, copied to a USB stick or published.
 * Exit 1 when site.json or the school list has an error, 2 on a usage mistake.
 */
import path from "node:path";
import { assertOutsideData, parseOptions, runMain, UsageError } from "../src/cli/args.ts";
import { formatCheckSummary } from "../src/pipeline/report/checkSummary.ts";
import { loadSelfCheckSettings } from "../src/selfcheck/loadSettings.ts";
import { writeSelfCheckPage } from "../src/selfcheck/writePage.ts";

const HELP = `用法：npm run self-check -- --out 文件夹 [--data 文件夹]

生成“学校数据自查”网页：学校在报送前用浏览器打开它，选择本校的文件，就能看到与
npm run check 完全相同的检查结果。文件只在学校自己的电脑上检查，不会上传。

生成的文件夹里只有一个 index.html，可以通过邮件、U 盘发给学校，也可以放到网站上；
双击打开即可使用，不需要联网。网站生成（npm run build）时也会一起发布这个页面。

选项：
  --out 文件夹    把网页写到这个文件夹（必填；不能在数据文件夹里）
  --data 文件夹   数据文件夹（默认：data/，即内置示例数据）。只读取其中的 site.json
                  和最新学年的 schools.csv：检查学校标识码和年级时用这份学校名单
  --help          显示本说明

退出码：0 已生成；1 site.json 或学校名单有错误，没有生成；2 命令用法有误。`;

export async function main(argv: string[]): Promise<number> {
  const args = parseOptions(argv, {
    data: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (!args.out) throw new UsageError("请用 --out 指定网页的输出文件夹，例如 --out 自查网页。");
  const dataDir = args.data ?? "data";
  assertOutsideData(args.out, dataDir, "自查网页");

  const { settings, problems } = await loadSelfCheckSettings(dataDir);
  if (!settings) {
    process.stdout.write(`${formatCheckSummary(problems)}\n`);
    process.stdout.write("site.json 或学校名单有错误，没有生成自查网页。请按上面的说明更正。\n");
    return 1;
  }
  const { file, bytes } = await writeSelfCheckPage(path.resolve(args.out), { settings });
  process.stdout.write(
    `已生成 ${settings.year} 学年的自查网页（${settings.schools} 所学校）：${file}（${Math.round(bytes / 1024)} KB）\n` +
      "把整个文件夹发给学校即可；学校用浏览器打开 index.html 就能自查。\n",
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(() => main(process.argv.slice(2)));
