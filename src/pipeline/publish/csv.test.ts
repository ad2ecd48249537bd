import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.ts";

describe("CSV for downloads", () => {
  it("starts with a BOM and ends every line with CRLF, so Chinese Excel opens it", () => {
    const text = toCsv(["单位", "人数"], [["白沙乡", 12]]);
    expect(text.startsWith("\uFEFF单位,人数\r\n")).toBe(true);
    expect(text.endsWith("白沙乡,12\r\n")).toBe(true);
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const payload of ['=HYPERLINK("x")', "+1", "-1+2", "@SUM(A1)", "\t=1"]) {
      expect(csvCell(payload).replace(/^"/, "").startsWith("'")).toBe(true);
    }
  });

  it("keeps negative numbers as numbers, not as neutralised text", () => {
    expect(csvCell(-3)).toBe("-3");
  });

  it("quotes commas, quotes and line breaks, and writes null as empty", () => {
    expect(csvCell('一,"二"')).toBe('"一,""二"""');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell(null)).toBe("");
  });

  it("refuses a number that is not finite (an internal error, not data)", () => {
    expect(() => csvCell(Number.NaN)).toThrow(/not a finite number/);
  });
});
