/**
 * Hand-made school years for the measure tests: ValidatedYear objects built directly, and
 * checks that every test of the CountSystem shares.
 */
import { expect } from "vitest";
import { siteConfigSchema, type SiteConfig } from "../../src/pipeline/validate/siteConfig.ts";
import type { SchoolRow } from "../../src/pipeline/validate/schemas.ts";
import type { Student, ValidatedYear } from "../../src/pipeline/validate/validateYear.ts";
import type { MeasuredYear } from "../../src/pipeline/measure/measure.ts";
import { NOT_COLLECTED } from "../../src/pipeline/measure/tables.ts";

/** site.json of the fixtures, with optional overrides. */
export function config(overrides: Record<string, unknown> = {}): SiteConfig {
  return siteConfigSchema.parse({
    title: "测试县留守儿童关爱数据公开平台",
    publisher: "测试县教育局",
    region: "测试县",
    ...overrides,
  });
}

export function school(id: string, township: string, extra: Partial<SchoolRow> = {}): SchoolRow {
  return {
    school_id: id,
    school_name: `${township}${id.slice(-2)}小学`,
    county: "测试县",
    township,
    level: "小学",
    urban_rural: "220",
    ...extra,
  };
}

/** A pupil with every optional column filled in as "not left-behind". */
export function pupil(schoolId: string, extra: Partial<Student> = {}): Student {
  return {
    school_id: schoolId,
    sex: "男",
    grade: 3,
    left_behind: "非留守儿童",
    father_away: false,
    mother_away: false,
    home_parent_incapable: false,
    carer: "母亲",
    orphan: false,
    disabled: false,
    low_income: false,
    single_parent_family: false,
    boarding: "走读",
    age: 9,
    ...extra,
  };
}

/** A pupil of a school that did not supply the parent columns (nor any other optional one). */
export function barePupil(schoolId: string, extra: Partial<Student> = {}): Student {
  return { school_id: schoolId, sex: "女", grade: 4, left_behind: "非留守儿童", age: 10, ...extra };
}

export function year(
  schools: SchoolRow[],
  students: Student[],
  rest: Partial<ValidatedYear> = {},
): ValidatedYear {
  const enrolment = new Map(schools.map((s) => [s.school_id, { pupils: 0, leftBehind: 0 }]));
  for (const s of students) {
    const e = enrolment.get(s.school_id)!;
    e.pupils++;
    if (s.left_behind !== "非留守儿童") e.leftBehind++;
  }
  return {
    year: "2024-2025",
    startYear: 2024,
    schools,
    students,
    care: [],
    activities: [],
    social: [],
    enrolment,
    names: new Set(),
    careTexts: { staff: new Set(), notes: new Set() },
    ...rest,
  };
}

/** Value of a table row in a measured year; throws when absent or not a count. */
export function count(m: MeasuredYear, table: string, unit: string, category = ""): number {
  const row = m.tables
    .find((t) => t.id === `${table}|u=${unit}`)
    ?.rows.find((r) => r.category === category);
  if (row?.value.kind !== "count") {
    throw new Error(`no count ${table}|u=${unit}|${category}: ${JSON.stringify(row)}`);
  }
  return row.value.value;
}

/** Every decomposition of every figure sums to the figure's value. */
export function expectDecompositionsAgree(m: MeasuredYear): void {
  const { cells, figures } = m.system;
  for (const f of figures) {
    expect(f.decompositions.length).toBeGreaterThan(0);
    const sums = f.decompositions.map((d) => d.reduce((a, i) => a + cells[i]!.value, 0));
    expect(new Set(sums).size, f.id).toBe(1);
    expect(sums[0], f.id).toBe(m.values.get(f.id));
    for (const d of f.decompositions) expect(new Set(d).size, f.id).toBe(d.length);
  }
}

/** Every figure with a parent is at most its parent, and the parent exists. */
export function expectParentsContain(m: MeasuredYear): void {
  for (const f of m.system.figures) {
    if (f.parent === undefined) continue;
    const parent = m.values.get(f.parent);
    expect(parent, f.id).toBeDefined();
    expect(parent!, `${f.id} ≤ ${f.parent}`).toBeGreaterThanOrEqual(m.values.get(f.id)!);
  }
}

/**
 * Every count row of a unit with children equals the sum of the same row over the children
 * ("未采集" rows and county-wide activities and social rows aside: those count above townships only).
 */
export function expectUnitsAreSums(m: MeasuredYear): void {
  const byId = new Map(m.tables.map((t) => [t.id, t]));
  for (const t of m.tables) {
    const unit = m.hierarchy.byId.get(t.unit)!;
    if (unit.children.length === 0) continue;
    const countyWide = t.table.startsWith("act.") || t.table.startsWith("soc.");
    if (countyWide && unit.level > 1) continue;
    const parts = unit.children.map((c) => byId.get(`${t.table}|u=${c}`));
    if (parts.some((p) => p === undefined)) continue; // a table shown above schools only (城乡)
    for (const row of t.rows) {
      if (row.value.kind === "notCollected" || row.category === NOT_COLLECTED) continue;
      const sum = parts.reduce((a, p) => {
        const r = p!.rows.find((x) => x.category === row.category);
        return a + (r && r.value.kind !== "notCollected" ? r.value.value : 0);
      }, 0);
      expect(row.value.value, `${t.id}|${row.category}`).toBe(sum);
    }
  }
}
