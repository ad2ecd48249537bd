import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { measureYear } from "../../src/pipeline/measure/measure.ts";
import type { ActivityRow, SocialRow } from "../../src/pipeline/validate/schemas.ts";
import type {
  CareRecord,
  Located,
  Student,
  ValidatedYear,
} from "../../src/pipeline/validate/validateYear.ts";
import { CARE_TYPES } from "../../src/pipeline/validate/siteConfig.ts";
import { ACTIVITY_TYPES, CARERS, type Grade } from "../../src/pipeline/validate/values.ts";
import {
  config,
  expectDecompositionsAgree,
  expectParentsContain,
  expectUnitsAreSums,
  school,
  year,
} from "./fixtures.ts";

const TOWNSHIPS = [
  ["测试县", "城关镇"],
  ["测试县", "河湾乡"],
  ["邻县", "城关镇"],
] as const;

const maybe = <T>(arb: fc.Arbitrary<T>, present: boolean) =>
  present ? arb.map((v): T | undefined => v) : fc.constant(undefined);

/** A random pupil; a school either supplies an optional column for everyone or for no one. */
const student = (schoolId: string, supplies: boolean[]) =>
  fc
    .record({
      lb: fc.constantFrom("非留守儿童", "单亲留守儿童", "双亲留守儿童"),
      away: fc.boolean(),
      sex: fc.constantFrom("男", "女"),
      grade: fc.integer({ min: 1, max: 6 }),
      age: fc.integer({ min: 6, max: 17 }),
      incapable: maybe(fc.boolean(), supplies[0]!),
      carer: maybe(fc.constantFrom(...CARERS), supplies[1]!),
      orphan: maybe(fc.boolean(), supplies[2]!),
      lowIncome: maybe(fc.boolean(), supplies[3]!),
      boarding: maybe(fc.constantFrom("走读", "住校"), supplies[4]!),
    })
    .map((r): Student => {
      const both = r.lb === "双亲留守儿童";
      const one = r.lb === "单亲留守儿童";
      return {
        school_id: schoolId,
        sex: r.sex as "男" | "女",
        grade: r.grade as Grade,
        left_behind: r.lb as Student["left_behind"],
        ...(supplies[0]
          ? {
              father_away: both || (one && r.away),
              mother_away: both || (one && !r.away),
              home_parent_incapable: r.incapable,
            }
          : {}),
        carer: r.carer,
        orphan: r.orphan,
        low_income: r.lowIncome,
        boarding: r.boarding as Student["boarding"],
        age: r.age,
      };
    });

const date = fc
  .integer({ min: 0, max: 364 })
  .map((d) => new Date(Date.UTC(2024, 8, 1) + d * 86_400_000).toISOString().slice(0, 10));

const randomYear: fc.Arbitrary<ValidatedYear> = fc
  .array(
    fc.record({
      township: fc.integer({ min: 0, max: TOWNSHIPS.length - 1 }),
      supplies: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      size: fc.integer({ min: 0, max: 25 }),
      code: fc.constantFrom("111", "121", "220"),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .chain((specs) => {
    const schools = specs.map((s, i) => {
      const [county, township] = TOWNSHIPS[s.township]!;
      return school(`41010200${String(i).padStart(2, "0")}`, township, {
        county,
        urban_rural: s.code as "111",
      });
    });
    const rosters = specs.map((s, i) =>
      fc.array(student(schools[i]!.school_id, s.supplies), {
        minLength: s.size,
        maxLength: s.size,
      }),
    );
    return fc.tuple(fc.constant(schools), fc.tuple(...rosters)).chain(([schools, rosters]) => {
      const students = rosters.flat();
      const place = fc.option(fc.integer({ min: 0, max: schools.length - 1 }), { nil: undefined });
      const care =
        students.length === 0
          ? fc.constant([] as CareRecord[])
          : fc.array(
              fc.record({
                student: fc.integer({ min: 0, max: students.length - 1 }),
                care_type: fc.constantFrom(...CARE_TYPES),
                date,
              }),
              { maxLength: 40 },
            );
      const activities = fc.array(
        fc.record({
          at: place,
          date,
          type: fc.constantFrom(...ACTIVITY_TYPES),
          n: fc.integer({ min: 0, max: 30 }),
        }),
        { maxLength: 6 },
      );
      const social = fc.array(
        fc.record({ at: place, date, n: fc.option(fc.integer({ min: 0, max: 30 })) }),
        { maxLength: 4 },
      );
      return fc.tuple(care, activities, social).map(([c, a, s]): ValidatedYear => {
        const located: Located = { file: "x.csv", row: 2 };
        const where = (at: number | undefined) =>
          at === undefined ? { county: schools[0]!.county } : { school_id: schools[at]!.school_id };
        return year(schools, students, {
          care: c.map((r) => ({ ...r, school_id: students[r.student]!.school_id })),
          activities: a.map((r): ActivityRow & Located => ({
            ...located,
            ...where(r.at),
            date: r.date,
            title: "活动",
            activity_type: r.type,
            lb_participants: r.n,
          })),
          social: s.map((r): SocialRow & Located => ({
            ...located,
            ...where(r.at),
            date: r.date,
            donor: "某单位",
            items: "图书",
            ...(r.n === null ? {} : { beneficiaries: r.n, amount_yuan: r.n * 100 }),
          })),
        });
      });
    });
  });

describe("measure on random small years", () => {
  it("gives every figure agreeing decompositions, parents at least their parts, sums by unit", () => {
    fc.assert(
      fc.property(randomYear, fc.constantFrom("moe", "sc"), (y, def) => {
        const m = measureYear(y, config({ defaultDefinition: def, coverageDefinition: def }));
        expectDecompositionsAgree(m);
        expectParentsContain(m);
        expectUnitsAreSums(m);
        const ids = m.system.figures.map((f) => f.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const c of m.system.cells)
          expect(Number.isInteger(c.value) && c.value >= 0).toBe(true);
      }),
      { numRuns: 60, seed: 20240901 },
    );
  });
});
