/**
 * Charts that a unit's page and its annual summary both show, built from published tables:
 * the units below it by left-behind share, coverage per care type, and the trend over the
 * years. Each returns the figure's HTML, or null when there is nothing to draw.
 */
import type { DefinitionId } from "../pipeline/measure/definitions.ts";
import type { PublishedYear } from "../pipeline/publish/publishable.ts";
import { datum } from "./chartData.ts";
import { barChart, lineChart } from "./charts/index.ts";
import { showRatio } from "./format.ts";
import { YearView } from "./siteData.ts";
import type { CoverageRow } from "./unitFigures.ts";

/** "学校", "乡镇" or "区县": what the units directly below `unit` are. */
export function childKindOf(view: YearView, unit: string): "学校" | "乡镇" | "区县" {
  const level = view.units.get(unit)!.level;
  const first = view.children(unit).find((u) => u.level < level);
  return first?.level === 0 ? "学校" : first?.level === 1 ? "乡镇" : "区县";
}

/** Bars of the left-behind share of each unit below `unit` (when there are two or more). */
export function childShareChart(
  view: YearView,
  unit: string,
  def: DefinitionId,
  caption: string,
  id?: string,
): string | null {
  const level = view.units.get(unit)!.level;
  const children = view.children(unit).filter((u) => u.level < level);
  if (children.length < 2) return null;
  const kind = childKindOf(view, unit);
  return barChart(
    children.map((c) => datum(c.name, showRatio(view.row(`lb.${def}`, c.id)?.ratio))),
    {
      title: `各${kind}留守儿童占在校学生的比例`,
      caption,
      unit: "percent",
      valueLabel: "留守儿童占比",
      labelHeader: kind,
      itemName: kind === "学校" ? "所学校" : `个${kind}`,
    },
    { highlightMax: true, ...(id ? { id } : {}) },
  ).html;
}

/** Bars of the coverage rate per care type. */
export function coverageRateChart(
  rows: readonly CoverageRow[],
  caption: string,
  id?: string,
): string | null {
  if (rows.length === 0) return null;
  return barChart(
    rows.map((c) => datum(c.type, c.rate)),
    {
      title: "各项关爱工作的覆盖率",
      caption,
      unit: "percent",
      valueLabel: "覆盖率",
      labelHeader: "关爱项目",
      itemName: "项",
    },
    id ? { id } : {},
  ).html;
}

/** A line of the unit's left-behind share over the years it exists in. */
export function shareTrendChart(
  years: readonly PublishedYear[],
  unit: { id: string; name: string },
  def: DefinitionId,
  caption: string,
  id?: string,
): string {
  return lineChart(
    years
      .filter((y) => y.units.some((u) => u.id === unit.id))
      .map((y) =>
        datum(`${y.year}学年`, showRatio(new YearView(y).row(`lb.${def}`, unit.id)?.ratio)),
      ),
    {
      title: `${unit.name}历年留守儿童占比`,
      caption,
      unit: "percent",
      valueLabel: "留守儿童占比",
      labelHeader: "学年",
      itemName: "个学年",
    },
    id ? { id } : {},
  ).html;
}
