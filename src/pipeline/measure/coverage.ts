/**
 * Support coverage among left-behind children (disclosure spec §2), each care type against its
 * norm. How it enters the CountSystem, kept linear and integer:
 *
 * - once / yearly / none: the coverage-definition left-behind total of a school is split into
 *   two cells, covered and not covered ("cov|建档|是", "cov|建档|否"). The covered count is a
 *   figure; its complement is a cell of the same system, so it is protected too.
 * - monthly / termly: for every period (school month or term) the same total is split into
 *   children with and without a record in that period. Covered child-months are the sum of
 *   the "是" cells over the periods, child-months the sum of all cells (= periods × children,
 *   which the system implies because each period's pair sums to the left-behind total). Both
 *   are figures in their own unit (人月, 人·学期), with the ratio between them; the children
 *   covered in each period are figures too.
 *
 * The roster is one snapshot per year, so every left-behind child counts for every period.
 */
import {
  normsOf,
  CARE_TYPES,
  type CareType,
  type NormFrequency,
  type SiteConfig,
} from "../validate/siteConfig.ts";
import type { CareRecord } from "../validate/validateYear.ts";
import { DEFINITION_LABELS, type DefinitionId } from "./definitions.ts";
import type { PlaceCounts } from "./placeCounts.ts";
import type { TableSpec } from "./tables.ts";

/** A school month or a term: the dates it covers (ISO, inclusive). */
export interface Period {
  key: string;
  label: string;
  start: string;
  end: string;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Year of a month in the school year starting on 1 September of `startYear`. */
const yearOfMonth = (startYear: number, month: number) => (month >= 9 ? startYear : startYear + 1);

/** The school months of a school year, in calendar order from September. */
export function monthPeriods(startYear: number, schoolMonths: readonly number[]): Period[] {
  return [...new Set(schoolMonths)]
    .map((m) => ({ m, y: yearOfMonth(startYear, m) }))
    .sort((a, b) => a.y - b.y || a.m - b.m)
    .map(({ m, y }) => ({
      key: `${y}-${pad2(m)}`,
      label: `${y}年${m}月`,
      start: `${y}-${pad2(m)}-01`,
      end: `${y}-${pad2(m)}-${pad2(lastDay(y, m))}`,
    }));
}

/** The two terms of a school year from site.json's month-day boundaries. */
export function termPeriods(startYear: number, terms: SiteConfig["terms"]): Period[] {
  const date = (md: string) => `${md >= "09-01" ? startYear : startYear + 1}-${md}`;
  return [
    { key: "第一学期", label: "第一学期", ...terms.first },
    { key: "第二学期", label: "第二学期", ...terms.second },
  ].map((t) => ({ ...t, start: date(t.start), end: date(t.end) }));
}

/** What coverage needs from the site settings. */
export interface CoverageSettings {
  definition: DefinitionId;
  norms: Record<CareType, NormFrequency>;
  months: Period[];
  terms: Period[];
}

/** Coverage settings of a school year from site.json. */
export function coverageSettings(config: SiteConfig, startYear: number): CoverageSettings {
  return {
    definition: config.coverageDefinition,
    norms: normsOf(config),
    months: monthPeriods(startYear, config.schoolMonths),
    terms: termPeriods(startYear, config.terms),
  };
}

const periodsOf = (settings: CoverageSettings, type: CareType): Period[] | null =>
  settings.norms[type] === "monthly"
    ? settings.months
    : settings.norms[type] === "termly"
      ? settings.terms
      : null;

/**
 * Adds a school's coverage cells and partitions. `children` are the roster indices of its
 * left-behind children (coverage definition); `records` the care records of the year by child.
 * Records of other children are ignored (the data contract allows them, coverage does not
 * count them).
 */
export function addCoverage(
  place: PlaceCounts,
  children: readonly number[],
  records: ReadonlyMap<number, readonly CareRecord[]>,
  settings: CoverageSettings,
): void {
  place.collected.add("care");
  for (const type of CARE_TYPES) {
    const periods = periodsOf(settings, type) ?? [{ key: "", label: "", start: "", end: "\uffff" }];
    const prefix = periods.length === 1 && periods[0]!.key === "" ? `cov|${type}` : null;
    for (const p of periods) {
      const base = prefix ?? `cov|${type}|${p.key}`;
      let covered = 0;
      for (const child of children) {
        const hit = (records.get(child) ?? []).some(
          (r) => r.care_type === type && r.date >= p.start && r.date <= p.end,
        );
        if (hit) covered++;
      }
      place.cells.set(`${base}|是`, covered);
      place.cells.set(`${base}|否`, children.length - covered);
      place.partitions.push({
        family: prefix ? `cov.${type}` : `cov.${type}.${p.key}`,
        whole: settings.definition,
        keys: [`${base}|是`, `${base}|否`],
      });
    }
  }
}

/**
 * The coverage tables of a year, one or two per care type.
 *
 * Coverage rows have no P2 group: "every left-behind child of the school has a file" is what
 * the norms require and what bureaus report, and it says what the school did, not anything
 * about a child or a family. Small coverage counts are still P1, and every coverage figure is
 * in the same system as the counts it is a share of.
 */
export function coverageTableSpecs(settings: CoverageSettings): TableSpec[] {
  const def = settings.definition;
  const lb = { table: `lb.${def}`, category: "" };
  const note = `（${DEFINITION_LABELS[def]}）`;
  const common = { family: "care", whole: def, definition: def } as const;
  const specs: TableSpec[] = [];
  for (const type of CARE_TYPES) {
    const periods = periodsOf(settings, type);
    // The coverage of a care type with a norm is a headline figure of every unit: what
    // officials check a school by (kept before other figures in secondary suppression).
    const headline = settings.norms[type] !== "none";
    if (!periods) {
      specs.push({
        ...common,
        ...(headline ? { headline } : {}),
        table: `cov.${type}`,
        title: `${type}覆盖的留守儿童${note}`,
        rows: [
          {
            category: "",
            label: `有${type}记录的留守儿童`,
            keys: [`cov|${type}|是`],
            ratioOf: lb,
          },
        ],
      });
      continue;
    }
    const unit = settings.norms[type] === "monthly" ? "人月" : "人·学期";
    const yes = periods.map((p) => `cov|${type}|${p.key}|是`);
    const no = periods.map((p) => `cov|${type}|${p.key}|否`);
    const all = { table: `cov.${type}`, category: "应覆盖" };
    specs.push({
      ...common,
      ...(headline ? { headline } : {}),
      table: `cov.${type}`,
      title: `${type}覆盖率（按${unit}计）${note}`,
      rows: [
        {
          category: "已覆盖",
          label: `有${type}记录的${unit}`,
          keys: yes,
          ratioOf: all,
        },
        { category: "应覆盖", label: `应覆盖的${unit}`, keys: [...yes, ...no], total: true },
      ],
    });
    specs.push({
      ...common,
      table: `cov.${type}.period`,
      title: `各${settings.norms[type] === "monthly" ? "月" : "学期"}有${type}记录的留守儿童${note}`,
      rows: periods.map((p) => ({
        category: p.key,
        label: p.label,
        keys: [`cov|${type}|${p.key}|是`],
        ratioOf: lb,
      })),
    });
  }
  return specs;
}
