/**
 * The terminal summary of a check (data contract §9): problems grouped by file, then by
 * code, with the rows where each code occurs. The full list goes to the JSON and HTML reports.
 */

import { CATALOGUE, type Problem, type ProblemCode } from "../problems";

/** How many row numbers a summary line lists before it says "等". */
const MAX_ROWS = 5;

/** Label for problems with the data folder itself (file ""). */
export const DATA_FOLDER_LABEL = "（数据文件夹）";

/** Code-unit order: deterministic on every machine, unlike locale collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Errors before warnings, then by code. */
export function compareCodes(a: ProblemCode, b: ProblemCode): number {
  const sa = CATALOGUE[a].severity === "error" ? 0 : 1;
  const sb = CATALOGUE[b].severity === "error" ? 0 : 1;
  return sa - sb || compareText(a, b);
}

/**
 * Full counts, including problems only counted beyond the listing limit (`ProblemSink`);
 * without them the counts are those of the listed problems.
 */
export interface Totals {
  errors: number;
  warnings: number;
  /** The same per file. */
  files?: ReadonlyMap<string, { errors: number; warnings: number }>;
}

const counted = (t: { errors: number; warnings: number }) =>
  `${t.errors} 个错误、${t.warnings} 个警告`;

/** "2 个错误、1 个警告". */
export function countsText(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  return `${errors} 个错误、${problems.length - errors} 个警告`;
}

function rowsText(problems: readonly Problem[]): string {
  const wholeFile = problems.some((p) => p.row === null);
  const rows = [...new Set(problems.flatMap((p) => (p.row === null ? [] : [p.row])))].sort(
    (a, b) => a - b,
  );
  const parts: string[] = [];
  if (wholeFile) parts.push("整个文件");
  if (rows.length > 0) {
    const more = rows.length > MAX_ROWS ? "等" : "";
    parts.push(`第 ${rows.slice(0, MAX_ROWS).join("、")} 行${more}`);
  }
  return parts.join("；");
}

/**
 * Formats problems for the terminal, one block per file (files sorted), one line per code:
 * `  E_DATE_INVALID  日期无法识别  3 处（第 5、8、12 行）`, then `共 N 个错误、M 个警告`.
 * With no problems, a single line. No trailing newline.
 */
export function formatCheckSummary(problems: readonly Problem[], totals?: Totals): string {
  if (problems.length === 0) return "检查完成，没有发现问题。";

  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }

  const lines: string[] = [];
  for (const file of [...byFile.keys()].sort(compareText)) {
    const inFile = byFile.get(file) ?? [];
    const fileTotals = totals?.files?.get(file);
    lines.push(
      `${file || DATA_FOLDER_LABEL}：${fileTotals ? counted(fileTotals) : countsText(inFile)}`,
    );
    const byCode = new Map<ProblemCode, Problem[]>();
    for (const p of inFile) {
      const list = byCode.get(p.code);
      if (list) list.push(p);
      else byCode.set(p.code, [p]);
    }
    for (const code of [...byCode.keys()].sort(compareCodes)) {
      const ofCode = byCode.get(code) ?? [];
      lines.push(`  ${code}  ${CATALOGUE[code].title}  ${ofCode.length} 处（${rowsText(ofCode)}）`);
    }
  }
  lines.push(
    `共 ${totals ? `${totals.errors} 个错误、${totals.warnings} 个警告` : countsText(problems)}`,
  );
  return lines.join("\n");
}
