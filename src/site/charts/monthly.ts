import * as Plot from "@observablehq/plot";
import { chartId } from "./chartId";
import { figureHtml, listTable } from "./figure";
import { chartText, stacked } from "./labels";
import { hasNumber, maxMessage } from "./messages";
import { HIDDEN, hatchFill, renderSvg, valueAxis } from "./render";
import { lineCount, textWidth, widestLine, wrapLabel } from "./text";
import { BAR_COLOR, LINE_HEIGHT, SMALL_FONT_SIZE, STATUS_WORDS, WIDTH } from "./theme";
import { formatTick, zeroBasedTicks } from "./ticks";
import type { ChartMeta, ChartOptions, ChartResult, Datum } from "./types";

const HEIGHT = 260;
const MONTH = /^\d{4}年(\d{1,2}月)$/;

/**
 * Columns per month in the given order (a school year runs 9, 10, 11, 12, 3, 4, 5, 6), each
 * with its value above it. The message names the month with the highest value.
 */
export function monthly(
  data: readonly Datum[],
  meta: ChartMeta,
  options: ChartOptions = {},
): ChartResult {
  const labels = data.map((datum) => datum.label);
  if (new Set(labels).size !== labels.length) throw new Error("duplicate month in monthly chart");
  const id = options.id ?? chartId("monthly", { data, meta });
  const message = maxMessage(data, meta);
  const svg = data.length === 0 ? "" : monthlySvg(id, data, meta);
  const table = listTable(meta, meta.labelHeader ?? "月份", data);
  return {
    html: figureHtml({ id, kind: "monthly", meta, message, svg, table, data }),
    message,
    svg,
  };
}

function monthlySvg(id: string, data: readonly Datum[], meta: ChartMeta): string {
  const numeric = data.filter(hasNumber);
  const ticks = zeroBasedTicks(
    Math.max(0, ...numeric.map((d) => d.value)),
    4,
    meta.unit === "count",
  );
  const format = formatTick(meta.unit);
  const marginLeft = Math.ceil(widestLine(ticks.map(format), SMALL_FONT_SIZE)) + 14;
  const marginRight = 8;
  const band = (WIDTH - marginLeft - marginRight) / data.length;

  // Months of one school year need no year on every column; the table has the full label.
  const short = data.every((datum) => MONTH.test(datum.label));
  const tickLabels = new Map(
    data.map((datum) => {
      const label = short ? datum.label.replace(MONTH, "$1") : datum.label;
      return [datum.label, wrapLabel(label, band - 2, SMALL_FONT_SIZE)];
    }),
  );
  const marginBottom = Math.max(...[...tickLabels.values()].map(lineCount)) * LINE_HEIGHT + 12;

  const texts = numeric.map((datum) => chartText(datum, meta.unit));
  const widest = widestLine(texts, 1);
  const valueFont =
    widest === 0 ? SMALL_FONT_SIZE : clamp(Math.floor((band * 0.95) / widest), 9, SMALL_FONT_SIZE);
  const word = (datum: Datum) => fitWord(chartText(datum, meta.unit), datum, band, SMALL_FONT_SIZE);
  const suppressed = data.filter((datum) => datum.status === "suppressed");
  const words = data.filter((datum) => !hasNumber(datum) && datum.status !== "suppressed");
  const wordLabel = {
    x: "label",
    y: () => 0,
    text: word,
    lineAnchor: "bottom",
    fontSize: SMALL_FONT_SIZE,
    className: "status-label",
    ...HIDDEN,
  } as const;

  return renderSvg(id, {
    width: WIDTH,
    height: HEIGHT,
    marginTop: valueFont + 10,
    marginBottom,
    marginLeft,
    marginRight,
    x: { domain: data.map((datum) => datum.label), padding: 0.2 },
    y: { domain: [0, ticks[ticks.length - 1] ?? 1] },
    marks: [
      ...valueAxis("y", ticks, format, SMALL_FONT_SIZE),
      Plot.axisX({
        className: "x-axis",
        tickSize: 0,
        tickFormat: (label: string) => tickLabels.get(label),
        fontSize: SMALL_FONT_SIZE,
        label: null,
        ...HIDDEN,
      }),
      Plot.barY(
        numeric.filter((datum) => datum.value !== 0),
        { x: "label", y: "value", fill: BAR_COLOR, className: "bar", ...HIDDEN },
      ),
      Plot.ruleY([0], { stroke: "currentColor", ...HIDDEN }),
      Plot.text(numeric, {
        x: "label",
        y: "value",
        text: (datum: Datum) => chartText(datum, meta.unit),
        dy: -4,
        lineAnchor: "bottom",
        fontSize: valueFont,
        className: "value-label",
        ...HIDDEN,
      }),
      Plot.dot(suppressed, {
        x: "label",
        y: () => 0,
        symbol: "square",
        r: 6,
        dy: -8,
        fill: hatchFill(id),
        stroke: "currentColor",
        className: "suppressed-marker",
        ...HIDDEN,
      }),
      Plot.text(suppressed, { ...wordLabel, dy: -18 }),
      Plot.text(words, { ...wordLabel, dy: -4 }),
    ],
  });
}

/**
 * The status word for a column: in full if it fits, "已保护" without its interval if that
 * fits, otherwise stacked one character per line as Chinese can be written.
 */
function fitWord(full: string, datum: Datum, band: number, fontSize: number): string {
  if (textWidth(full, fontSize) <= band) return full;
  const word = datum.status === "suppressed" ? STATUS_WORDS.suppressed : full;
  return textWidth(word, fontSize) <= band ? word : stacked(word);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
