import { describe, expect, it } from "vitest";
import { idCheckChar, idNumber, isValidIdNumber } from "./idNumber.ts";

describe("idCheckChar", () => {
  it("computes the ISO 7064 MOD 11-2 character of the published example", () => {
    // The example ID from GB 11643-1999 materials: 11010519491231002X.
    expect(idCheckChar("11010519491231002")).toBe("X");
  });

  it("rejects a body that is not 17 digits", () => {
    expect(() => idCheckChar("1234")).toThrow();
  });
});

describe("idNumber", () => {
  it("builds an 18-character number whose check character validates", () => {
    const id = idNumber("510927", "2015-03-12", 37);
    expect(id).toMatch(/^51092720150312037[\dX]$/);
    expect(isValidIdNumber(id)).toBe(true);
  });

  it("detects a changed digit", () => {
    const id = idNumber("510927", "2015-03-12", 38);
    const broken = (id[0] === "5" ? "6" : "5") + id.slice(1);
    expect(isValidIdNumber(broken)).toBe(false);
  });
});
