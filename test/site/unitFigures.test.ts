import { describe, expect, it } from "vitest";
import { showValue } from "../../src/site/format.ts";
import { undecidedNote } from "../../src/site/unitFigures.ts";

const count = (value: number) =>
  showValue(
    value === 0 ? { kind: "count", status: "zero" } : { kind: "count", status: "published", value },
  );

describe("undecidedNote", () => {
  it("says in words how many pupils the definition cannot decide and how many schools reported", () => {
    expect(undecidedNote(count(125), count(37), count(40))).toBe(
      "另有125人无法按此口径判定；40所学校中有37所报送了判定所需的父母外出情况。",
    );
  });

  it("says nothing when nobody is undecided and every school reported", () => {
    expect(undecidedNote(count(0), count(1), count(1))).toBeUndefined();
  });

  it("never puts a protected count into the middle of a sentence", () => {
    const hidden = showValue({ kind: "count", status: "suppressed", interval: [1, 4] });
    expect(undecidedNote(hidden, count(2), count(2))).toBe(
      "无法按此口径判定的人数：已保护（1–4）；2所学校都报送了判定所需的父母外出情况。",
    );
  });
});
