import * as Plot from "@observablehq/plot";
import { barMarks } from "./barMarks";
import { chartId } from "./chartId";
import { crossTable, figureHtml } from "./figure";
import { chartText } from "./labels";
import { hasNumber, maxMessage, unique } from "./messages";
import { HIDDEN, renderSvg, valueAxis } from "./render";
import { lineCount, widestLine, wrapLabel } from "./text";
import { FONT_SIZE, LINE_HEIGHT, MISSING_MARK, SERIES_COLORS, WIDTH, cycle } from "./theme";
import { fittingTicks, formatTick } from "./ticks";
import type { ChartMeta, ChartOptions, ChartResult, Datum } from "./types";

/** Space between the group labels and the series labels. */
const GROUP_GAP = 14;
/** Vertical space between groups. */
const GROUP_SPACING = 12;

/**
 * Horizontal bars in groups: one group per label (e.g. a school year or a 乡镇), one bar
 * per series inside it (e.g. 城镇/农村, 单亲外出/双亲外出). Series are named next to each
 * bar, so colour only repeats what the text says. Labels and series keep their given order.
 */
export function groupedBars(
  data: readonly Datum[],
  meta: ChartMeta,
  options: ChartOptions = {},
): ChartResult {
  const id = options.id ?? chartId("grouped", { data, meta });
  const groups = unique(data.map((datum) => datum.label));
  const series = unique(data.map(seriesOf));
  const byKey = indexByLabelAndSeries(data);
  const message = maxMessage(data, meta, (datum) => `${datum.label}${seriesOf(datum)}`);
  const missing = groups.flatMap((group) =>
    series.filter((name) => !byKey.has(key(group, name))).map((name) => ({ group, name })),
  );
  const svg = data.length === 0 ? "" : groupedSvg(id, data, missing, groups, series, meta);
  const table = crossTable(meta, meta.labelHeader ?? "项目", groups, series, (group, name) =>
    byKey.get(key(group, name)),
  );
  return {
    html: figureHtml({
      id,
      kind: "grouped",
      meta,
      message,
      svg,
      table,
      data: cells(groups, series, byKey),
    }),
    message,
    svg,
  };
}

function groupedSvg(
  id: string,
  data: readonly Datum[],
  missing: readonly { group: string; name: string }[],
  groups: readonly string[],
  series: readonly string[],
  meta: ChartMeta,
): string {
  const groupLabels = new Map(groups.map((g) => [g, wrapLabel(g, WIDTH * 0.25, FONT_SIZE)]));
  const seriesLabels = new Map(series.map((s) => [s, wrapLabel(s, WIDTH * 0.22, FONT_SIZE)]));
  const groupWidth = Math.ceil(widestLine([...groupLabels.values()], FONT_SIZE));
  const seriesWidth = Math.ceil(widestLine([...seriesLabels.values()], FONT_SIZE));
  const lines = Math.max(...[...seriesLabels.values()].map(lineCount));
  const barHeight = Math.max(30, lines * LINE_HEIGHT + 10);
  const groupHeight = series.length * barHeight;
  const numeric = data.filter(hasNumber);
  const axis = numeric.length > 0;
  const marginTop = 8;
  const marginBottom = axis ? 30 : 4;
  const endLabels = numeric.map((datum) => chartText(datum, meta.unit));
  const marginLeft = groupWidth + GROUP_GAP + seriesWidth + 12;
  const marginRight = Math.max(16, Math.ceil(widestLine(endLabels, FONT_SIZE)) + 10);
  const span = WIDTH - marginLeft - marginRight;
  const format = formatTick(meta.unit);
  const ticks = fittingTicks(
    Math.max(0, ...numeric.map((d) => d.value)),
    meta.unit === "count",
    span,
    format,
    FONT_SIZE,
  );
  const top = ticks[ticks.length - 1] ?? 1;
  const colorOf = new Map(series.map((s, i) => [s, cycle(SERIES_COLORS, i)]));
  return renderSvg(id, {
    width: WIDTH,
    height:
      marginTop + marginBottom + groups.length * groupHeight + (groups.length - 1) * GROUP_SPACING,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: { domain: [0, top], axis: null },
    y: { domain: series, padding: 0.15 },
    fy: {
      domain: groups,
      paddingInner: GROUP_SPACING / (groupHeight + GROUP_SPACING),
      paddingOuter: 0,
    },
    marks: [
      ...(axis ? valueAxis("x", ticks, format) : []),
      Plot.axisY({
        className: "y-axis",
        tickSize: 0,
        tickFormat: (s: string) => seriesLabels.get(s),
        label: null,
        ...HIDDEN,
      }),
      Plot.axisFy({
        className: "fy-axis",
        anchor: "left",
        tickSize: 0,
        dx: -(seriesWidth + GROUP_GAP),
        fontWeight: "bold",
        tickFormat: (g: string) => groupLabels.get(g),
        label: null,
        ...HIDDEN,
      }),
      ...barMarks(id, data, meta.unit, {
        y: seriesOf,
        fy: (datum) => datum.label,
        fill: (datum) => colorOf.get(seriesOf(datum)) ?? "currentColor",
        bold: () => false,
        scale: { max: top, span },
      }),
      // A group without one of the series says so, as the table does.
      Plot.text(missing, {
        x: () => 0,
        y: "name",
        fy: "group",
        text: () => MISSING_MARK,
        dx: 5,
        textAnchor: "start",
        className: "status-label",
        ...HIDDEN,
      }),
    ],
  });
}

function seriesOf(datum: Datum): string {
  if (datum.series === undefined) throw new Error(`grouped datum without series: ${datum.label}`);
  return datum.series;
}

function key(label: string, series: string): string {
  return JSON.stringify([label, series]);
}

function indexByLabelAndSeries(data: readonly Datum[]): Map<string, Datum> {
  const byKey = new Map<string, Datum>();
  for (const datum of data) {
    const k = key(datum.label, seriesOf(datum));
    if (byKey.has(k)) throw new Error(`duplicate datum: ${datum.label} ${datum.series}`);
    byKey.set(k, datum);
  }
  return byKey;
}

function cells(
  groups: readonly string[],
  series: readonly string[],
  byKey: ReadonlyMap<string, Datum>,
): (Datum | undefined)[] {
  return groups.flatMap((group) => series.map((name) => byKey.get(key(group, name))));
}
