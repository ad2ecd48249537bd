import { describe, expect, it } from "vitest";
import { measureYear } from "../../src/pipeline/measure/measure.ts";
import { yearOnYear } from "../../src/pipeline/measure/yoy.ts";
import { config, pupil, school, year } from "./fixtures.ts";

const OLD = "4101020001"; // open in both years
const CLOSED = "4101020002"; // closed after 2023-2024
const OPENED = "4101020003"; // opened in 2024-2025

const lb = { left_behind: "单亲留守儿童", father_away: true } as const;
const y2023 = {
  ...year(
    [school(OLD, "城关镇"), school(CLOSED, "河湾乡")],
    [pupil(OLD, lb), pupil(OLD), pupil(CLOSED, lb)],
  ),
  year: "2023-2024",
  startYear: 2023,
};
const y2024 = year(
  [school(OLD, "城关镇"), school(OPENED, "河湾乡")],
  [pupil(OLD, lb), pupil(OLD, lb), pupil(OPENED)],
);

describe("year-on-year pairs", () => {
  const previous = measureYear(y2023, config());
  const current = measureYear(y2024, config());
  const pairs = yearOnYear(previous, current);

  it("pairs a headline figure of a unit present in both years, with its ratio", () => {
    const p = pairs.find((x) => x.table === "lb.moe" && x.unit === OLD)!;
    expect(p.previous).toEqual({
      year: "2023-2024",
      figure: `lb.moe|u=${OLD}`,
      value: 1,
      ratio: `ratio:lb.moe|u=${OLD}`,
    });
    expect(p.current.value).toBe(2);
    expect(pairs.find((x) => x.table === "enr" && x.unit === "region")!.current.value).toBe(3);
  });

  it("never pairs a unit that exists in one year only", () => {
    expect(pairs.some((p) => p.unit === CLOSED || p.unit === OPENED)).toBe(false);
    // The township 河湾乡 exists in both years (with a different school): it is paired.
    expect(pairs.some((p) => p.unit === "t:测试县/河湾乡" && p.table === "enr")).toBe(true);
  });

  it("pairs nothing when the previous year is not the year before", () => {
    const older = { ...previous, startYear: 2022 };
    expect(yearOnYear(older, current)).toEqual([]);
  });
});
