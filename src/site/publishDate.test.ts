import { describe, expect, it } from "vitest";
import { chineseDate, publishDate } from "./publishDate.ts";

describe("publishDate", () => {
  it("takes the date set in site.json over everything else", () => {
    expect(publishDate("2025-09-01", { SOURCE_DATE_EPOCH: "0" }, () => new Date(0))).toBe(
      "2025-09-01",
    );
  });

  it("takes SOURCE_DATE_EPOCH when site.json sets none, as a day in China Standard Time", () => {
    // 2025-08-31T20:00:00Z is 1 September, 04:00 in Beijing.
    const epoch = String(Date.UTC(2025, 7, 31, 20) / 1000);
    expect(publishDate(undefined, { SOURCE_DATE_EPOCH: epoch })).toBe("2025-09-01");
  });

  it("otherwise takes the day the build runs in China Standard Time", () => {
    expect(publishDate(undefined, {}, () => new Date(Date.UTC(2025, 11, 31, 15, 59)))).toBe(
      "2025-12-31",
    );
    expect(publishDate(undefined, {}, () => new Date(Date.UTC(2025, 11, 31, 16, 0)))).toBe(
      "2026-01-01",
    );
  });

  it("writes the date as Chinese readers do", () => {
    expect(chineseDate("2025-09-01")).toBe("2025年9月1日");
  });
});
