import * as Plot from "@observablehq/plot";
import { chartId } from "./chartId";
import { crossTable, figureHtml, listTable } from "./figure";
import { chartText } from "./labels";
import { legendHtml, lineSwatch } from "./legend";
import { hasNumber, type NumericDatum, trendMessage, unique } from "./messages";
import { HIDDEN, renderSvg, valueAxis } from "./render";
import { lineCount, textWidth, widestLine, wrapLabel } from "./text";
import {
  MISSING_MARK,
  SERIES_COLORS,
  SERIES_DASHES,
  SERIES_SYMBOLS,
  SMALL_FONT_SIZE,
  WIDTH,
  cycle,
} from "./theme";
import { formatTick, zeroBasedTicks } from "./ticks";
import type { ChartMeta, ChartOptions, ChartResult, Datum } from "./types";

const HEIGHT = 240;

interface Point {
  year: string;
  datum: Datum | undefined;
}

/**
 * A trend over school years: labels are the years in time order, `series` (optional) one
 * line each. Years without a number break the line instead of joining across them, and
 * say why at the baseline. With a single year it draws a dot and says there is one year.
 */
export function lineChart(
  data: readonly Datum[],
  meta: ChartMeta,
  options: ChartOptions = {},
): ChartResult {
  const id = options.id ?? chartId("line", { data, meta });
  const years = unique(data.map((datum) => datum.label));
  const series = unique(data.map(seriesOf));
  const byKey = new Map<string, Datum>();
  for (const datum of data) {
    const k = key(datum.label, seriesOf(datum));
    if (byKey.has(k)) throw new Error(`duplicate datum: ${datum.label} ${seriesOf(datum)}`);
    byKey.set(k, datum);
  }
  const message = trendMessage(data, meta);
  const svg = data.length === 0 ? "" : lineSvg(id, years, series, byKey, meta);
  const labelHeader = meta.labelHeader ?? "学年";
  const single = series.length <= 1 && (series[0] ?? "") === "";
  const table = single
    ? listTable(meta, labelHeader, data)
    : crossTable(meta, labelHeader, years, series, (year, name) => byKey.get(key(year, name)));
  const legend = single
    ? ""
    : legendHtml(
        series.map((name, i) => ({
          swatch: lineSwatch(cycle(SERIES_COLORS, i), cycle(SERIES_DASHES, i)),
          label: name,
        })),
      );
  const shown = years.flatMap((year) => series.map((name) => byKey.get(key(year, name))));
  return {
    html: figureHtml({ id, kind: "line", meta, message, svg, table, legend, data: shown }),
    message,
    svg,
  };
}

function lineSvg(
  id: string,
  years: readonly string[],
  series: readonly string[],
  byKey: ReadonlyMap<string, Datum>,
  meta: ChartMeta,
): string {
  const multiple = series.length > 1;
  const all = [...byKey.values()];
  const numeric = all.filter(hasNumber);
  const ticks = zeroBasedTicks(
    Math.max(0, ...numeric.map((d) => d.value)),
    4,
    meta.unit === "count",
  );
  const format = formatTick(meta.unit);
  const text = (datum: Datum) => chartText(datum, meta.unit);

  const ends = series.map((name) => lastNumber(years, name, byKey));
  const endText = (datum: NumericDatum) =>
    multiple ? `${seriesOf(datum)} ${text(datum)}` : text(datum);
  const endLabels = ends.filter((datum) => datum !== undefined);
  const marginLeft = Math.ceil(widestLine(ticks.map(format), SMALL_FONT_SIZE)) + 14;
  const marginRight = multiple
    ? Math.ceil(widestLine(endLabels.map(endText), SMALL_FONT_SIZE)) + 14
    : 16;
  const marginTop = 24;
  const marginBottom = 30;
  const step = (WIDTH - marginLeft - marginRight) / years.length;

  // Show every k-th year when the labels would overlap, always including the last year.
  const every = Math.max(1, Math.ceil((widestLine(years, SMALL_FONT_SIZE) + 6) / step));
  const yearTicks = years.filter((_, i) => (years.length - 1 - i) % every === 0);

  const yOf = (datum: NumericDatum) =>
    marginTop +
    (1 - datum.value / (ticks[ticks.length - 1] ?? 1)) * (HEIGHT - marginTop - marginBottom);
  const endOffsets = separate(endLabels.map(yOf), SMALL_FONT_SIZE + 2);

  // A year without a number says why at the baseline, in one lane per series, named when
  // there are several series and wrapped to the space between years.
  const gapText = (datum: Datum | undefined, name: string) => {
    const word = datum === undefined ? MISSING_MARK : text(datum);
    const wrapped = wrapLabel(word, step - 4, SMALL_FONT_SIZE);
    const lines = multiple ? [wrapLabel(name, step - 4, SMALL_FONT_SIZE), wrapped] : [wrapped];
    return lines.join("\n");
  };
  const gapLines = Math.max(
    1,
    ...series.flatMap((name) =>
      years.map((year) => {
        const datum = byKey.get(key(year, name));
        return datum && hasNumber(datum) ? 1 : lineCount(gapText(datum, name));
      }),
    ),
  );
  const laneHeight = gapLines * SMALL_FONT_SIZE + 6;
  const withGaps = series.filter((name) =>
    years.some((year) => {
      const datum = byKey.get(key(year, name));
      return datum === undefined || !hasNumber(datum);
    }),
  );

  const marks: Plot.Markish[] = [
    // Without a single number there is no scale to read: no value axis.
    ...(numeric.length > 0 ? valueAxis("y", ticks, format, SMALL_FONT_SIZE) : []),
    Plot.axisX({
      className: "x-axis",
      ticks: yearTicks,
      tickSize: 4,
      fontSize: SMALL_FONT_SIZE,
      label: null,
      ...HIDDEN,
    }),
    Plot.ruleY([0], { stroke: "currentColor", ...HIDDEN }),
  ];
  series.forEach((name, i) => {
    const stroke = cycle(SERIES_COLORS, i);
    // One entry per year, so a year without a number (or without a datum) breaks the line.
    const points = years.map((year) => ({ year, datum: byKey.get(key(year, name)) }));
    const values = points.flatMap(({ datum }) => (datum && hasNumber(datum) ? [datum] : []));
    const gaps = points.filter(({ datum }) => datum === undefined || !hasNumber(datum));
    marks.push(
      Plot.lineY(points, {
        x: "year",
        y: ({ datum }: Point) => (datum && hasNumber(datum) ? datum.value : NaN),
        stroke,
        strokeWidth: 2.5,
        strokeDasharray: cycle(SERIES_DASHES, i),
        className: "line",
        ...HIDDEN,
      }),
      Plot.dot(values, {
        x: "label",
        y: "value",
        symbol: cycle(SERIES_SYMBOLS, i),
        r: 4.5,
        fill: stroke,
        stroke: "white",
        className: "point",
        ...HIDDEN,
      }),
      Plot.text(gaps, {
        x: "year",
        y: () => 0,
        text: ({ datum }: Point) => gapText(datum, name),
        dy: -(6 + withGaps.indexOf(name) * laneHeight),
        lineAnchor: "bottom",
        fontSize: SMALL_FONT_SIZE,
        className: "status-label",
        ...HIDDEN,
      }),
    );
    if (multiple) {
      const end = ends[i];
      const offset = end === undefined ? 0 : (endOffsets[endLabels.indexOf(end)] ?? 0);
      marks.push(
        Plot.text(end === undefined ? [] : [end], {
          x: "label",
          y: "value",
          text: endText,
          dx: 8,
          dy: offset,
          textAnchor: "start",
          fontSize: SMALL_FONT_SIZE,
          fill: "currentColor",
          className: "value-label",
          ...HIDDEN,
        }),
      );
    } else {
      marks.push(
        Plot.text(labelled(values, step), {
          x: "label",
          y: "value",
          text,
          dy: -9,
          lineAnchor: "bottom",
          fontSize: SMALL_FONT_SIZE,
          className: "value-label",
          ...HIDDEN,
        }),
      );
    }
  });
  return renderSvg(id, {
    width: WIDTH,
    height: HEIGHT,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: { type: "point", domain: years, padding: 0.5 },
    y: { domain: [0, ticks[ticks.length - 1] ?? 1], axis: null },
    marks,
  });
}

/** Every point's value if they fit side by side, else the first, the last and the highest. */
function labelled(values: readonly NumericDatum[], step: number): NumericDatum[] {
  const widest = Math.max(0, ...values.map((datum) => textWidth(datum.display, SMALL_FONT_SIZE)));
  if (widest + 4 <= step) return [...values];
  const max = Math.max(...values.map((datum) => datum.value));
  return values.filter((datum, i) => i === 0 || i === values.length - 1 || datum.value === max);
}

function lastNumber(
  years: readonly string[],
  series: string,
  byKey: ReadonlyMap<string, Datum>,
): NumericDatum | undefined {
  for (let i = years.length - 1; i >= 0; i--) {
    const datum = byKey.get(key(years[i] ?? "", series));
    if (datum !== undefined && hasNumber(datum)) return datum;
  }
  return undefined;
}

/**
 * Vertical offsets that keep labels at least `gap` apart by moving the lower of two close
 * labels down (end labels of lines that finish close together would otherwise overlap).
 */
function separate(positions: readonly number[], gap: number): number[] {
  const order = positions.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const offsets = new Array<number>(positions.length).fill(0);
  let previous = -Infinity;
  for (const { y, i } of order) {
    const placed = Math.max(y, previous + gap);
    offsets[i] = placed - y;
    previous = placed;
  }
  return offsets;
}

function seriesOf(datum: Datum): string {
  return datum.series ?? "";
}

function key(label: string, series: string): string {
  return JSON.stringify([label, series]);
}
