import * as Plot from "@observablehq/plot";
import { chartId } from "./chartId";
import { crossTable, figureHtml } from "./figure";
import { chartText } from "./labels";
import { boxSwatch, hatchSwatch, legendHtml, type LegendItem } from "./legend";
import { hasNumber, maxMessage } from "./messages";
import { HIDDEN, hatchFill, renderSvg } from "./render";
import { lineCount, widestLine, wrapLabel } from "./text";
import {
  FONT_SIZE,
  HEAT_COLORS,
  LINE_HEIGHT,
  MISSING_MARK,
  NOT_APPLICABLE_FILL,
  SMALL_FONT_SIZE,
  STATUS_WORDS,
  WIDTH,
} from "./theme";
import type { ChartMeta, ChartOptions, ChartResult, Datum } from "./types";

/** Room kept free in a cell beside its value, in viewBox units. */
const CELL_MARGIN = 5;
/** The smallest font of a cell value. */
const MIN_CELL_FONT = 9;

/** One cell of the grid, with or without a datum. */
interface Cell {
  row: string;
  col: string;
  datum: Datum | undefined;
}

/** The steps of the colour scale: upper bounds (exclusive) of the first four steps. */
export interface Steps {
  thresholds: number[];
  labels: string[];
}

/**
 * A grid of rows × columns (e.g. school × care type), each cell coloured by one of five
 * steps and showing its value as text, so colour is never needed to read it. Suppressed
 * cells are hatched and say "保护"; cells not collected have a dashed outline and say
 * "未采集"; cells that do not apply are grey and say "不适用".
 *
 * @param cells data whose label is `${row}|${col}`.
 */
export function heatMap(
  rows: readonly string[],
  cols: readonly string[],
  cells: readonly Datum[],
  meta: ChartMeta,
  options: ChartOptions = {},
): ChartResult {
  const id = options.id ?? chartId("heat", { rows, cols, cells, meta });
  const byLabel = new Map<string, Datum>();
  for (const datum of cells) {
    if (byLabel.has(datum.label)) throw new Error(`duplicate heat map cell: ${datum.label}`);
    byLabel.set(datum.label, datum);
  }
  const grid: Cell[] = rows.flatMap((row) =>
    cols.map((col) => ({ row, col, datum: byLabel.get(`${row}|${col}`) })),
  );
  const named = new Map(grid.map((cell) => [cell.datum, `${cell.row}的${cell.col}`]));
  const message = maxMessage(
    grid.flatMap((cell) => (cell.datum ? [cell.datum] : [])),
    meta,
    (datum) => named.get(datum) ?? datum.label,
  );
  const steps = colorSteps(grid, meta.unit);
  const empty = rows.length === 0 || cols.length === 0;
  const svg = empty ? "" : heatSvg(id, rows, cols, grid, steps, meta);
  const table = crossTable(meta, meta.labelHeader ?? "项目", rows, cols, (row, col) =>
    byLabel.get(`${row}|${col}`),
  );
  const legend = empty ? "" : legendHtml(legendItems(grid, steps));
  const data = grid.map((cell) => cell.datum);
  return {
    html: figureHtml({ id, kind: "heat", meta, message, svg, table, legend, data }),
    message,
    svg,
  };
}

/**
 * Five equal steps from zero: 20-point steps for percentages, and whole-number steps up to
 * the largest count for counts.
 */
export function colorSteps(
  grid: readonly { datum: Datum | undefined }[],
  unit: ChartMeta["unit"],
): Steps {
  if (unit === "percent") {
    return {
      thresholds: [20, 40, 60, 80],
      labels: ["不足20%", "20%至不足40%", "40%至不足60%", "60%至不足80%", "80%及以上"],
    };
  }
  const values = grid.flatMap(({ datum }) => (datum && hasNumber(datum) ? [datum.value] : []));
  const step = Math.max(1, Math.ceil((Math.max(0, ...values) + 1) / 5));
  const thresholds = [1, 2, 3, 4].map((i) => i * step);
  const labels = [0, 1, 2, 3].map((i) =>
    step === 1 ? String(i) : `${i * step}–${(i + 1) * step - 1}`,
  );
  labels.push(`${4 * step}及以上`);
  return { thresholds, labels };
}

function stepColor(value: number, steps: Steps): string {
  const index = steps.thresholds.filter((threshold) => value >= threshold).length;
  return HEAT_COLORS[index] ?? HEAT_COLORS[HEAT_COLORS.length - 1] ?? "currentColor";
}

function heatSvg(
  id: string,
  rows: readonly string[],
  cols: readonly string[],
  grid: readonly Cell[],
  steps: Steps,
  meta: ChartMeta,
): string {
  const rowLabels = new Map(rows.map((row) => [row, wrapLabel(row, WIDTH * 0.32, FONT_SIZE)]));
  const marginLeft = Math.ceil(widestLine([...rowLabels.values()], FONT_SIZE)) + 10;
  const marginRight = 4;
  const cellWidth = (WIDTH - marginLeft - marginRight) / cols.length;
  const colLabels = new Map(
    cols.map((col) => [col, wrapLabel(col, cellWidth - 4, SMALL_FONT_SIZE)]),
  );
  const marginTop =
    Math.max(...[...colLabels.values()].map(lineCount)) * (SMALL_FONT_SIZE + 2) + 10;
  const rowLines = Math.max(...[...rowLabels.values()].map(lineCount));
  const rowHeight = Math.max(34, rowLines * LINE_HEIGHT + 12);

  // Cell values at the largest font (12 down to 9) that leaves a margin in the cell; when
  // even 9 is too large, percentages drop their "%" (the title and legend say it) and then a
  // trailing ".0" ("100.0" is 100 exactly), so that no value ever spills into its neighbour.
  const full = ({ datum }: Cell) =>
    datum === undefined ? MISSING_MARK : chartText(datum, meta.unit, true);
  const forms = [
    full,
    (cell: Cell) => full(cell).replace(/%$/, ""),
    (cell: Cell) => full(cell).replace(/%$/, "").replace(/\.0$/, ""),
  ];
  const room = cellWidth - CELL_MARGIN;
  const fontOf = (form: (cell: Cell) => string) => {
    const widest = widestLine(grid.map(form), 1);
    return widest === 0 ? SMALL_FONT_SIZE : Math.min(SMALL_FONT_SIZE, Math.floor(room / widest));
  };
  const text = forms.find((form) => fontOf(form) >= MIN_CELL_FONT) ?? forms[forms.length - 1]!;
  const cellFont = Math.max(MIN_CELL_FONT, fontOf(text));
  const where = (status: Datum["status"] | undefined) =>
    grid.filter((cell) => cell.datum?.status === status);
  const numeric = grid.filter(({ datum }) => datum !== undefined && hasNumber(datum));
  const cell = { x: "col", y: "row", inset: 1, ...HIDDEN } as const;
  const label = {
    x: "col",
    y: "row",
    text,
    fontSize: cellFont,
    fill: "currentColor",
    ...HIDDEN,
  } as const;

  return renderSvg(id, {
    width: WIDTH,
    height: marginTop + rows.length * rowHeight + 4,
    marginTop,
    marginBottom: 4,
    marginLeft,
    marginRight,
    x: { domain: cols, padding: 0 },
    y: { domain: rows, padding: 0 },
    marks: [
      Plot.axisX({
        className: "x-axis",
        anchor: "top",
        tickSize: 0,
        fontSize: SMALL_FONT_SIZE,
        tickFormat: (col: string) => colLabels.get(col),
        lineAnchor: "bottom",
        label: null,
        ...HIDDEN,
      }),
      Plot.axisY({
        className: "y-axis",
        tickSize: 0,
        tickFormat: (row: string) => rowLabels.get(row),
        label: null,
        ...HIDDEN,
      }),
      Plot.cell(numeric, {
        ...cell,
        fill: ({ datum }: Cell) =>
          datum && hasNumber(datum) ? stepColor(datum.value, steps) : "none",
        className: "cell-value",
      }),
      Plot.cell(where("suppressed"), {
        ...cell,
        fill: hatchFill(id),
        stroke: "currentColor",
        className: "cell-suppressed",
      }),
      Plot.cell(where("notCollected"), {
        ...cell,
        fill: "white",
        stroke: "currentColor",
        strokeDasharray: "4 3",
        className: "cell-not-collected",
      }),
      Plot.cell(where("notApplicable"), {
        ...cell,
        fill: NOT_APPLICABLE_FILL,
        className: "cell-not-applicable",
      }),
      Plot.cell(where(undefined), {
        ...cell,
        fill: "white",
        stroke: NOT_APPLICABLE_FILL,
        className: "cell-missing",
      }),
      Plot.text(
        grid.filter((cell) => cell.datum?.status !== "suppressed"),
        { ...label, className: "cell-label" },
      ),
      // A white halo keeps the word legible on the hatch.
      Plot.text(where("suppressed"), {
        ...label,
        stroke: "white",
        strokeWidth: 4,
        paintOrder: "stroke",
        className: "cell-label",
      }),
    ],
    color: { type: "identity" },
  });
}

function legendItems(grid: readonly Cell[], steps: Steps): LegendItem[] {
  const items: LegendItem[] = steps.labels.map((label, i) => ({
    swatch: boxSwatch(HEAT_COLORS[i] ?? "white"),
    label,
  }));
  const present = new Set(grid.map((cell) => cell.datum?.status));
  if (present.has("suppressed"))
    items.push({ swatch: hatchSwatch(), label: STATUS_WORDS.suppressed });
  if (present.has("notCollected"))
    items.push({ swatch: boxSwatch("#ffffff", true), label: STATUS_WORDS.notCollected });
  if (present.has("notApplicable"))
    items.push({ swatch: boxSwatch(NOT_APPLICABLE_FILL), label: STATUS_WORDS.notApplicable });
  return items;
}
