/**
 * The headline figures of a unit in a year, as pages and summaries show them: enrolment,
 * left-behind count and ratio under the default definition with the other beside it, both
 * parents away, and support coverage — each with its change from the previous year where
 * both years published it.
 */
import { DEFINITION_LABELS, type DefinitionId } from "../pipeline/measure/definitions.ts";
import type { PublishedChange } from "../pipeline/publish/publishable.ts";
import type { CareType, NormFrequency } from "../pipeline/validate/siteConfig.ts";
import { showChange, showRatio, showValue, type Shown } from "./format.ts";
import type { YearView } from "./siteData.ts";

export interface Headline {
  label: string;
  value: Shown;
  ratio?: Shown;
  ratioLabel?: string;
  change?: string;
  note?: string;
}

const otherDef = (d: DefinitionId): DefinitionId => (d === "moe" ? "sc" : "moe");

function changeOf(
  view: YearView,
  unit: string,
  table: string,
  category = "",
): PublishedChange | undefined {
  return view.year.changes.find(
    (c) => c.unit === unit && c.table === table && c.category === category,
  );
}

function changeText(c: PublishedChange | undefined, percent: boolean): string | undefined {
  if (!c) return undefined;
  if (percent && c.points !== undefined) return showChange(c.points, "个百分点");
  if (!percent) return showChange(c.current - c.previous, "人");
  return undefined;
}

/**
 * The note under the 国务院2016口径 card, in words: how many pupils this definition cannot
 * decide (their school did not report the parents' work and guardianship) and how many of
 * the schools reported it. Nothing to say when nobody is undecided and every school reported.
 */
export function undecidedNote(unknown: Shown, reported: Shown, schools: Shown): string | undefined {
  const allReported =
    reported.value !== null && schools.value !== null && reported.value === schools.value;
  if (unknown.kind === "zero" && allReported) return undefined;
  const people =
    unknown.kind === "zero"
      ? "没有无法按此口径判定的学生"
      : unknown.kind === "pub"
        ? `另有${unknown.text}人无法按此口径判定`
        : `无法按此口径判定的人数：${unknown.text}`;
  const reports = allReported
    ? `${schools.text}所学校都报送了判定所需的父母外出情况`
    : `${schools.text}所学校中有${reported.text}所报送了判定所需的父母外出情况`;
  return `${people}；${reports}。`;
}

export function headlines(view: YearView, unit: string, def: DefinitionId): Headline[] {
  const out: Headline[] = [];
  const enr = view.row("enr", unit);
  out.push({
    label: "在校学生",
    value: showValue(enr?.value),
    change: changeText(changeOf(view, unit, "enr"), false),
  });
  const lb = view.row(`lb.${def}`, unit);
  out.push({
    label: `留守儿童（${DEFINITION_LABELS[def]}）`,
    value: showValue(lb?.value),
    ratio: showRatio(lb?.ratio),
    ratioLabel: "占在校学生",
    change:
      changeText(changeOf(view, unit, `lb.${def}`), true) ??
      changeText(changeOf(view, unit, `lb.${def}`), false),
  });
  const other = otherDef(def);
  const lbOther = view.row(`lb.${other}`, unit);
  const unknown = view.row("lb.sc.unknown", unit);
  const assessed = view.table("sc.assessed", unit);
  const can = assessed?.rows.find((r) => r.category === "可判定");
  const all = assessed?.rows.find((r) => r.category === "全部");
  out.push({
    label: `留守儿童（${DEFINITION_LABELS[other]}）`,
    value: showValue(lbOther?.value),
    ratio: showRatio(lbOther?.ratio),
    ratioLabel: "占在校学生",
    // The narrative states this change too ("比上学年下降0.6个百分点"): the table must agree.
    change:
      changeText(changeOf(view, unit, `lb.${other}`), true) ??
      changeText(changeOf(view, unit, `lb.${other}`), false),
    note:
      (other === "sc" || def === "sc") && unknown && can && all
        ? undecidedNote(showValue(unknown.value), showValue(can.value), showValue(all.value))
        : undefined,
  });
  const both = view.row("lb.type", unit, "双亲留守儿童");
  if (both) {
    out.push({
      label: "父母双方均外出务工",
      value: showValue(both.value),
      ratio: showRatio(both.ratio),
      ratioLabel: "占留守儿童",
    });
  }
  for (const type of ["建档", "结对帮扶"]) {
    const cov = view.row(`cov.${type}`, unit);
    if (!cov) continue;
    out.push({
      label: `${type}覆盖`,
      value: showValue(cov.value),
      ratio: showRatio(cov.ratio),
      ratioLabel: "占留守儿童",
      change: changeText(changeOf(view, unit, `cov.${type}`), true),
    });
  }
  return out;
}

/** What each norm asks, in the words of the coverage table, and what its rate counts. */
export const NORM_TEXT: Record<NormFrequency, { norm: string; basis: string }> = {
  once: { norm: "每名留守儿童至少一次", basis: "按人数" },
  yearly: { norm: "每学年至少一次", basis: "按人数" },
  termly: { norm: "每学期至少一次", basis: "按人·学期" },
  monthly: { norm: "在校月份每月至少一次", basis: "按人月" },
  none: { norm: "无频次要求", basis: "按人数" },
};

export interface CoverageRow {
  type: string;
  title: string;
  norm: string;
  basis: string;
  covered: Shown;
  rate: Shown;
  /** The rate's published change from last year ("比上学年上升16.8个百分点"), if any. */
  change?: string;
}

/** The unit's coverage per care type (cov.* headline rows), with the norm each is measured by. */
export function coverageRows(
  view: YearView,
  unit: string,
  norms: Record<CareType, NormFrequency>,
): CoverageRow[] {
  return view.year.tables
    .filter((t) => t.unit === unit && /^cov\.[^.]+$/.test(t.table))
    .map((t) => {
      const type = t.table.slice(4);
      const row = t.rows.find((r) => r.category === "" || r.category === "已覆盖")!;
      const text = NORM_TEXT[norms[type as CareType] ?? "none"];
      const change = changeText(changeOf(view, unit, t.table, row.category), true);
      return {
        type,
        title: t.title,
        ...text,
        covered: showValue(row.value),
        rate: showRatio(row.ratio),
        ...(change ? { change } : {}),
      };
    });
}
