import { describe, expect, it } from "vitest";
import { measureYear } from "../../src/pipeline/measure/measure.ts";
import { townshipId } from "../../src/pipeline/measure/hierarchy.ts";
import { primary } from "../../src/pipeline/protect/primary.ts";
import { config, pupil, school, year } from "./fixtures.ts";

const A = "4101020001"; // primary grades only, all rural, nobody boards
const B = "4101020002"; // 九年一贯制: primary and junior grades
const K5 = { k: 5, kSensitive: 10 };

// A: grade 3 has 6 pupils, every one of them left-behind; grade 4 has 20, none left-behind.
// B: 30 pupils in grade 5, 30 in grade 8, 3 of each left-behind, 10 of them boarders.
const students = [
  ...Array.from({ length: 6 }, () => pupil(A, { grade: 3, left_behind: "双亲留守儿童" })),
  ...Array.from({ length: 20 }, () => pupil(A, { grade: 4 })),
  ...[5, 8].flatMap((grade) =>
    Array.from({ length: 30 }, (_, i) =>
      pupil(B, {
        grade: grade as 5 | 8,
        left_behind: i < 3 ? "单亲留守儿童" : "非留守儿童",
        boarding: i % 3 === 0 ? "住校" : "走读",
      }),
    ),
  ),
];
const measured = measureYear(
  year([school(A, "东乡"), school(B, "东乡", { level: "九年一贯制" })], students),
  config(),
);
const figure = (id: string) => {
  const f = measured.system.figures.find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${id}`);
  return f;
};
const rules = primary(measured.system, K5);

describe("which splits are P2", () => {
  it("not how pupils split by stage, 城乡 or boarding: nothing about left-behind status", () => {
    for (const id of [
      `enr.stage|u=${A}|小学`,
      `enr.boarding|u=${A}|走读`,
      `enr.grade|u=${A}|三年级`,
    ]) {
      expect(figure(id).parent, id).toBeUndefined();
      expect(rules.get(id), id).toBeUndefined();
    }
    const township = townshipId("测试县", "东乡");
    expect(figure(`enr.urban|u=${township}|乡村`).parent).toBeUndefined();
  });

  it("'every grade-3 pupil is left-behind' is (the complement is a zero cell, not no cell)", () => {
    expect(figure(`lb.grade|u=${A}|三年级`).parent).toBe(`enr.grade|u=${A}|三年级`);
    expect(rules.get(`lb.grade|u=${A}|三年级`)).toContain("P2");
    expect(rules.get(`lb.grade|u=${A}|四年级`)).toBeUndefined(); // a true zero
    expect(rules.get(`lb.stage|u=${B}|初中`)).toEqual(["P1"]); // 3 left-behind of 30
  });

  it("splits of the left-behind children are, against their total", () => {
    expect(figure(`lb.carer|u=${B}|母亲`).parent).toBe(`lb.moe|u=${B}`);
    expect(rules.get(`lb.carer|u=${B}|母亲`)).toContain("P2"); // all 6 live with their mother
  });
});
