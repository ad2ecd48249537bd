import { afterAll, describe, expect, it } from "vitest";
import { BASE_STUDENTS, check, removeDataDirs } from "../helpers/dataDir.ts";

afterAll(removeDataDirs);

describe("the base county of the test helper", () => {
  it("validates without a single problem", async () => {
    const result = await check();
    expect(result.problems).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.warnings).toBe(0);
  });

  it("keeps every roster row, care record, activity and donation", async () => {
    const { data } = await check({}, { keepRows: true });
    const year = data.years[0]!;
    expect(data.config?.title).toBe("测试县留守儿童关爱数据公开平台");
    expect(year.year).toBe("2024-2025");
    expect(year.schools.map((s) => s.level)).toEqual(["小学", "初中", "九年一贯制"]);
    expect(year.students).toHaveLength(BASE_STUDENTS.length);
    expect(year.care).toHaveLength(3);
    expect(year.activities).toHaveLength(2);
    expect(year.social.map((s) => s.amount_yuan)).toEqual([12000, 12000]);
    expect([...year.enrolment.values()].every((e) => e.pupils > 0)).toBe(true);
  });
});
