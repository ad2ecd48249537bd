import * as Plot from "@observablehq/plot";
import { barMarks } from "./barMarks";
import { chartId } from "./chartId";
import { figureHtml, listTable } from "./figure";
import { chartText } from "./labels";
import { hasNumber, maxMessage } from "./messages";
import { HIDDEN, renderSvg, valueAxis } from "./render";
import { lineCount, widestLine, wrapLabel } from "./text";
import { BAR_COLOR, BAR_MAX_COLOR, FONT_SIZE, LINE_HEIGHT, WIDTH } from "./theme";
import { fittingTicks, formatTick } from "./ticks";
import type { ChartMeta, ChartOptions, ChartResult, Datum } from "./types";

export interface BarChartOptions extends ChartOptions {
  /** Draw the highest published value(s) darker and their labels bold. */
  highlightMax?: boolean;
  /** "given" keeps the input order; "desc" puts the highest first and values without a number last. */
  order?: "given" | "desc";
}

/**
 * Horizontal bars, one per unit or category, each with its value written at its end.
 * The message names the highest published value.
 */
export function barChart(
  data: readonly Datum[],
  meta: ChartMeta,
  options: BarChartOptions = {},
): ChartResult {
  assertUniqueLabels(data);
  const id = options.id ?? chartId("bar", { data, meta, options });
  const rows = options.order === "desc" ? sortDescending(data) : [...data];
  const message = maxMessage(data, meta);
  const svg = rows.length === 0 ? "" : barSvg(id, rows, meta, options.highlightMax ?? false);
  const table = listTable(meta, meta.labelHeader ?? "项目", rows);
  return {
    html: figureHtml({ id, kind: "bar", meta, message, svg, table, data: rows }),
    message,
    svg,
  };
}

function barSvg(
  id: string,
  rows: readonly Datum[],
  meta: ChartMeta,
  highlightMax: boolean,
): string {
  const labels = rows.map((datum) => datum.label);
  const wrapped = new Map(labels.map((label) => [label, wrapLabel(label, WIDTH * 0.4, FONT_SIZE)]));
  const numeric = rows.filter(hasNumber);
  const max = Math.max(0, ...numeric.map((datum) => datum.value));
  const maxLines = Math.max(...[...wrapped.values()].map(lineCount));
  const rowHeight = Math.max(32, maxLines * LINE_HEIGHT + 14);
  const marginTop = 8;
  // Without a single number there is no scale to read: no axis, and no room kept for one.
  const axis = numeric.length > 0;
  const marginBottom = axis ? 30 : 4;
  const endLabels = numeric.map((datum) => chartText(datum, meta.unit));
  const marginLeft = Math.ceil(widestLine([...wrapped.values()], FONT_SIZE)) + 12;
  const marginRight = Math.max(16, Math.ceil(widestLine(endLabels, FONT_SIZE)) + 10);
  const span = WIDTH - marginLeft - marginRight;
  const format = formatTick(meta.unit);
  const ticks = fittingTicks(max, meta.unit === "count", span, format, FONT_SIZE);
  const top = ticks[ticks.length - 1] ?? 1;
  return renderSvg(id, {
    width: WIDTH,
    height: marginTop + marginBottom + rows.length * rowHeight,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: { domain: [0, top], axis: null },
    y: { domain: labels, padding: 0.2 },
    marks: [
      ...(axis ? valueAxis("x", ticks, format) : []),
      Plot.axisY({
        className: "y-axis",
        tickSize: 0,
        tickFormat: (label: string) => wrapped.get(label),
        label: null,
        ...HIDDEN,
      }),
      ...barMarks(id, rows, meta.unit, {
        y: (datum) => datum.label,
        fill: (datum) => (highlightMax && isMax(datum, max) ? BAR_MAX_COLOR : BAR_COLOR),
        bold: (datum) => highlightMax && isMax(datum, max),
        scale: { max: top, span },
      }),
    ],
  });
}

function isMax(datum: Datum, max: number): boolean {
  return hasNumber(datum) && datum.value === max && max > 0;
}

/** Highest first; equal values and values without a number keep their given order. */
function sortDescending(data: readonly Datum[]): Datum[] {
  const key = (datum: Datum) => (hasNumber(datum) ? datum.value : -Infinity);
  return [...data].sort((a, b) => key(b) - key(a) || 0);
}

function assertUniqueLabels(data: readonly Datum[]): void {
  const seen = new Set<string>();
  for (const datum of data) {
    if (seen.has(datum.label)) throw new Error(`duplicate label in bar chart: ${datum.label}`);
    seen.add(datum.label);
  }
}
