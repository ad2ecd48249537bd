import { describe, expect, it } from "vitest";
import { scStatus } from "../../src/pipeline/measure/definitions.ts";
import { measureYear } from "../../src/pipeline/measure/measure.ts";
import {
  barePupil,
  config,
  count,
  expectDecompositionsAgree,
  expectParentsContain,
  pupil,
  school,
  year,
} from "./fixtures.ts";

const A = "4101020001"; // supplies 父亲/母亲外出务工 and 在家一方无监护能力
const B = "4101020002"; // supplies none of them

// School A, by hand:
//   a1 双亲, both away, age 10           → moe 是, sc 是
//   a2 双亲, both away, age 16           → moe 是, sc 否 (not under 16 on 1 September)
//   a3 单亲, father away, mother incapable → moe 是, sc 是
//   a4 单亲, father away, mother capable   → moe 是, sc 否
//   a5 非留守, age 8                       → moe 否, sc 否
//   → enrolment 5, moe 4, sc 2, 无法判定 0
// School B (no parent columns):
//   b1 双亲, age 12 → sc 是 (双亲 counts as both away)
//   b2 单亲, age 12 → 无法判定
//   b3 单亲, age 17 → sc 否 (the age alone decides)
//   b4 非留守, age 12 → sc 否
//   → enrolment 4, moe 3, sc 1, 无法判定 1
// Region: enrolment 9, moe 7, sc 3, 无法判定 1; schools assessed under sc: 1 of 2.
const students = [
  pupil(A, { left_behind: "双亲留守儿童", father_away: true, mother_away: true, age: 10 }),
  pupil(A, { left_behind: "双亲留守儿童", father_away: true, mother_away: true, age: 16 }),
  pupil(A, { left_behind: "单亲留守儿童", father_away: true, home_parent_incapable: true }),
  pupil(A, { left_behind: "单亲留守儿童", father_away: true, home_parent_incapable: false }),
  pupil(A, { age: 8 }),
  barePupil(B, { left_behind: "双亲留守儿童", age: 12 }),
  barePupil(B, { left_behind: "单亲留守儿童", age: 12 }),
  barePupil(B, { left_behind: "单亲留守儿童", age: 17 }),
  barePupil(B, { age: 12 }),
];
const fixture = year([school(A, "城关镇"), school(B, "河湾乡")], students);

describe("the two definitions of left-behind", () => {
  it("classifies each child under the State Council definition as worked out by hand", () => {
    expect(students.map(scStatus)).toEqual([
      "是",
      "否",
      "是",
      "否",
      "否",
      "是",
      "无法判定",
      "否",
      "否",
    ]);
  });

  it("counts both definitions per school and for the region", () => {
    const m = measureYear(fixture, config());
    expect([A, B, "region"].map((u) => count(m, "enr", u))).toEqual([5, 4, 9]);
    expect([A, B, "region"].map((u) => count(m, "lb.moe", u))).toEqual([4, 3, 7]);
    expect([A, B, "region"].map((u) => count(m, "lb.sc", u))).toEqual([2, 1, 3]);
    expect([A, B, "region"].map((u) => count(m, "lb.sc.unknown", u))).toEqual([0, 1, 1]);
  });

  it("reports how many schools could be assessed under the State Council definition", () => {
    const m = measureYear(fixture, config());
    const assessed = (unit: string) =>
      m.tables
        .find((t) => t.id === `sc.assessed|u=${unit}`)!
        .rows.map((r) => (r.value.kind === "plain" ? r.value.value : null));
    expect(assessed(A)).toEqual([1, 1]);
    expect(assessed(B)).toEqual([0, 1]);
    expect(assessed("region")).toEqual([1, 2]);
  });

  it("splits left-behind children by the default definition, sc when site.json says so", () => {
    const moe = measureYear(fixture, config());
    const sc = measureYear(fixture, config({ defaultDefinition: "sc" }));
    // moe: a1…a4 are boys (pupil default), b1…b3 girls; sc: a1, a3 boys, b1 a girl.
    expect([count(moe, "lb.sex", "region", "男"), count(moe, "lb.sex", "region", "女")]).toEqual([
      4, 3,
    ]);
    expect([count(sc, "lb.sex", "region", "男"), count(sc, "lb.sex", "region", "女")]).toEqual([
      2, 1,
    ]);
    expect(sc.system.figures.find((f) => f.id === "lb.sex|u=region|男")!.parent).toBe(
      "enr.sex|u=region|男",
    );
    for (const m of [moe, sc]) {
      expectDecompositionsAgree(m);
      expectParentsContain(m);
    }
  });

  it("marks columns a school did not supply as not collected, not as zero", () => {
    const m = measureYear(fixture, config());
    const carer = (unit: string) => m.tables.find((t) => t.id === `lb.carer|u=${unit}`)!;
    expect(carer(B).collected).toBe("none");
    expect(carer(B).rows.every((r) => r.value.kind === "notCollected")).toBe(true);
    expect(carer(A).collected).toBe("all");
    expect(count(m, "lb.carer", A, "无人照护")).toBe(0);
    // The region's carer table covers A's 4 children; B's 3 are "未采集".
    expect(carer("region").collected).toBe("partial");
    expect(count(m, "lb.carer", "region", "母亲")).toBe(4);
    expect(count(m, "lb.carer", "region", "未采集")).toBe(3);
    expect(m.system.figures.some((f) => f.id.startsWith(`lb.carer|u=${B}`))).toBe(false);
  });
});
