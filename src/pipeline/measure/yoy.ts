/**
 * Year-on-year pairs of headline figures (disclosure spec §2). A pair names the figure (and
 * its percentage) in both years' CountSystems, so that `publish` shows a change only when both
 * sides are published. A unit present in one year only has no pair: no change is computed.
 */
import type { YearSystem } from "./buildSystem.ts";
import type { TableRow } from "./tables.ts";

/** The tables whose rows are headline figures: totals, definitions, coverage, support. */
export function isHeadlineTable(table: string): boolean {
  return (
    table === "enr" ||
    table === "lb.moe" ||
    table === "lb.sc" ||
    (table.startsWith("cov.") && !table.endsWith(".period")) ||
    table === "act.lb" ||
    table === "soc.beneficiaries"
  );
}

export interface YoySide {
  year: string;
  figure: string;
  value: number;
  /** Id of the percentage shown with the figure, when it has one. */
  ratio?: string;
}

export interface YoyPair {
  unit: string;
  table: string;
  category: string;
  previous: YoySide;
  current: YoySide;
}

interface YearLike extends Pick<YearSystem, "tables"> {
  year: string;
  startYear: number;
}

const side = (year: string, row: TableRow): YoySide | null =>
  row.value.kind !== "count"
    ? null
    : {
        year,
        figure: row.value.figure,
        value: row.value.value,
        ...(row.ratio?.kind === "ratio" ? { ratio: row.ratio.id } : {}),
      };

/**
 * Pairs the headline figures of `current` with those of the year before. Nothing is paired when
 * `previous` is not the school year immediately before.
 */
export function yearOnYear(
  previous: YearLike,
  current: YearLike,
  headline: (table: string) => boolean = isHeadlineTable,
): YoyPair[] {
  if (previous.startYear !== current.startYear - 1) return [];
  const before = new Map(previous.tables.map((t) => [t.id, t]));
  const pairs: YoyPair[] = [];
  for (const table of current.tables) {
    if (!headline(table.table)) continue;
    const old = before.get(table.id);
    if (!old) continue;
    for (const row of table.rows) {
      const oldRow = old.rows.find((r) => r.category === row.category);
      const now = side(current.year, row);
      const then = oldRow ? side(previous.year, oldRow) : null;
      if (now && then) {
        pairs.push({
          unit: table.unit,
          table: table.table,
          category: row.category,
          previous: then,
          current: now,
        });
      }
    }
  }
  return pairs;
}
