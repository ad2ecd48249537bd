/**
 * Charts rendered at build time to inline SVG with Observable Plot and linkedom. Every
 * chart is a `<figure>` with its message in a sentence, the SVG (hidden from assistive
 * technology), the numbers as a table and a caption with definition, year and source.
 */
export type { ChartMeta, ChartOptions, ChartResult, Datum, DatumStatus } from "./types";
export { barChart, type BarChartOptions } from "./barChart";
export { groupedBars } from "./groupedBars";
export { lineChart } from "./lineChart";
export { heatMap } from "./heatMap";
export { monthly } from "./monthly";
export { maxMessage, trendMessage } from "./messages";
export { escapeHtml } from "./escapeHtml";
