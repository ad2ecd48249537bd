import { hasNumber } from "./messages";
import { MISSING_MARK, STATUS_WORDS } from "./theme";
import type { ChartMeta, Datum } from "./types";

/**
 * What a table cell shows: the datum's display text, or, should a page pass an empty one,
 * a word for its status, so that no cell is ever blank.
 */
export function tableText(datum: Datum | undefined, unit: ChartMeta["unit"]): string {
  if (datum === undefined) return MISSING_MARK;
  if (datum.display.trim() !== "") return datum.display;
  if (datum.status === "zero") return "0";
  if (hasNumber(datum)) return unit === "percent" ? `${datum.value}%` : String(datum.value);
  return STATUS_WORDS[datum.status === "published" ? "suppressed" : datum.status];
}

/**
 * What the chart writes next to a datum. A suppressed value is the word alone ("已保护"),
 * whatever its display text says: the interval is in the table, and a page's display text
 * may already carry the word ("已保护（0–7）"), which must never be wrapped again. `short`
 * is for narrow places.
 */
export function chartText(datum: Datum, unit: ChartMeta["unit"], short = false): string {
  const shown = tableText(datum, unit);
  if (hasNumber(datum)) return shown;
  if (datum.status === "suppressed") return short ? "保护" : STATUS_WORDS.suppressed;
  return datum.status === "notCollected" ? STATUS_WORDS.notCollected : STATUS_WORDS.notApplicable;
}

/** Chinese characters stacked one per line, for words in columns narrower than the word. */
export function stacked(text: string): string {
  return [...text].join("\n");
}
