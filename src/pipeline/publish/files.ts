/**
 * The published tables as downloadable files (see docs/published-tables.md): per school year
 * `tables.json` (every table, change and the disclosure report), one CSV per table family, and
 * `system.json`, the sum relations between the published figures, from which anyone can re-run
 * the audit (`npm run audit -- --site DIR`) without the input data.
 *
 * Pure: returns file paths (relative to the site root, under data/) and their contents.
 */
import { toCsv, type CsvCell } from "./csv.ts";
import {
  formatValue,
  type Publishable,
  type PublishedSystem,
  type PublishedYear,
} from "./publishable.ts";

export interface OutputFile {
  path: string;
  content: string;
}

const CSV_HEADER = [
  "单位代码",
  "单位",
  "表",
  "类别",
  "数值",
  "状态",
  "区间下限",
  "区间上限",
  "百分比",
  "百分比说明",
];

const STATUS_LABEL = { published: "公布", zero: "零", suppressed: "已保护" } as const;

function csvRows(year: PublishedYear, family: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  for (const table of year.tables) {
    if (table.table !== family) continue;
    for (const row of table.rows) {
      const v = row.value;
      const status =
        v.kind === "count" ? STATUS_LABEL[v.status] : v.kind === "plain" ? "公布" : "未采集";
      const interval = v.kind === "count" && v.status === "suppressed" ? v.interval : null;
      const number =
        v.kind === "plain" || (v.kind === "count" && v.status === "published")
          ? v.value
          : v.kind === "count" && v.status === "zero"
            ? 0
            : null;
      const r = row.ratio;
      const percent = r?.status === "published" ? r.percent : null;
      const note =
        r === undefined
          ? ""
          : r.status === "band"
            ? r.atLeast !== undefined
              ? `≥${r.atLeast}%`
              : `≤${r.atMost}%`
            : r.status === "suppressed"
              ? "已保护"
              : r.status === "notApplicable"
                ? "不适用"
                : "";
      rows.push([
        table.unit,
        table.unitName,
        table.title,
        row.label,
        number,
        status,
        interval ? interval[0] : null,
        // An interval without an upper end (nothing published bounds it) leaves the cell empty.
        interval && Number.isFinite(interval[1]) ? interval[1] : null,
        percent,
        note || (v.kind === "count" && v.status === "suppressed" ? formatValue(v) : ""),
      ]);
    }
  }
  return rows;
}

/** Every published file of every year. */
export function publishedFiles(
  years: Publishable<PublishedYear[]>,
  systems: Publishable<readonly PublishedSystem[]>,
): OutputFile[] {
  const files: OutputFile[] = [];
  years.forEach((year, i) => {
    const dir = `data/${year.year}`;
    files.push({ path: `${dir}/tables.json`, content: `${JSON.stringify(year)}\n` });
    files.push({ path: `${dir}/system.json`, content: `${JSON.stringify(systems[i])}\n` });
    const families = [...new Set(year.tables.map((t) => t.table))].sort();
    for (const family of families) {
      files.push({
        path: `${dir}/${family}.csv`,
        content: toCsv(CSV_HEADER, csvRows(year, family)),
      });
    }
  });
  return files;
}
