/**
 * Writes the blank templates for schools to docs/templates/ (or --out DIR): a header-only CSV
 * and an Excel workbook (drop-down lists, text id columns, instructions) per file kind.
 * Run: npx tsx scripts/templates.ts
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TEMPLATE_FILES, TEMPLATE_KINDS, templateCsv } from "../src/pipeline/read/templates";
import { TEMPLATE_WORKBOOKS, templateWorkbook } from "../src/pipeline/read/templateWorkbook";

const HELP = `用法：npm run templates [-- --out 文件夹]

生成各类数据文件的空白模板，每类一个 CSV 文件和一个 Excel 工作簿：
  schools.csv / schools.xlsx           学校名单
  students.csv / students.xlsx         学生名单
  care.csv / care.xlsx                 关爱记录
  activities.csv / activities.xlsx     关爱活动
  social.csv / social.xlsx             社会关爱（捐赠、走访）

列名与程序识别的列名完全一致，列名末尾带“*”的是必填列。
CSV 为 UTF-8（带 BOM）编码；工作簿中有代码的列带下拉列表，学籍号等编号列已设为文本格式，
第 1 行冻结，另有一个“填写说明”工作表。

选项：
  --out 文件夹   模板保存到哪个文件夹（默认：docs/templates）
  --help         显示本说明
`;

function main(args: readonly string[]): number {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP);
    return 0;
  }
  const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
  let out = join(root, "docs", "templates");
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--out" && args[i + 1]) {
      out = resolve(args[++i] as string);
    } else {
      process.stderr.write(`无法识别的参数“${arg}”。\n\n${HELP}`);
      return 2;
    }
  }
  mkdirSync(out, { recursive: true });
  for (const kind of TEMPLATE_KINDS) {
    const path = join(out, TEMPLATE_FILES[kind]);
    writeFileSync(path, templateCsv(kind), "utf8");
    process.stdout.write(`已生成 ${relative(process.cwd(), path) || path}\n`);
    const book = join(out, TEMPLATE_WORKBOOKS[kind]);
    writeFileSync(book, templateWorkbook(kind));
    process.stdout.write(`已生成 ${relative(process.cwd(), book) || book}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
