import { describe, expect, it } from "vitest";
import { primary } from "../../src/pipeline/protect/primary.ts";
import { band, roundedPercent, ratioInterval } from "../../src/pipeline/protect/ratios.ts";
import { Span } from "../../src/pipeline/protect/span.ts";
import { SystemBuilder } from "./builder.ts";
import { K5 } from "./expectations.ts";

const v = (entries: [number, number][]): Map<number, number> => new Map(entries);

describe("exact span of known sums", () => {
  it("finds a cell determined by a total and the other published cells", () => {
    const span = new Span();
    span.add(
      v([
        [0, 1],
        [1, 1],
        [2, 1],
      ]),
    );
    span.add(v([[1, 1]]));
    expect(span.contains(v([[0, 1]]))).toBe(false);
    span.add(v([[2, 1]]));
    expect(span.contains(v([[0, 1]]))).toBe(true);
    expect(span.rank).toBe(3);
  });

  it("keeps a difference known without either cell", () => {
    const span = new Span();
    span.add(
      v([
        [0, 1],
        [1, 1],
      ]),
    );
    span.add(
      v([
        [1, 1],
        [2, 1],
      ]),
    );
    expect(
      span.contains(
        v([
          [0, 1],
          [2, -1],
        ]),
      ),
    ).toBe(true);
    expect(span.contains(v([[0, 1]]))).toBe(false);
    expect(
      span.reduce(
        v([
          [0, 2],
          [2, -2],
        ]),
      ).size,
    ).toBe(0);
  });
});

describe("ratio bands", () => {
  it("shows 21 of 23 as ≥75%, the closest band leaving five possible numerators open", () => {
    expect(band(21, 23, 5)).toEqual({ status: "band", atLeast: 75 });
  });

  it("uses ≤X% for low ratios and withholds a band that cannot be wide enough", () => {
    expect(band(1, 40, 5)).toEqual({ status: "band", atMost: 15 });
    expect(band(3, 4, 5)).toEqual({ status: "suppressed" });
  });

  it("turns a published percentage into the interval its rounding implies", () => {
    expect(roundedPercent(21, 23, 1)).toBe(91.3);
    const interval = ratioInterval({ status: "published", percent: 20.6 }, 1)!;
    expect(interval.lo).toBeCloseTo(0.2055, 12);
    expect(interval.hi).toBeCloseTo(0.2065, 12);
    expect(interval.hiStrict).toBe(true);
  });
});

describe("primary suppression", () => {
  it("flags small counts (P1), small complements (P2) and small units (P3), never a plain zero", () => {
    const b = new SystemBuilder();
    const a = b.cell("a", 3);
    const c = b.cell("c", 0);
    const d = b.cell("d", 9, { parent: "group" });
    const e = b.innerCell(4);
    b.sum("group", [[d, e]]);
    b.cell("tiny", 6, { smallUnit: true });
    b.sum("all", [[a, c]]);
    const rules = primary(b.build(), K5);
    expect(rules.get("a")).toEqual(["P1"]);
    expect(rules.get("d")).toEqual(["P2"]);
    expect(rules.get("tiny")).toEqual(["P3"]);
    expect(rules.has("c")).toBe(false);
    expect(rules.has("group")).toBe(false);
  });

  it("uses kSensitive for sensitive groups", () => {
    const b = new SystemBuilder();
    b.cell("orphans", 7, { sensitive: true });
    b.cell("boys", 7);
    const rules = primary(b.build(), { k: 5, kSensitive: 10 });
    expect(rules.get("orphans")).toEqual(["P1"]);
    expect(rules.has("boys")).toBe(false);
  });

  it("flags a zero that is the whole complement of a P2 sibling", () => {
    const b = new SystemBuilder();
    const lb = b.cell("lb", 6, { parent: "enrolment" });
    const other = b.cell("not lb", 0, { parent: "enrolment" });
    b.sum("enrolment", [[lb, other]]);
    const rules = primary(b.build(), K5);
    expect(rules.get("lb")).toEqual(["P2"]);
    expect(rules.get("not lb")).toEqual(["P2"]);
  });

  it("does not hide a small unit's zero that its zero total already gives away", () => {
    const b = new SystemBuilder();
    const boys = b.cell("boys", 0, { smallUnit: true });
    const girls = b.cell("girls", 0, { smallUnit: true });
    b.sum("lb", [[boys, girls]]);
    const rules = primary(b.build(), K5);
    expect(rules.has("boys")).toBe(false);
    expect(rules.has("girls")).toBe(false);
  });
});
