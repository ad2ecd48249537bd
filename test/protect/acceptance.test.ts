import { describe, expect, it } from "vitest";
import { audit } from "../../src/pipeline/protect/audit.ts";
import { primary } from "../../src/pipeline/protect/primary.ts";
import { protect } from "../../src/pipeline/protect/protect.ts";
import { SystemBuilder } from "./builder.ts";
import { expectSafe, intervalOf, K5, statusOf, suppressedIds } from "./expectations.ts";

/** Acceptance tables T1–T9 of statistics-and-disclosure.md §4, with k = 5. */
describe("the acceptance tables", () => {
  it("T1: hides one more grade so that G2 is not 37 − 35", async () => {
    const b = new SystemBuilder();
    const grades = [6, 2, 7, 5, 8, 9].map((v, i) => b.cell(`G${i + 1}`, v));
    b.sum("total", [grades]);
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    expect(suppressedIds(result)).toHaveLength(2);
    expect(suppressedIds(result)).toContain("G2");
    const [lo, hi] = intervalOf(result, "G2");
    expect(lo).toBeLessThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(7);
  });

  it("T2: adds a third cell because two primaries alone only span [0, 3]", async () => {
    const b = new SystemBuilder();
    const grades = [9, 2, 8, 1, 7].map((v, i) => b.cell(`G${i + 1}`, v));
    b.sum("total", [grades]);
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    expect(suppressedIds(result)).toHaveLength(3);
    for (const id of ["G2", "G4"]) {
      const [lo, hi] = intervalOf(result, id);
      expect(hi - lo).toBeGreaterThanOrEqual(5);
    }
  });

  it("T3: hides a rectangle of four cells in a two-way table", async () => {
    const b = new SystemBuilder();
    const boys = [7, 9, 6].map((v, i) => b.cell(`boys G${i + 1}`, v));
    const girls = [8, 3, 10].map((v, i) => b.cell(`girls G${i + 1}`, v));
    b.sum("boys", [boys]);
    b.sum("girls", [girls]);
    const columns = [0, 1, 2].map((i) => b.sum(`G${i + 1}`, [[boys[i]!, girls[i]!]]));
    b.sum("total", [["boys", "girls"], columns]);
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    const hidden = suppressedIds(result);
    expect(hidden).toHaveLength(4);
    expect(hidden).toContain("girls G2");
    // The four cells form a rectangle: two rows by two columns.
    const rows = new Set(hidden.map((id) => id.split(" ")[0]));
    const cols = new Set(hidden.map((id) => id.split(" ")[1]));
    expect(rows.size).toBe(2);
    expect(cols.size).toBe(2);
  });

  it("T4: keeps the small township from being 42 − 18 − 21", async () => {
    const b = new SystemBuilder();
    const s = [2, 1, 10, 8, 12, 9].map((v, i) => b.cell(`S${i + 1}`, v));
    b.sum("Tw1", [[s[0]!, s[1]!]], { level: 1 });
    b.sum("Tw2", [[s[2]!, s[3]!]], { level: 1 });
    b.sum("Tw3", [[s[4]!, s[5]!]], { level: 1 });
    b.sum("county", [["Tw1", "Tw2", "Tw3"]], { level: 2 });
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    for (const id of ["S1", "S2", "Tw1"]) expect(statusOf(result, id).status).toBe("suppressed");
    const [lo, hi] = intervalOf(result, "Tw1");
    expect(hi - lo).toBeGreaterThanOrEqual(5);
    expect(suppressedIds(result)).toHaveLength(5);
  });

  it("T5: hides the shared boys count in both tables, and one grade of boys", async () => {
    const b = new SystemBuilder();
    const boys = b.cell("A boys", 10);
    const girls = b.cell("A girls", 2);
    b.sum("A total", [[boys, girls]]);
    const g1 = b.cell("B G1", 5);
    const g2 = b.cell("B G2", 5);
    // Table B's total is table A's boys: one figure with two decompositions.
    b.alsoSum(boys, [g1, g2]);
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    // B's two grades are equal, so either one is the cheapest; the id order picks G1.
    const hidden = suppressedIds(result);
    expect(hidden).toHaveLength(3);
    expect(hidden.slice(0, 2)).toEqual(["A boys", "A girls"]);
    expect(["B G1", "B G2"]).toContain(hidden[2]);
  });

  function t6(): SystemBuilder {
    const b = new SystemBuilder();
    const lb = b.cell("left-behind", 21, { parent: "enrolment" });
    const other = b.innerCell(2);
    b.sum("enrolment", [[lb, other]]);
    b.ratio("share", "left-behind", "enrolment");
    return b;
  }

  it("T6: shows the ratio of an almost-all-left-behind school only as a wide band", async () => {
    const system = t6().build();
    expect(primary(system, K5).get("left-behind")).toEqual(["P2"]);
    const result = await protect(system, K5);
    expectSafe(system, result);
    const share = result.ratios.get("share");
    expect([{ status: "suppressed" }, { status: "band", atLeast: 75 }]).toContainEqual(share);
    const [lo, hi] = intervalOf(result, "left-behind");
    expect(hi - lo).toBeGreaterThanOrEqual(5);
    expect(23 - lo).toBeGreaterThanOrEqual(5);
  });

  it("T6: fails the audit when the band is ≥80%", async () => {
    const system = t6().build();
    const rules = primary(system, K5);
    const publication = {
      suppressed: new Map([["left-behind", "P2" as const]]),
      ratios: new Map([["share", { status: "band" as const, atLeast: 80 }]]),
    };
    const result = await audit(system, K5, rules, publication);
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.check)).toEqual(expect.arrayContaining(["A1", "A2"]));
    expect(result.intervals.get("left-behind")).toEqual([19, 23]);
    const at75 = await audit(system, K5, rules, {
      ...publication,
      ratios: new Map([["share", { status: "band" as const, atLeast: 75 }]]),
    });
    expect(at75.passed).toBe(true);
    expect(at75.intervals.get("left-behind")).toEqual([18, 23]);
  });

  it("T7: flags a grade where every pupil is left-behind (P2)", async () => {
    const b = new SystemBuilder();
    [12, 11, 6].forEach((enrolment, i) => {
      const lb = b.cell(`lb G${i + 1}`, [7, 5, 6][i]!, { parent: `enrolment G${i + 1}` });
      const other = b.innerCell(enrolment - [7, 5, 6][i]!);
      b.sum(`enrolment G${i + 1}`, [[lb, other]]);
    });
    const system = b.build();
    expect(primary(system, K5).get("lb G3")).toEqual(["P2"]);
    const result = await protect(system, K5);
    expectSafe(system, result);
    const [lo, hi] = intervalOf(result, "lb G3");
    expect(lo).toBeLessThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(6);
  });

  it("T7 with totals: still protects G3 when the left-behind total is shown", async () => {
    const b = new SystemBuilder();
    const lbs: string[] = [];
    const all: string[] = [];
    [12, 11, 6].forEach((enrolment, i) => {
      const lb = b.cell(`lb G${i + 1}`, [7, 5, 6][i]!, { parent: `enrolment G${i + 1}` });
      const other = b.innerCell(enrolment - [7, 5, 6][i]!);
      lbs.push(lb);
      all.push(b.sum(`enrolment G${i + 1}`, [[lb, other]]));
    });
    b.sum("lb total", [lbs]);
    b.sum("enrolment total", [all]);
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    const [lo, hi] = intervalOf(result, "lb G3");
    expect(hi - lo).toBeGreaterThanOrEqual(5);
  });

  it("T8: hides the grandparents too, or an insider who knows the 1 gets the 2", async () => {
    const b = new SystemBuilder();
    const carers = [
      b.cell("grandparents", 15),
      b.cell("other relative", 1),
      b.cell("institution", 2),
    ];
    b.sum("total", [carers]);
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    expect(statusOf(result, "grandparents").status).toBe("suppressed");
  });

  it("T9: never uses a zero as a secondary cell", async () => {
    const b = new SystemBuilder();
    const schools = [2, 0, 9].map((v, i) => b.cell(`S${i + 1}`, v));
    b.sum("total", [schools]);
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    expect(suppressedIds(result)).toEqual(["S1", "S3"]);
    expect(statusOf(result, "S2")).toEqual({ status: "zero" });
  });
});
