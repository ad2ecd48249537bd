import { escapeHtml } from "./escapeHtml";
import { HATCH_STROKE } from "./theme";

export interface LegendItem {
  /** A small inline SVG drawn by one of the swatch functions below. */
  swatch: string;
  label: string;
}

/**
 * A legend in HTML rather than inside the chart: its text grows with the reader's font
 * size, and every entry is a word, so the swatch only repeats what the text says.
 */
export function legendHtml(items: readonly LegendItem[]): string {
  if (items.length === 0) return "";
  const entries = items.map(
    (item) =>
      `<li style="display:inline-flex;align-items:center;gap:0.3em;margin-right:1em">${item.swatch}${escapeHtml(item.label)}</li>`,
  );
  return [
    `<ul class="chart-legend" style="list-style:none;padding:0;margin:0.5em 0">`,
    ...entries,
    `</ul>`,
  ].join("\n");
}

const OPEN = `<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">`;

/** A filled square, optionally with a dashed outline (values not collected). */
export function boxSwatch(fill: string, dashed = false): string {
  const dash = dashed ? ` stroke-dasharray="3 2"` : "";
  return `${OPEN}<rect x="1" y="1" width="14" height="14" fill="${fill}" stroke="currentColor"${dash}/></svg>`;
}

/** The hatch of suppressed values, drawn with lines so that it needs no pattern id. */
export function hatchSwatch(): string {
  // Diagonals x + y = c, cut to the square from (1, 1) to (15, 15).
  const lines = [5, 9, 13, 17, 21, 25]
    .map((c) => {
      const [x1, y1] = [Math.max(1, c - 15), Math.min(15, c - 1)];
      const [x2, y2] = [Math.min(15, c - 1), Math.max(1, c - 15)];
      return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${HATCH_STROKE}" stroke-width="1.5"/>`;
    })
    .join("");
  return `${OPEN}<rect x="1" y="1" width="14" height="14" fill="#ffffff"/>${lines}<rect x="1" y="1" width="14" height="14" fill="none" stroke="currentColor"/></svg>`;
}

/** A line sample for a series: its colour and its dash. */
export function lineSwatch(color: string, dash: string): string {
  const dasharray = dash === "none" ? "" : ` stroke-dasharray="${dash}"`;
  return `<svg width="32" height="12" viewBox="0 0 32 12" aria-hidden="true" focusable="false"><line x1="0" y1="6" x2="32" y2="6" stroke="${color}" stroke-width="2.5"${dasharray}/></svg>`;
}
