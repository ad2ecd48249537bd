/**
 * Checks of chart layout that only a browser can make, because only a browser measures the
 * CJK text that the charts place by estimate: no two texts of a chart overlap or touch, no
 * text leaves its chart, and chart text is never larger than the text around it.
 */
import type { Page } from "playwright-core";

export interface ChartLayoutProblem {
  chart: string;
  problem: string;
}

/** Gap that two texts of a chart must keep, in CSS pixels (touching counts as running together). */
export const MIN_GAP = 1;

/** Every layout problem of the chart SVGs on the page; empty when there is none. */
export function chartLayoutProblems(page: Page): Promise<ChartLayoutProblem[]> {
  return page.evaluate((gap) => {
    const problems: { chart: string; problem: string }[] = [];
    const bodySize = parseFloat(getComputedStyle(document.body).fontSize);
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>("svg.chart-svg"))) {
      const figure = svg.closest("figure");
      const chart = figure?.querySelector(".chart-title")?.textContent ?? figure?.id ?? "chart";
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue; // not displayed (e.g. inside closed details)
      const scale = box.width / svg.viewBox.baseVal.width;
      const texts = Array.from(svg.querySelectorAll("text")).filter(
        (t) => (t.textContent ?? "").trim() !== "",
      );
      const rects = texts.map((t) => t.getBoundingClientRect());
      texts.forEach((t, i) => {
        const r = rects[i]!;
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (size > bodySize * 1.02) {
          problems.push({
            chart,
            problem: `“${t.textContent}” is ${size.toFixed(1)}px, body ${bodySize}px`,
          });
        }
        if (r.left < box.left - 1 || r.right > box.right + 1) {
          problems.push({ chart, problem: `“${t.textContent}” leaves the chart` });
        }
        for (let j = 0; j < i; j++) {
          const o = rects[j]!;
          const apart =
            r.left >= o.right + gap ||
            o.left >= r.right + gap ||
            r.top >= o.bottom ||
            o.top >= r.bottom;
          if (!apart) {
            problems.push({
              chart,
              problem: `“${texts[j]!.textContent}” and “${t.textContent}” run together`,
            });
          }
        }
      });
    }
    return problems;
  }, MIN_GAP);
}
