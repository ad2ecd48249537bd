import { describe, expect, it } from "vitest";
import { addDays, ageOn, formatDate, toSchoolDay, weekday } from "./dates.ts";

describe("toSchoolDay", () => {
  it("moves a weekend to the following Monday", () => {
    // 2024-09-01 was a Sunday; 2024-09-07 a Saturday.
    expect(weekday("2024-09-01")).toBe(0);
    expect(toSchoolDay("2024-09-01")).toBe("2024-09-02");
    expect(toSchoolDay("2024-09-07")).toBe("2024-09-09");
  });

  it("moves back to the Friday when the Monday would leave the window", () => {
    // 2024-11-30 was a Saturday, the last day of November.
    expect(toSchoolDay("2024-11-30", "2024-11-01", "2024-11-30")).toBe("2024-11-29");
  });

  it("never moves a date before the first day of the school year", () => {
    for (let i = 0; i < 30; i++) {
      const d = addDays("2024-09-01", i);
      expect(toSchoolDay(d, "2024-09-01", "2024-09-30") >= "2024-09-01").toBe(true);
    }
  });

  it("leaves a school day alone", () => {
    expect(toSchoolDay("2024-09-04")).toBe("2024-09-04");
  });
});

describe("formatDate", () => {
  it("writes every style the data contract accepts", () => {
    expect(formatDate("2015-09-01", "iso")).toBe("2015-09-01");
    expect(formatDate("2015-09-01", "slash")).toBe("2015/9/1");
    expect(formatDate("2015-09-01", "chinese")).toBe("2015年9月1日");
    expect(formatDate("2015-09-01", "compact")).toBe("20150901");
  });
});

describe("ageOn", () => {
  it("counts whole years, turning a year older on the birthday", () => {
    expect(ageOn("2018-09-01", "2024-09-01")).toBe(6);
    expect(ageOn("2018-09-02", "2024-09-01")).toBe(5);
  });
});
