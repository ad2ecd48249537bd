/**
 * The year's statistics as one Excel workbook for officials
 * (`downloads/<学年>/留守儿童关爱统计-<学年>.xlsx`): one sheet per topic, units as rows in
 * hierarchy order (全县 → 乡镇 → 学校), categories as columns, and a sheet that explains the
 * marks and definitions. Built from the published tables only: a suppressed figure is the
 * text "已保护" with its published interval in the next column, never a number.
 *
 * Pure: the workbook's bytes, the same for the same tables.
 */
import { textLines, textWidth, writeXlsx, type XlsxCell, type XlsxSheet } from "../xlsxWriter.ts";
import type {
  Publishable,
  PublishedRatio,
  PublishedTable,
  PublishedUnit,
  PublishedValue,
  PublishedYear,
} from "./publishable.ts";

/** Where the workbook of a year is published, relative to the site root. */
export const yearWorkbookPath = (year: string) => `downloads/${year}/留守儿童关爱统计-${year}.xlsx`;

/** The topic sheets, each with the table families it holds (by family id). */
export const TOPICS: readonly { sheet: string; holds: (family: string) => boolean }[] = [
  {
    sheet: "在校生与留守儿童",
    holds: (f) => ["enr", "lb.moe", "lb.sc", "lb.sc.unknown", "sc.assessed", "lb.type"].includes(f),
  },
  { sheet: "构成", holds: (f) => /^(enr|lb)\./.test(f) },
  { sheet: "关爱覆盖", holds: (f) => f.startsWith("cov.") },
  { sheet: "关爱活动", holds: (f) => f.startsWith("act.") },
  { sheet: "社会关爱", holds: (f) => f.startsWith("soc.") },
];

/** Marks used in the cells, as the 说明 sheet explains them. */
export const MARKS = {
  suppressed: "已保护",
  notCollected: "未采集",
  notApplicable: "不适用",
  none: "—",
} as const;

const LEVEL_LABEL: Record<number, string> = { 0: "学校", 1: "乡镇", 2: "区县", 3: "全县" };

/** Units depth first: the region, then each 区县 / 乡镇 followed by its schools. */
function unitsInOrder(year: PublishedYear): PublishedUnit[] {
  const byId = new Map(year.units.map((u) => [u.id, u]));
  const out: PublishedUnit[] = [];
  const visit = (u: PublishedUnit) => {
    out.push(u);
    for (const c of u.children) {
      const child = byId.get(c);
      if (child) visit(child);
    }
  };
  const roots = year.units.filter((u) => !u.parent || !byId.has(u.parent));
  roots.forEach(visit);
  return out;
}

/** One category of a family: a value column, its interval column, and a percentage if any. */
interface Column {
  family: string;
  category: string;
  label: string;
  ratio: boolean;
}

function intervalText(v: PublishedValue): string {
  if (v.kind !== "count" || v.status !== "suppressed") return "";
  const [lo, hi] = v.interval;
  return Number.isFinite(hi) ? `${lo}–${hi}` : `≥${lo}`;
}

function valueCell(v: PublishedValue): XlsxCell {
  switch (v.kind) {
    case "plain":
      return v.value;
    case "notCollected":
      return MARKS.notCollected;
    case "count":
      if (v.status === "published") return v.value;
      if (v.status === "zero") return 0;
      return MARKS.suppressed;
  }
}

function ratioCell(r: PublishedRatio | undefined): XlsxCell {
  if (!r) return MARKS.none;
  switch (r.status) {
    case "published":
      return { percent: r.percent / 100 };
    case "band":
      return r.atLeast !== undefined ? `≥${r.atLeast}%` : `≤${r.atMost}%`;
    case "suppressed":
      return MARKS.suppressed;
    case "notApplicable":
      return MARKS.notApplicable;
  }
}

/** The columns of a topic: every category of its families, in first-seen order. */
function topicColumns(tables: readonly PublishedTable[]): Column[] {
  const columns = new Map<string, Column>();
  for (const t of tables) {
    for (const row of t.rows) {
      const key = `${t.table}\u0000${row.category}`;
      const existing = columns.get(key);
      if (existing) existing.ratio ||= row.ratio !== undefined;
      else
        columns.set(key, {
          family: t.table,
          category: row.category,
          label: row.label,
          ratio: row.ratio !== undefined,
        });
    }
  }
  return [...columns.values()];
}

const ID_COLUMNS = ["级别", "乡镇", "单位", "学校标识码"];

function topicSheet(
  name: string,
  year: PublishedYear,
  units: readonly PublishedUnit[],
  tables: readonly PublishedTable[],
): XlsxSheet {
  const columns = topicColumns(tables);
  const titles = new Map(tables.map((t) => [t.table, t.title]));
  const byUnit = new Map<string, Map<string, PublishedTable>>();
  for (const t of tables) {
    const m = byUnit.get(t.unit) ?? new Map<string, PublishedTable>();
    m.set(t.table, t);
    byUnit.set(t.unit, m);
  }
  // Header: row 1 the table's title over its first column, row 2 each column's own label.
  const top: XlsxCell[] = ID_COLUMNS.map(() => "");
  const second: XlsxCell[] = [...ID_COLUMNS];
  let lastFamily = "";
  for (const c of columns) {
    top.push(c.family === lastFamily ? "" : (titles.get(c.family) ?? c.family));
    lastFamily = c.family;
    second.push(c.label, `${c.label}·范围`);
    top.push("");
    if (c.ratio) {
      second.push(`${c.label}·占比`);
      top.push("");
    }
  }
  const unitById = new Map(year.units.map((u) => [u.id, u]));
  const rows: XlsxCell[][] = [top, second];
  for (const u of units) {
    const mine = byUnit.get(u.id);
    if (!mine) continue;
    const township =
      u.level === 1
        ? u.name
        : u.level === 0 && u.parent
          ? (unitById.get(u.parent)?.name ?? "")
          : "";
    const row: XlsxCell[] = [
      LEVEL_LABEL[u.level] ?? "",
      township,
      u.name,
      u.level === 0 ? u.id : "",
    ];
    for (const c of columns) {
      const found = mine.get(c.family)?.rows.find((r) => r.category === c.category);
      if (!found) {
        row.push(MARKS.none, "");
        if (c.ratio) row.push(MARKS.none);
        continue;
      }
      row.push(valueCell(found.value), intervalText(found.value));
      if (c.ratio) row.push(ratioCell(found.ratio));
    }
    rows.push(row);
  }
  const widths = second.map((_, i) => {
    let w = 6;
    for (const r of rows) {
      const cell = r[i];
      const text =
        typeof cell === "string"
          ? cell
          : typeof cell === "number"
            ? String(cell)
            : cell
              ? "100.0%"
              : "";
      // The title row may run across the empty header cells to its right.
      if (r === top) continue;
      w = Math.max(w, textWidth(text) + 2);
    }
    return Math.min(w, 40);
  });
  return {
    name,
    rows,
    widths,
    freeze: { rows: 2, cols: 3 },
    headerRows: [1, 2],
    textColumns: [3],
  };
}

/** Width of the 说明 sheet's text column (about 45 Chinese characters). */
const EXPLANATION_WIDTH = 90;

function explanationSheet(year: PublishedYear, publisher: string): XlsxSheet {
  const d = year.disclosure;
  const lines: XlsxCell[][] = [
    [`${year.region}${year.year}学年留守儿童关爱统计`],
    [`发布单位：${publisher}。本工作簿只含网站已公布的数字，与网站和 CSV 文件中的数字完全一致。`],
    [],
    ["工作表", "内容"],
    ["在校生与留守儿童", "各单位在校生人数、两种口径的留守儿童人数和占比、留守类型"],
    ["构成", "在校生和留守儿童按性别、学段、年级、城乡、就读方式、主要照护人和困境儿童的构成"],
    ["关爱覆盖", "各项关爱工作覆盖的留守儿童（或人月、人·学期）和覆盖率"],
    ["关爱活动", "关爱活动次数和留守儿童参与人次，按活动类型和月份"],
    ["社会关爱", "捐赠、走访的次数、折合金额（元）和受助留守儿童人次，按单位"],
    [],
    [
      "行和列",
      "每行是一个单位：全县，然后每个乡镇及其下的学校。每张表的每个类别占两列：数值和“范围”；有占比的再加一列“占比”。",
    ],
    [],
    ["标记", "含义"],
    [
      MARKS.suppressed,
      `为保护儿童隐私不公布的数字：少于 ${d.k} 人的数字（孤儿、残疾、家庭经济困难、单亲家庭少于 ${d.kSensitive} 人），“全部/几乎全部”的情况，不足 10 人的单位的细分，以及能推算出这些数字的其他数字。右边“范围”一列是任何人根据全部公布数字都能推算出的范围（如 0–7），真实数字在其中。`,
    ],
    ["0", "真正的 0（没有这样的学生），不是被保护的数字"],
    [MARKS.notCollected, "学校没有报送这一项，无法统计"],
    [MARKS.notApplicable, "分母为 0，占比没有意义"],
    [MARKS.none, "这个单位没有这项统计（例如城乡构成只按全县和乡镇统计）"],
    ["≥75% / ≤25%", "占比只公布所在区间，以免推算出被保护的人数"],
    [],
    ["口径", "说明"],
    [
      "教育统计口径",
      "依据学籍系统“是否留守儿童”一项：父母一方或双方外出务工连续三个月以上，托付给其他亲属监护、在户籍所在地接受义务教育的适龄儿童。分为单亲留守儿童（父母一方外出，不等于单亲家庭）和双亲留守儿童。",
    ],
    [
      "国务院2016口径",
      "依据国发〔2016〕13号：父母双方外出务工或一方外出务工另一方无监护能力、不满十六周岁的未成年人。年龄按学年开始时（9月1日）计算。学校未报送判定所需信息时，单亲留守儿童列为“无法判定”。",
    ],
    ["覆盖率", "有该项关爱记录的留守儿童（或人月、人·学期）÷ 应覆盖的数量"],
  ];
  // Long texts one line a row (see `textLines`); the headers move down with them.
  const rows: XlsxCell[][] = [];
  const headerRows: number[] = [];
  for (const [i, line] of lines.entries()) {
    if ([3, 12, 20].includes(i)) headerRows.push(rows.length + 1);
    const text = line[1];
    if (typeof text !== "string" || textWidth(text) <= EXPLANATION_WIDTH) {
      rows.push(line);
      continue;
    }
    textLines(text, EXPLANATION_WIDTH).forEach((part, j) =>
      rows.push(j === 0 ? [line[0], part] : ["", part]),
    );
  }
  return { name: "说明", rows, widths: [18, EXPLANATION_WIDTH + 2], headerRows };
}

/** The workbook of every published year, with where each goes. */
export function yearWorkbooks(
  years: Publishable<PublishedYear[]>,
  publisher: string,
): { path: string; year: string; content: Uint8Array }[] {
  return years.map((year) => ({
    path: yearWorkbookPath(year.year),
    year: year.year,
    content: yearWorkbook(year, publisher),
  }));
}

/** The workbook of one year (taken from a `Publishable` list by `yearWorkbooks`). */
function yearWorkbook(year: PublishedYear, publisher: string): Uint8Array {
  const units = unitsInOrder(year);
  const sheets: XlsxSheet[] = [explanationSheet(year, publisher)];
  const taken = new Set<string>();
  for (const topic of TOPICS) {
    const tables = year.tables.filter((t) => !taken.has(t.table) && topic.holds(t.table));
    for (const t of tables) taken.add(t.table);
    if (tables.length > 0) sheets.push(topicSheet(topic.sheet, year, units, tables));
  }
  return writeXlsx(sheets, {
    title: `${year.region}${year.year}学年留守儿童关爱统计`,
    creator: publisher,
  });
}
