import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/pipeline/protect/audit.ts";
import { primary } from "../../src/pipeline/protect/primary.ts";
import { protect } from "../../src/pipeline/protect/protect.ts";
import { syntheticRegion } from "../../src/pipeline/protect/synthetic.ts";
import { SystemBuilder } from "./builder.ts";
import { expectSafe, intervalOf, K5, statusOf, suppressedIds } from "./expectations.ts";

/**
 * The outsider knows every unit's enrolment (statistics-and-disclosure.md §3, "Public
 * knowledge"): enrolment is published in full, and protection must hold against that outsider.
 */
describe("protection against an outsider who knows every school's enrolment", () => {
  it("T10: proves nothing above 12 − k for a 12-pupil school where all are left-behind", async () => {
    const b = new SystemBuilder();
    const lbCell = b.innerCell(12);
    const other = b.innerCell(0);
    // 结对帮扶 covers all 12; 谈心 reached 9 in one month and 11 in the next: each splits
    // the left-behind count into children with and without a record.
    const paired = [b.innerCell(12), b.innerCell(0)];
    const month1 = [b.innerCell(9), b.innerCell(3)];
    const month2 = [b.innerCell(11), b.innerCell(1)];
    for (const [level, unit] of [
      [0, "school"],
      [1, "township"],
    ] as const) {
      const enrolment = `enrolment ${unit}`;
      b.sum(enrolment, [[lbCell, other]], { public: true, headline: true, level });
      b.sum(`lb ${unit}`, [[lbCell], paired, month1, month2], {
        parent: enrolment,
        headline: true,
        level,
      });
      b.sum(`结对帮扶 ${unit}`, [[paired[0]!]], { headline: true, total: false, level });
      b.sum(`谈心 month 1 ${unit}`, [[month1[0]!]], { total: false, level });
      b.sum(`谈心 month 2 ${unit}`, [[month2[0]!]], { total: false, level });
    }
    const system = b.build();
    expect(primary(system, K5).get("lb school")).toContain("P2");
    const result = await protect(system, K5);
    expectSafe(system, result);
    // Enrolment is public and shown; the left-behind count is provably anything from 0 to 12,
    // so "all but fewer than 5 are left-behind" cannot be proved.
    expect(statusOf(result, "enrolment school")).toEqual({ status: "published", value: 12 });
    expect(intervalOf(result, "lb school")[0]).toBeLessThanOrEqual(12 - K5.k);
    // Every coverage count of 8 or more would prove it: none is shown.
    for (const id of ["结对帮扶 school", "谈心 month 1 school", "谈心 month 2 school"]) {
      const s = statusOf(result, id);
      expect(s.status, id).toBe("suppressed");
      if (s.status === "suppressed") expect(s.interval[0], id).toBeLessThanOrEqual(12 - K5.k);
    }
  });

  it("T11: keeps a 1,200-pupil school's totals and hides two interior grades", async () => {
    const b = new SystemBuilder();
    const lbValues = [40, 3, 38, 41, 36, 42];
    const lbGrades: string[] = [];
    const enrolGrades: string[] = [];
    lbValues.forEach((v, i) => {
      const enrolment = `enrolment G${i + 1}`;
      const lb = b.cell(`lb G${i + 1}`, v, { parent: enrolment });
      const rest = b.innerCell(200 - v);
      b.sum(enrolment, [[lb, rest]], { public: true });
      lbGrades.push(lb);
      enrolGrades.push(enrolment);
    });
    b.sum("enrolment", [enrolGrades], { public: true, headline: true });
    b.sum("lb", [lbGrades], { parent: "enrolment", headline: true });
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    expect(statusOf(result, "enrolment")).toEqual({ status: "published", value: 1200 });
    expect(statusOf(result, "lb")).toEqual({ status: "published", value: 200 });
    expect(suppressedIds(result)).toHaveLength(2);
    expect(suppressedIds(result)).toContain("lb G2");
    const [lo, hi] = intervalOf(result, "lb G2");
    expect(hi - lo).toBeGreaterThanOrEqual(K5.k);
  });

  it("never makes enrolment primary, and never hides it to protect another figure", async () => {
    const b = new SystemBuilder();
    // A 3-pupil grade whose pupils are all left-behind, next to a large one.
    const small = b.cell("lb G1", 3, { parent: "enrolment G1" });
    b.sum("enrolment G1", [[small, b.innerCell(0)]], { public: true });
    const large = b.cell("lb G2", 30, { parent: "enrolment G2" });
    b.sum("enrolment G2", [[large, b.innerCell(70)]], { public: true });
    b.sum("enrolment", [["enrolment G1", "enrolment G2"]], { public: true, headline: true });
    b.sum("lb", [[small, large]], { headline: true });
    const system = b.build();
    const rules = primary(system, K5);
    expect(rules.has("enrolment G1")).toBe(false);
    expect(rules.get("lb G1")).toEqual(["P1", "P2"]);
    const result = await protect(system, K5);
    expectSafe(system, result);
    for (const id of ["enrolment G1", "enrolment G2", "enrolment"]) {
      expect(statusOf(result, id).status, id).toBe("published");
    }
    // The grade has 3 pupils: its interval is everything public knowledge allows, 0…3.
    expect(intervalOf(result, "lb G1")).toEqual([0, 3]);
  });

  it("accepts an interval of 0…n for a group of n < k pupils, and nothing narrower", async () => {
    const b = new SystemBuilder();
    const g1 = b.cell("lb G1", 2, { parent: "enrolment G1" });
    const r1 = b.innerCell(1);
    b.sum("enrolment G1", [[g1, r1]], { public: true });
    const g2 = b.cell("lb G2", 20, { parent: "enrolment G2" });
    const r2 = b.innerCell(40);
    b.sum("enrolment G2", [[g2, r2]], { public: true });
    b.sum("lb", [[g1, g2]]);
    const system = b.build();
    const rules = primary(system, K5);
    const hideBoth = {
      suppressed: new Map([
        ["lb G1", "P1" as const],
        ["lb G2", "secondary" as const],
      ]),
      ratios: new Map(),
    };
    // G1 can be anything from 0 to 3 (its enrolment): it passes although 3 < k.
    const passing = await audit(system, K5, rules, hideBoth);
    expect(passing.failures).toEqual([]);
    expect(passing.intervals.get("lb G1")).toEqual([0, 3]);
    // With the total hidden as well but G2's enrolment narrowing it, G1 is only 2…3: fails.
    const b2 = new SystemBuilder();
    const h1 = b2.cell("lb G1", 2, { parent: "enrolment G1" });
    b2.sum("enrolment G1", [[h1, b2.innerCell(1)]], { public: true });
    const h2 = b2.cell("lb G2", 20, { parent: "enrolment G2" });
    b2.sum("enrolment G2", [[h2, b2.innerCell(0)]], { public: true });
    b2.sum("lb", [[h1, h2]]);
    const narrow = b2.build();
    const failing = await audit(narrow, K5, primary(narrow, K5), hideBoth);
    expect(failing.failures.map((f) => `${f.figure} ${f.check}`)).toContain("lb G1 A1");
  });

  it("shows a sensitive group at a school of 8 left-behind pupils as 0…8 and keeps the 8", async () => {
    const b = new SystemBuilder();
    // 8 left-behind pupils of 120: one from a low-income family (k = 10 for this group).
    const lowIncome = b.cell("低保 是", 1, { parent: "lb", sensitive: true, total: false });
    const notLow = b.innerCell(7);
    const boys = b.cell("lb 男", 5, { parent: "lb", total: false });
    const girls = b.cell("lb 女", 3, { parent: "lb", total: false });
    const rest = b.innerCell(112);
    const lbCells = [lowIncome, notLow];
    b.sum("lb", [lbCells], { headline: true, parent: "enrolment" });
    b.alsoSum("lb", [boys, girls]);
    // The two decompositions of the same 8 pupils share no cell in this hand-built system; the
    // identity between them is all that links them, as in the measured tables.
    b.sum("enrolment", [[...lbCells, rest]], { public: true, headline: true });
    const system = b.build();
    const rules = primary(system, K5);
    // 1 < 10 and 8 − 1 < 10: both P1 and P2.
    expect(rules.get("低保 是")).toEqual(["P1", "P2"]);
    const result = await protect(system, K5);
    expectSafe(system, result);
    // The left-behind count stays; the low-income count is all the 8 allow: nothing is told.
    expect(statusOf(result, "lb")).toEqual({ status: "published", value: 8 });
    expect(intervalOf(result, "低保 是")).toEqual([0, 8]);
  });

  it("hides a zero that holds the whole complement of a P2 figure (no 2016-definition pupil)", async () => {
    const b = new SystemBuilder();
    // A primary school: 6 left-behind pupils, all 单亲 (one parent away, home parent capable),
    // none 双亲. The 2016-definition count (单亲 with an incapable parent + 双亲) is 0.
    const single = [b.innerCell(0), b.innerCell(6)]; // (单亲, 是), (单亲, 否)
    const both = b.innerCell(0); // (双亲, 是)
    const rest = b.innerCell(40);
    b.sum("enrolment", [[...single, both, rest]], { public: true, headline: true });
    b.sum("lb", [[...single, both]], { parent: "enrolment", headline: true });
    b.sum("单亲", [single], { parent: "lb", total: false });
    b.sum("双亲", [[both]], { parent: "lb", total: false });
    b.sum("sc", [[single[0]!, both]], { headline: true });
    const system = b.build();
    const rules = primary(system, K5);
    expect(rules.get("单亲")).toEqual(["P2"]);
    // "sc = 0" would say "双亲 = 0", so "every left-behind pupil is 单亲": it is P2 too.
    expect(rules.get("sc")).toEqual(["P2"]);
    const result = await protect(system, K5);
    expectSafe(system, result);
  });

  it("passes the audit on random regions whose enrolment is public", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(
            fc
              .record({
                enrolment: fc.integer({ min: 1, max: 400 }),
                share: fc.integer({ min: 0, max: 1000 }),
                boys: fc.integer({ min: 0, max: 1000 }),
                cut: fc.integer({ min: 0, max: 1000 }),
              })
              .map(({ enrolment, share, boys, cut }) => {
                const lb = Math.floor((enrolment * share) / 1000);
                const b = Math.floor((lb * boys) / 1000);
                const g = Math.floor((lb * cut) / 1000);
                return { enrolment, bySex: [b, lb - b] as [number, number], byGrade: [g, lb - g] };
              }),
            { minLength: 1, maxLength: 5 },
          ),
          { minLength: 1, maxLength: 3 },
        ),
        async (townships) => {
          const system = syntheticRegion(townships, "public", { publicEnrolment: true });
          const result = await protect(system, K5);
          expectSafe(system, result);
          for (const f of system.figures) {
            if (f.public) expect(statusOf(result, f.id).status, f.id).not.toBe("suppressed");
          }
        },
      ),
      { numRuns: 10, seed: 20261202 },
    );
  });
});
