import * as Plot from "@observablehq/plot";
import { chartText } from "./labels";
import { hasNumber } from "./messages";
import { HIDDEN, hatchFill } from "./render";
import type { ChartMeta, Datum } from "./types";

export interface BarChannels {
  /** The band of a datum. */
  y: (datum: Datum) => string;
  /** The facet of a datum, for grouped bars. */
  fy?: (datum: Datum) => string;
  fill: (datum: Datum) => string;
  /** Whether its value label is bold (the highlighted maximum). */
  bold: (datum: Datum) => boolean;
  /** The x-domain end and the plot's width in viewBox units, to draw stubs of a fixed width. */
  scale: { max: number; span: number };
}

/** Gap between the baseline and a status word when there is no hatched marker before it. */
const LABEL_GAP = 5;
/** Width of the hatched stub drawn for a suppressed value, in viewBox units. */
export const STUB_WIDTH = 14;

/**
 * The marks of horizontal bars, one per datum status: a bar and its value for numbers (no
 * bar for zero, only "0"), a hatched square and "已保护" for suppressed values, a word at
 * the baseline for values not collected or not applicable. A suppressed value gets a hatched
 * stub of a fixed width (never a length that could be read as its value) and the short word
 * "已保护" after it; its interval is in the table.
 */
export function barMarks(
  id: string,
  data: readonly Datum[],
  unit: ChartMeta["unit"],
  channels: BarChannels,
): Plot.Markish[] {
  const { y, fy, fill, bold, scale } = channels;
  const stub = (scale.max * STUB_WIDTH) / Math.max(1, scale.span);
  const numeric = data.filter(hasNumber);
  const bars = numeric.filter((datum) => datum.value !== 0);
  const suppressed = data.filter((datum) => datum.status === "suppressed");
  const words = data.filter((datum) => !hasNumber(datum) && datum.status !== "suppressed");
  const text = (datum: Datum) => chartText(datum, unit);
  const label = { y, fy, text, textAnchor: "start", ...HIDDEN } as const;
  return [
    Plot.barX(bars, { x: "value", y, fy, fill, className: "bar", ...HIDDEN }),
    Plot.ruleX([0], { stroke: "currentColor", ...HIDDEN }),
    Plot.text(
      numeric.filter((datum) => !bold(datum)),
      { ...label, x: "value", dx: LABEL_GAP, className: "value-label" },
    ),
    Plot.text(numeric.filter(bold), {
      ...label,
      x: "value",
      dx: LABEL_GAP,
      fontWeight: "bold",
      className: "value-label",
    }),
    Plot.barX(suppressed, {
      x1: () => 0,
      x2: () => stub,
      y,
      fy,
      fill: hatchFill(id),
      stroke: "currentColor",
      className: "suppressed-marker",
      ...HIDDEN,
    }),
    Plot.text(suppressed, {
      ...label,
      x: () => 0,
      dx: STUB_WIDTH + LABEL_GAP,
      className: "status-label",
    }),
    Plot.text(words, { ...label, x: () => 0, dx: LABEL_GAP, className: "status-label" }),
  ];
}
