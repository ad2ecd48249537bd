import { describe, expect, it } from "vitest";
import { layoutCounty, type County } from "./county.ts";
import { Rng } from "./random.ts";
import { REFERENCE_SCHOOL } from "./referenceSchool.ts";

const layout = (schools: number, students = 10000, seed = 1): County =>
  layoutCounty({ schools, students }, new Rng(seed).fork("county"));

describe("layoutCounty", () => {
  const county = layout(40);

  it("has one 街道 for the county town, then 镇 and 乡, 5 to 8 in all", () => {
    const kinds = county.townships.map((t) => t.kind);
    expect(kinds[0]).toBe("街道");
    expect(kinds.filter((k) => k === "街道")).toHaveLength(1);
    expect(kinds).toContain("镇");
    expect(kinds).toContain("乡");
    expect(kinds.length).toBeGreaterThanOrEqual(5);
    expect(kinds.length).toBeLessThanOrEqual(8);
  });

  it("has exactly two 教学点, at least one 初中 and one 九年一贯制, the rest 小学", () => {
    const count = (level: string) => county.schools.filter((s) => s.level === level).length;
    expect(county.schools).toHaveLength(40);
    expect(count("教学点")).toBe(2);
    expect(count("初中")).toBeGreaterThanOrEqual(1);
    expect(count("九年一贯制")).toBeGreaterThanOrEqual(1);
    expect(count("小学")).toBe(40 - count("教学点") - count("初中") - count("九年一贯制"));
  });

  it("gives every school a unique 10-digit 学校标识码 with the type and province prefix", () => {
    const ids = county.schools.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of county.schools) {
      expect(s.id).toMatch(/^\d{10}$/);
      expect(s.id.slice(0, 2)).toBe(s.level === "小学" || s.level === "教学点" ? "21" : "31");
      expect(s.id.slice(2, 4)).toBe("51");
    }
  });

  it("uses 城乡分类代码 that fit where each school is", () => {
    const kind = new Map(county.townships.map((t) => [t.name, t.kind]));
    for (const s of county.schools) {
      const k = kind.get(s.township);
      if (k === "街道") expect(["111", "112"]).toContain(s.urbanRural);
      if (k === "镇") expect(["121", "122", "220"]).toContain(s.urbanRural);
      if (k === "乡") expect(["210", "220"]).toContain(s.urbanRural);
      if (s.level === "教学点") expect(s.urbanRural).toBe("220");
    }
  });

  it("places the reference school as a 小学 in a 镇 with its fixed id and name", () => {
    const ref = county.schools.find((s) => s.id === REFERENCE_SCHOOL.id);
    expect(ref?.name).toBe(REFERENCE_SCHOOL.name);
    expect(ref?.level).toBe("小学");
    expect(ref?.urbanRural).toBe("121");
    expect(county.townships.find((t) => t.name === ref?.township)?.kind).toBe("镇");
  });

  it("keeps the reference school and the 教学点 whatever the size and seed", () => {
    for (const [n, seed] of [
      [12, 5],
      [120, 9],
    ] as const) {
      const c = layout(n, 40000, seed);
      expect(c.schools).toHaveLength(n);
      expect(c.schools.filter((s) => s.level === "教学点")).toHaveLength(2);
      expect(c.schools.some((s) => s.id === REFERENCE_SCHOOL.id)).toBe(true);
      expect(new Set(c.schools.map((s) => s.name)).size).toBe(n);
    }
  });

  it("sizes the schools to about the requested enrolment", () => {
    const total = county.schools.reduce((n, s) => n + s.gradeSizes.reduce((a, b) => a + b, 0), 0);
    expect(total).toBeGreaterThan(9000);
    expect(total).toBeLessThan(11000);
  });
});
