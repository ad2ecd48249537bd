/**
 * `npm run audit -- --site DIR`: re-runs the disclosure audit from the published files of a
 * built site alone (docs/published-tables.md). One line per table, a summary last; exit 1 on
 * any failure.
 */
import { parseOptions, runMain, UsageError } from "../src/cli/args.ts";
import { publicAudit } from "../src/pipeline/protect/publicAudit.ts";
import { readPublishedSystems } from "../src/pipeline/read/publishedSystems.ts";

const HELP = `用法：npm run audit -- --site 网站文件夹

只根据网站上公布的数据文件（data/<学年>/system.json）重新核查小数保护是否有效，
不需要原始数据：公布的人数中没有 1 到 k−1 的小数字；每个被保护的数字，根据全部公布
数据能推算出的范围至少 k 宽、不能被精确算出，且与网站上显示的范围一致。

选项：
  --site 文件夹   已生成的网站文件夹（例如 dist）
  --help          显示本说明

退出码：0 全部通过；1 有未通过的项目；2 用法有误。`;

export async function main(argv: string[]): Promise<number> {
  const args = parseOptions(argv, {
    site: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (!args.site)
    throw new UsageError("请用 --site 指定网站文件夹，例如 npm run audit -- --site dist");
  const { systems, unreadable } = await readPublishedSystems(args.site);
  for (const u of unreadable) process.stdout.write(`[无法读取] ${u.file}：${u.reason}\n`);
  if (systems.length === 0 && unreadable.length === 0) {
    process.stdout.write(`在 ${args.site}/data/ 中没有找到公布的数据文件（system.json）。\n`);
    return 1;
  }
  let failures = unreadable.length;
  let figures = 0;
  let suppressed = 0;
  for (const system of systems) {
    const result = await publicAudit(system);
    figures += result.figures;
    suppressed += result.suppressed;
    failures += result.failures.length;
    for (const [table, t] of [...result.tables].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const mark = t.failures > 0 ? "未通过" : "通过";
      process.stdout.write(
        `[${mark}] ${system.year} ${table}：${t.figures} 个数字，${t.suppressed} 个已保护${t.failures ? `，${t.failures} 处问题` : ""}\n`,
      );
    }
    for (const f of result.failures) {
      process.stdout.write(`  ${f.check} ${f.figure}：${f.detail}\n`);
    }
  }
  process.stdout.write(
    failures === 0
      ? `核查通过：${systems.length} 个学年，${figures} 个数字，其中 ${suppressed} 个已保护。\n`
      : `核查未通过：共 ${failures} 处问题。\n`,
  );
  return failures === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(() => main(process.argv.slice(2)));
