/**
 * Sizes and colours shared by every chart. Sizes are in viewBox units: charts are drawn
 * 360 wide so that on a phone one unit is about one CSS pixel.
 */
export const WIDTH = 360;
export const FONT_SIZE = 14;
export const SMALL_FONT_SIZE = 12;
export const LINE_HEIGHT = 17;

/** Bar fill; at least 3:1 against white (WCAG 1.4.11). */
export const BAR_COLOR = "#4a7fb5";
/** The highlighted maximum. */
export const BAR_MAX_COLOR = "#1d4e89";
export const GRID_COLOR = "#d0d0d0";
/** Fill of cells that do not apply; grey so it is not read as a step of the colour scale. */
export const NOT_APPLICABLE_FILL = "#e4e4e4";
export const HATCH_STROKE = "#555555";

/** Series colours, each at least 3:1 against white; series are also named in the chart. */
export const SERIES_COLORS = ["#1d4e89", "#b35900", "#3f7a1f", "#7a3f9a", "#8a6d00", "#4d4d4d"];
/** Series line dashes, so that lines differ without colour. */
export const SERIES_DASHES = ["none", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"];
/** Series point symbols, so that points differ without colour. */
export const SERIES_SYMBOLS = ["circle", "square", "triangle", "diamond", "cross", "star"];

/**
 * Five steps of the heat map, light enough everywhere for black text at 4.5:1, so that
 * values are printed on every cell in black.
 */
export const HEAT_COLORS = ["#f1f6fb", "#cfe1f2", "#a5c9e6", "#79acd6", "#4f8fc4"];

/** Words for the statuses that have no number, shown in charts and notes. */
export const STATUS_WORDS = {
  suppressed: "已保护",
  notCollected: "未采集",
  notApplicable: "不适用",
} as const;

/** Shown in a table cell or chart when there is no datum at all for a row and column. */
export const MISSING_MARK = "—";

/**
 * Inline style of every chart SVG: it scales to its container and never overflows a phone,
 * and grows no wider than the width at which its text (`FONT_SIZE` units) is the size of the
 * body text (1rem; not em, which inside the SVG is its own 14-unit font size), so that chart
 * text is never larger than body text on a desktop.
 */
export const SVG_STYLE = `display:block;width:100%;max-width:${Number((WIDTH / FONT_SIZE).toFixed(2))}rem;height:auto;overflow:visible`;

/** At the index, wrapping around so that any number of series gets a value. */
export function cycle<T>(values: readonly T[], index: number): T {
  const value = values[index % values.length];
  if (value === undefined) throw new Error("cycle over an empty list");
  return value;
}
