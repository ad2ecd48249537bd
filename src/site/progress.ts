/**
 * 关爱工作进度: per unit of one level (schools, or 乡镇), the published coverage rate of each
 * care type that has a norm, its change from last year and whether it is below the norm — a
 * rate under 100% means that not every left-behind child was reached as often as required.
 * Only published figures: a hidden rate says so, a band ("≥75%") is below the norm only when
 * its upper end is. Rows come furthest behind first (lowest published rate of any type), so
 * the page is in a useful order without its sorting script.
 */
import type { PublishedRatio } from "../pipeline/publish/publishable.ts";
import { CARE_TYPES, type CareType, type NormFrequency } from "../pipeline/validate/siteConfig.ts";
import { showChange, showRatio, type Shown } from "./format.ts";
import type { YearView } from "./siteData.ts";
import { NORM_TEXT } from "./unitFigures.ts";

export interface ProgressCell {
  rate: Shown;
  /** The published rate for sorting; null when hidden or not applicable. */
  percent: number | null;
  /** "上升1.2个百分点" when both years' rates are published; otherwise undefined. */
  change?: string;
  /** True when the published rate (or band) is below 100%. */
  below: boolean;
}

export interface ProgressRow {
  unit: { id: string; name: string };
  /** The 乡镇 of a school; undefined for a 乡镇. */
  township?: string;
  cells: ProgressCell[];
  /** The lowest published rate of the row, the default sort key; null when none is published. */
  lowest: number | null;
}

export interface ProgressColumn {
  type: string;
  /** "每月至少一次" */
  norm: string;
}

/** The care types with a norm, in the site's order, that the year has coverage tables for. */
export function progressColumns(
  view: YearView,
  norms: Record<CareType, NormFrequency>,
): ProgressColumn[] {
  return CARE_TYPES.filter(
    (type) => norms[type] !== "none" && view.table(`cov.${type}`, "region") !== undefined,
  ).map((type) => ({ type, norm: NORM_TEXT[norms[type]].norm.replace("每名留守儿童", "") }));
}

function isBelow(ratio: PublishedRatio | undefined): boolean {
  if (!ratio) return false;
  if (ratio.status === "published") return ratio.percent < 100;
  if (ratio.status === "band") return ratio.atMost !== undefined && ratio.atMost < 100;
  return false;
}

/** One cell: the unit's headline coverage row of `type` and its published change. */
function progressCell(view: YearView, unit: string, type: string): ProgressCell {
  const table = view.table(`cov.${type}`, unit);
  const row = table?.rows.find((r) => r.category === "" || r.category === "已覆盖");
  const ratio = row?.ratio;
  const change = view.year.changes.find(
    (c) => c.unit === unit && c.table === `cov.${type}` && c.category === (row?.category ?? ""),
  );
  return {
    rate: showRatio(ratio),
    percent: ratio?.status === "published" ? ratio.percent : null,
    ...(change?.points !== undefined
      ? { change: showChange(change.points, "个百分点").replace("比上学年", "") }
      : {}),
    below: isBelow(ratio),
  };
}

/**
 * The rows of one level (0 = schools, 1 = 乡镇), furthest behind first: by the lowest
 * published rate, rows without any published rate last, ties in the published units' order.
 */
export function progressRows(
  view: YearView,
  level: 0 | 1,
  columns: readonly ProgressColumn[],
): ProgressRow[] {
  const rows = view.year.units
    .filter((u) => u.level === level)
    .map((u): ProgressRow => {
      const cells = columns.map((c) => progressCell(view, u.id, c.type));
      const published = cells.flatMap((c) => (c.percent === null ? [] : [c.percent]));
      const parent = u.parent ? view.units.get(u.parent) : undefined;
      return {
        unit: { id: u.id, name: u.name },
        ...(level === 0 && parent?.level === 1 ? { township: parent.name } : {}),
        cells,
        lowest: published.length === 0 ? null : Math.min(...published),
      };
    });
  const key = (r: ProgressRow) => r.lowest ?? Infinity;
  return rows.sort((a, b) => (key(a) === key(b) ? 0 : key(a) - key(b)));
}
