import { escapeHtml } from "./escapeHtml";
import { tableText } from "./labels";
import { MISSING_MARK } from "./theme";
import type { ChartMeta, Datum, DatumStatus } from "./types";

export interface FigureParts {
  id: string;
  kind: string;
  meta: ChartMeta;
  message: string;
  svg: string;
  /** The `<table>` for the details element. */
  table: string;
  /** HTML shown under the chart, e.g. the heat map's colour steps. */
  legend?: string;
  /** Every datum shown, to explain the statuses that occur. */
  data: readonly (Datum | undefined)[];
}

/**
 * The figure: title, message, chart, legend, notes on missing values, the table behind a
 * `<details>` and the caption last (a figcaption must be the first or last child).
 */
export function figureHtml(parts: FigureParts): string {
  const notes = statusNotes(parts.data);
  return [
    `<figure class="chart chart-${parts.kind}" id="${escapeHtml(parts.id)}">`,
    `<p class="chart-title"><strong>${escapeHtml(parts.meta.title)}</strong></p>`,
    `<p class="chart-message">${escapeHtml(parts.message)}</p>`,
    parts.svg === "" ? "" : `<div class="chart-plot">${parts.svg}</div>`,
    parts.legend ?? "",
    notes === "" ? "" : `<p class="chart-notes">${notes}</p>`,
    `<details class="chart-data"><summary>查看数据表</summary>`,
    parts.table,
    `</details>`,
    `<figcaption class="chart-caption">${escapeHtml(parts.meta.caption)}</figcaption>`,
    `</figure>`,
  ]
    .filter((line) => line !== "")
    .join("\n");
}

const NOTES: Record<Exclude<DatumStatus, "published">, string> = {
  zero: "“0”表示确实没有。",
  suppressed: "“已保护”：为保护儿童隐私，这个数字不公布；如给出范围，真实数字在这个范围内。",
  notCollected: "“未采集”：学校没有报送这项数据。",
  notApplicable: "“不适用”：这一项没有可以计算的对象（例如没有学生，无法计算比例）。",
};

function statusNotes(data: readonly (Datum | undefined)[]): string {
  const present = new Set(data.map((datum) => datum?.status));
  const notes = (["zero", "suppressed", "notCollected", "notApplicable"] as const)
    .filter((status) => present.has(status))
    .map((status) => NOTES[status]);
  if (present.has(undefined)) notes.push(`“${MISSING_MARK}”：没有这一项。`);
  return notes.length === 0 ? "" : `说明：${notes.join("")}`;
}

/** A table of one value per row. */
export function listTable(meta: ChartMeta, labelHeader: string, data: readonly Datum[]): string {
  const body =
    data.length === 0
      ? [`<tr><td colspan="2">暂无数据</td></tr>`]
      : data.map(
          (datum) => `<tr>${rowHeader(datum.label)}${valueCell(datum, meta, meta.valueLabel)}</tr>`,
        );
  return table(meta, [labelHeader, meta.valueLabel], body);
}

/** A table with a row per `rows` entry and a column per `cols` entry. */
export function crossTable(
  meta: ChartMeta,
  labelHeader: string,
  rows: readonly string[],
  cols: readonly string[],
  cell: (row: string, col: string) => Datum | undefined,
): string {
  const body =
    rows.length === 0
      ? [`<tr><td colspan="${cols.length + 1}">暂无数据</td></tr>`]
      : rows.map(
          (row) =>
            `<tr>${rowHeader(row)}${cols.map((col) => valueCell(cell(row, col), meta, col)).join("")}</tr>`,
        );
  return table(meta, [labelHeader, ...cols], body);
}

function table(meta: ChartMeta, headers: readonly string[], body: readonly string[]): string {
  const head = headers
    .map((header, i) => {
      const align = i === 0 ? "" : ` style="text-align:right"`;
      return `<th scope="col"${align}>${escapeHtml(header)}</th>`;
    })
    .join("");
  // Four columns or more are one card per row on a phone (the site's `table.card-rows` style).
  const cards = headers.length >= 4 ? " card-rows" : "";
  return [
    `<table class="chart-table${cards}">`,
    `<caption>${escapeHtml(meta.title)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>`,
    ...body,
    `</tbody>`,
    `</table>`,
  ].join("\n");
}

function rowHeader(label: string): string {
  return `<th scope="row">${escapeHtml(label)}</th>`;
}

/** A value cell; `label` is its column's header, shown beside it when the table is cards. */
function valueCell(datum: Datum | undefined, meta: ChartMeta, label: string): string {
  const status = datum?.status ?? "missing";
  const text = escapeHtml(tableText(datum, meta.unit));
  return `<td class="num status-${status}" style="text-align:right" data-label="${escapeHtml(label)}">${text}</td>`;
}
