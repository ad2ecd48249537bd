import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { FONT_SIZE, GRID_COLOR, HATCH_STROKE, SVG_STYLE } from "./theme";

// One DOM for every chart: Plot only needs createElementNS and friends, and a fresh
// document per chart would cost more than the chart itself.
const { document } = parseHTML("<!doctype html><html><body></body></html>");

const SVG_NS = "http://www.w3.org/2000/svg";

/** The fill of suppressed markers and cells: a hatch defined inside the chart's own SVG. */
export function hatchFill(id: string): string {
  return `url(#${id}-hatch)`;
}

/**
 * Renders Plot options to an inline SVG string that scales with its container (a viewBox,
 * no fixed width or height), inherits the page's CJK font, is hidden from assistive
 * technology as a whole (the figure says the same in text and in a table) and contains the
 * hatch pattern that `hatchFill(id)` refers to.
 */
export function renderSvg(id: string, options: Plot.PlotOptions): string {
  const svg = Plot.plot({
    ...options,
    document: document as unknown as Document,
    className: "chart-svg",
  });
  if (svg.tagName.toLowerCase() !== "svg") throw new Error(`chart ${id} did not render an svg`);
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.removeAttribute("font-family");
  // Plot assigns a string style to the read-only `style` property, which linkedom rejects.
  svg.setAttribute("style", SVG_STYLE);
  svg.setAttribute("font-size", String(FONT_SIZE));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  for (const child of Array.from(svg.children)) {
    if (child.tagName.toLowerCase() !== "g") continue;
    if (child.getAttribute("aria-hidden") !== "true") {
      throw new Error(`chart ${id} has a mark without ariaHidden`);
    }
  }
  // Plot labels every mark group for screen readers; these groups are hidden, so the
  // labels would only be noise (and axe flags aria-label on an element without a role).
  for (const group of Array.from(svg.querySelectorAll("[aria-label]"))) {
    group.removeAttribute("aria-label");
  }
  svg.insertBefore(hatchDefs(id), svg.querySelector("style")?.nextSibling ?? svg.firstChild);
  return svg.outerHTML;
}

function hatchDefs(id: string): Element {
  const defs = document.createElementNS(SVG_NS, "defs");
  const pattern = element("pattern", {
    id: `${id}-hatch`,
    patternUnits: "userSpaceOnUse",
    width: "5",
    height: "5",
    patternTransform: "rotate(45)",
  });
  pattern.appendChild(element("rect", { width: "5", height: "5", fill: "#ffffff" }));
  pattern.appendChild(
    element("line", {
      x1: "0",
      y1: "0",
      x2: "0",
      y2: "5",
      stroke: HATCH_STROKE,
      "stroke-width": "2",
    }),
  );
  defs.appendChild(pattern);
  return defs as unknown as Element;
}

function element(name: string, attributes: Record<string, string>): Element {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node as unknown as Element;
}

/** Every mark is hidden from assistive technology; the figure's text and table carry it. */
export const HIDDEN = { ariaHidden: "true" } as const;

/**
 * The value axis every chart draws: light grid lines at the ticks and the tick labels,
 * hidden from assistive technology like every mark. Horizontal bars put values on x,
 * columns and lines on y.
 */
export function valueAxis(
  axis: "x" | "y",
  ticks: number[],
  tickFormat: (value: number) => string,
  fontSize?: number,
): Plot.Markish[] {
  const options = {
    className: `${axis}-axis`,
    ticks,
    tickFormat,
    ...(fontSize === undefined ? {} : { fontSize }),
    label: null,
    ...HIDDEN,
  };
  const grid = { ticks, stroke: GRID_COLOR, strokeOpacity: 1, ...HIDDEN };
  return axis === "x"
    ? [Plot.gridX(grid), Plot.axisX(options)]
    : [Plot.gridY(grid), Plot.axisY(options)];
}
