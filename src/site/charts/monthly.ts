import * as Plot from "@observablehq/plot";
import { chartId } from "./chartId";
import { figureHtml, listTable } from "./figure";
import { chartText, stacked } from "./labels";
import { hasNumber, maxMessage } from "./messages";
import { HIDDEN, hatchFill, renderSvg, valueAxis } from "./render";
import { lineCount, textWidth, widestLine, wrapLabel } from "./text";
import { BAR_COLOR, LINE_HEIGHT, SMALL_FONT_SIZE, WIDTH } from "./theme";
import { formatTick, zeroBasedTicks } from "./ticks";
import type { ChartMeta, ChartOptions, ChartResult, Datum } from "./types";

const HEIGHT = 260;
/** Height of the hatched stub of a suppressed month, in viewBox units. */
const STUB_HEIGHT = 14;
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

/** Space kept between the labels of neighbouring columns, in viewBox units. */
const LABEL_GAP = 6;

function monthlySvg(id: string, data: readonly Datum[], meta: ChartMeta): string {
  const numeric = data.filter(hasNumber);
  // Without a single number there is no scale to read: no value axis.
  const axis = numeric.length > 0;
  const ticks = zeroBasedTicks(
    Math.max(0, ...numeric.map((d) => d.value)),
    4,
    meta.unit === "count",
  );
  const format = formatTick(meta.unit);
  const marginLeft = axis ? Math.ceil(widestLine(ticks.map(format), SMALL_FONT_SIZE)) + 14 : 8;
  const marginRight = 8;
  const band = (WIDTH - marginLeft - marginRight) / data.length;

  // Months of one school year need no year on every column; the table has the full label.
  // A label wider than its column less the gap goes on two lines ("10\n月"), never touching.
  const short = data.every((datum) => MONTH.test(datum.label));
  const tickLabels = new Map(
    data.map((datum) => {
      const label = short ? datum.label.replace(MONTH, "$1") : datum.label;
      return [datum.label, wrapLabel(label, band - LABEL_GAP, SMALL_FONT_SIZE)];
    }),
  );
  const marginBottom = Math.max(...[...tickLabels.values()].map(lineCount)) * LINE_HEIGHT + 12;

  // Values above the columns: the largest font up to the small size at which they keep the
  // gap; percentages drop their "%" (the axis says it) before the font gets smaller than 10.
  const full = numeric.map((datum) => chartText(datum, meta.unit));
  const bare = full.map((text) => text.replace(/%$/, ""));
  const fontFor = (texts: readonly string[]) => {
    const widest = widestLine(texts, 1);
    return widest === 0 ? SMALL_FONT_SIZE : Math.floor((band - LABEL_GAP) / widest);
  };
  const dropPercent = fontFor(full) < 10 && fontFor(bare) > fontFor(full);
  const valueFont = clamp(fontFor(dropPercent ? bare : full), 8, SMALL_FONT_SIZE);
  const valueText = (datum: Datum) => {
    const text = chartText(datum, meta.unit);
    return dropPercent ? text.replace(/%$/, "") : text;
  };
  const suppressed = data.filter((datum) => datum.status === "suppressed");
  const words = data.filter((datum) => !hasNumber(datum) && datum.status !== "suppressed");
  // Status words on one line at the largest font down to 10 that keeps the gap, else stacked.
  const wordTexts = [...suppressed, ...words].map((datum) => chartText(datum, meta.unit));
  const wordFont =
    [SMALL_FONT_SIZE, 11, 10].find((size) =>
      wordTexts.every((text) => textWidth(text, size) <= band - LABEL_GAP),
    ) ?? SMALL_FONT_SIZE;
  const word = (datum: Datum) => fitWord(chartText(datum, meta.unit), band, wordFont);
  const wordLabel = {
    x: "label",
    y: () => 0,
    text: word,
    lineAnchor: "bottom",
    fontSize: wordFont,
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
    y: { domain: [0, ticks[ticks.length - 1] ?? 1], axis: null },
    marks: [
      ...(axis ? valueAxis("y", ticks, format, SMALL_FONT_SIZE) : []),
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
        text: valueText,
        dy: -4,
        lineAnchor: "bottom",
        fontSize: valueFont,
        className: "value-label",
        ...HIDDEN,
      }),
      // A hatched stub of a fixed height, never a length that could be read as the value.
      Plot.barY(suppressed, {
        x: "label",
        y1: () => 0,
        y2: () => 0,
        insetTop: -STUB_HEIGHT,
        fill: hatchFill(id),
        stroke: "currentColor",
        className: "suppressed-marker",
        ...HIDDEN,
      }),
      Plot.text(suppressed, { ...wordLabel, dy: -(STUB_HEIGHT + 4) }),
      Plot.text(words, { ...wordLabel, dy: -4 }),
    ],
  });
}

/**
 * The status word for a column: on one line if it fits with the gap to its neighbours,
 * otherwise stacked one character per line as Chinese can be written.
 */
function fitWord(word: string, band: number, fontSize: number): string {
  return textWidth(word, fontSize) <= band - LABEL_GAP ? word : stacked(word);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
