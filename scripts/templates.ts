/**
 * Writes the header-only CSV templates for schools to docs/templates/ (or --out DIR).
 * Run: npx tsx scripts/templates.ts
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TEMPLATE_FILES, TEMPLATE_KINDS, templateCsv } from "../src/pipeline/read/templates";

const HELP = `用法：npm run templates [-- --out 文件夹]

生成各类数据文件的空白模板（只有表头的 CSV 文件）：
  schools.csv      学校名单
  students.csv     学生名单
  care.csv         关爱记录
  activities.csv   关爱活动
  social.csv       社会关爱（捐赠、走访）

列名与程序识别的列名完全一致，列名末尾带“*”的是必填列。
文件为 UTF-8（带 BOM）编码，可直接用 Excel 打开。

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
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
