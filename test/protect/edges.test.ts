import { describe, expect, it } from "vitest";
import { protect } from "../../src/pipeline/protect/protect.ts";
import { syntheticRegion, type SyntheticSchool } from "../../src/pipeline/protect/synthetic.ts";
import { SystemBuilder } from "./builder.ts";
import { expectSafe, intervalOf, K5, statusOf } from "./expectations.ts";

const big = (enrolment: number, boys: number, girls: number): SyntheticSchool => ({
  enrolment,
  bySex: [boys, girls],
  byGrade: [boys, girls, 0, 0, 0, 0],
});

describe("edge cases of the hierarchy", () => {
  it("hides a single-school township's totals together with its school's", async () => {
    const system = syntheticRegion([
      [big(300, 40, 2)],
      [big(200, 30, 25), big(250, 31, 27)],
      [big(180, 22, 20)],
    ]);
    const result = await protect(system, K5);
    expectSafe(system, result);
    for (const figure of ["lb.sex|乡1|校1|女", "lb.grade|乡1|校1|2"]) {
      expect(statusOf(result, figure).status).toBe("suppressed");
    }
    // The township's figures are the same sums as its only school's: same status, always.
    for (const f of system.figures.filter((f) => f.id.includes("|乡1|校1"))) {
      const twin = f.id.replace("|乡1|校1", "|乡1");
      expect(statusOf(result, twin).status, twin).toBe(statusOf(result, f.id).status);
    }
  });

  it("protects a school where every pupil is left-behind", async () => {
    const system = syntheticRegion([[big(40, 22, 18), big(300, 60, 55), big(280, 50, 45)]]);
    const result = await protect(system, K5);
    expectSafe(system, result);
    const lb = statusOf(result, "lb|乡1|校1");
    expect(lb).toMatchObject({ status: "suppressed", reason: "P2" });
    if (lb.status === "suppressed") expect(40 - lb.interval[0]).toBeGreaterThanOrEqual(5);
    // Its ratio would say 100%: it is shown at most as a band that leaves k pupils unsure.
    const ratio = result.ratios.get("lb.ratio|乡1|校1");
    expect(ratio?.status).not.toBe("published");
    if (ratio?.status === "band") expect(ratio.atLeast ?? 0).toBeLessThanOrEqual(87.5);
  });

  it("gives a region with one township the same statuses at both levels", async () => {
    const system = syntheticRegion([[big(300, 40, 3), big(200, 30, 25), big(250, 31, 27)]]);
    const result = await protect(system, K5);
    expectSafe(system, result);
    for (const f of system.figures.filter((f) => f.id.includes("|乡1|") || f.id.endsWith("|乡1"))) {
      if (f.id.includes("校")) continue;
      const twin = f.id.replace("|乡1", "|全区");
      expect(statusOf(result, twin).status, twin).toBe(statusOf(result, f.id).status);
    }
    expect(statusOf(result, "lb.sex|乡1|校1|女").status).toBe("suppressed");
  });

  it("protects 'all but one' from an insider who is that one", async () => {
    // School 1: 3 left-behind = 单亲 2 + 双亲 1, so 单亲 is P2 (its complement is 1). The one
    // 双亲 child's family knows its complement exactly; what must hold for them is that 单亲
    // itself stays at least k wide.
    const b = new SystemBuilder();
    const schools = [
      [2, 1],
      [20, 15],
      [12, 9],
    ].map(([single, both], i) => {
      const parts = [b.cell(`单亲|校${i}`, single!), b.cell(`双亲|校${i}`, both!)];
      const total = b.sum(`留守|校${i}`, [parts]);
      for (const p of parts) b.figures.find((f) => f.id === p)!.parent = total;
      return parts;
    });
    const lbParts = [0, 1].map((j) =>
      b.sum(`${j ? "双亲" : "单亲"}|乡`, [schools.map((s) => s[j]!)]),
    );
    b.sum("留守|乡", [lbParts, ["留守|校0", "留守|校1", "留守|校2"]]);
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    const [lo, hi] = intervalOf(result, "单亲|校0");
    expect(hi - lo).toBeGreaterThanOrEqual(5);
  });
});
