import { describe, expect, it } from "vitest";
import { monthPeriods, termPeriods } from "../../src/pipeline/measure/coverage.ts";
import { measureYear } from "../../src/pipeline/measure/measure.ts";
import type { CareRecord } from "../../src/pipeline/validate/validateYear.ts";
import type { CareType } from "../../src/pipeline/validate/siteConfig.ts";
import {
  config,
  count,
  expectDecompositionsAgree,
  expectParentsContain,
  pupil,
  school,
  year,
} from "./fixtures.ts";

const S = "4101020001";
// Children 0–2 are left-behind (moe), child 3 is not.
const students = [
  pupil(S, { left_behind: "双亲留守儿童", father_away: true, mother_away: true }),
  pupil(S, { left_behind: "单亲留守儿童", father_away: true }),
  pupil(S, { left_behind: "单亲留守儿童", mother_away: true }),
  pupil(S),
];
const rec = (student: number, care_type: CareType, date: string): CareRecord => ({
  student,
  care_type,
  date,
  school_id: S,
});
const care = [
  // 建档 (once): child 0 twice, child 1 once → 2 of 3 children.
  rec(0, "建档", "2024-09-05"),
  rec(0, "建档", "2024-10-01"),
  rec(1, "建档", "2025-03-01"),
  // 谈心 (monthly, Sep–Dec and Mar–Jun = 8 months): child 0 in Sep (twice) and Oct, child 1
  // in Sep; child 2 only in January and July, which are not school months; child 3 is not
  // left-behind. Covered child-months 2 + 1 = 3 of 3 × 8 = 24; September 2 children, October 1.
  rec(0, "谈心", "2024-09-02"),
  rec(0, "谈心", "2024-09-20"),
  rec(0, "谈心", "2024-10-08"),
  rec(1, "谈心", "2024-09-03"),
  rec(2, "谈心", "2025-01-10"),
  rec(2, "谈心", "2025-07-10"),
  rec(3, "谈心", "2024-09-03"),
  // 家访 (termly, 09-01…01-31 and 02-01…07-31): child 0 twice in term 1, child 1 in term 2,
  // child 2 in August (no term). Covered child-terms 2 of 3 × 2 = 6.
  rec(0, "家访", "2024-12-01"),
  rec(0, "家访", "2025-01-20"),
  rec(1, "家访", "2025-02-10"),
  rec(2, "家访", "2025-08-10"),
  // 慰问 (none): child 2 in August, any time of the year counts → 1 of 3.
  rec(2, "慰问", "2025-08-10"),
];
const fixture = year([school(S, "城关镇")], students, { care });

describe("support coverage against each norm", () => {
  const m = measureYear(fixture, config());

  it("counts children with a record for a once norm", () => {
    expect(count(m, "cov.建档", S)).toBe(2);
    const row = m.tables.find((t) => t.id === `cov.建档|u=${S}`)!.rows[0]!;
    expect(row.ratio).toMatchObject({ kind: "ratio", numerator: 2, denominator: 3 });
  });

  it("counts child-months in school months for a monthly norm", () => {
    expect(count(m, "cov.谈心", S, "已覆盖")).toBe(3);
    expect(count(m, "cov.谈心", S, "应覆盖")).toBe(24);
    expect(count(m, "cov.谈心.period", S, "2024-09")).toBe(2);
    expect(count(m, "cov.谈心.period", S, "2024-10")).toBe(1);
    expect(count(m, "cov.谈心.period", S, "2025-03")).toBe(0);
    const ratio = m.system.ratios.find((r) => r.numerator === `cov.谈心|u=${S}|已覆盖`)!;
    expect(ratio.denominator).toBe(`cov.谈心|u=${S}|应覆盖`);
  });

  it("counts child-terms for a termly norm", () => {
    expect(count(m, "cov.家访", S, "已覆盖")).toBe(2);
    expect(count(m, "cov.家访", S, "应覆盖")).toBe(6);
    expect(count(m, "cov.家访.period", S, "第一学期")).toBe(1);
    expect(count(m, "cov.家访.period", S, "第二学期")).toBe(1);
  });

  it("counts children with any record in the year for a care type without a norm", () => {
    expect(count(m, "cov.慰问", S)).toBe(1);
    expect(count(m, "cov.体检", S)).toBe(0);
  });

  it("takes norms, school months and terms from site.json", () => {
    const custom = measureYear(
      fixture,
      config({ norms: { 家访: "once", 谈心: "monthly" }, schoolMonths: [9, 10] }),
    );
    // 家访 once: children 0, 1, 2 all have a record in the year.
    expect(count(custom, "cov.家访", S)).toBe(3);
    // 谈心 in September and October only: 3 covered child-months of 3 × 2 = 6.
    expect(count(custom, "cov.谈心", S, "已覆盖")).toBe(3);
    expect(count(custom, "cov.谈心", S, "应覆盖")).toBe(6);
    // Terms 09-01…01-15 and 02-16…07-10: child 0's January visit and child 1's visit on
    // 10 February fall between terms; only child 0's December visit counts.
    const terms = {
      first: { start: "09-01", end: "01-15" },
      second: { start: "02-16", end: "07-10" },
    };
    const termly = measureYear(fixture, config({ terms }));
    expect(count(termly, "cov.家访", S, "已覆盖")).toBe(1);
    expect(termPeriods(2024, terms).map((p) => [p.start, p.end])).toEqual([
      ["2024-09-01", "2025-01-15"],
      ["2025-02-16", "2025-07-10"],
    ]);
    expect(monthPeriods(2024, [3, 9]).map((p) => [p.start, p.end])).toEqual([
      ["2024-09-01", "2024-09-30"],
      ["2025-03-01", "2025-03-31"],
    ]);
  });

  it("links coverage to the left-behind total: one decomposition per care type and period", () => {
    const total = m.system.figures.find((f) => f.id === `lb.moe|u=${S}`)!;
    // 单亲/双亲, sex, grade, boarding, carer, 4 sensitive groups, 7 yearly care types,
    // 8 months × 2 monthly types, 2 terms.
    expect(total.decompositions).toHaveLength(1 + 3 + 1 + 4 + 7 + 16 + 2);
    expectDecompositionsAgree(m);
    expectParentsContain(m);
  });

  it("marks coverage as not collected when the year has no care records", () => {
    const none = measureYear(year([school(S, "城关镇")], students), config());
    const t = none.tables.find((x) => x.id === `cov.建档|u=${S}`)!;
    expect(t.collected).toBe("none");
    expect(t.rows[0]!.value).toEqual({ kind: "notCollected" });
  });
});
