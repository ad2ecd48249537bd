import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protect } from "../../src/pipeline/protect/protect.ts";
import { syntheticRegion, type SyntheticSchool } from "../../src/pipeline/protect/synthetic.ts";
import type { CountSystem, ProtectedSystem } from "../../src/pipeline/protect/system.ts";
import { expectSafe, K5 } from "./expectations.ts";

/** Splits `total` by integer weights (largest remainder), all zero weights → first part. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (rest-- <= 0) break;
    out[i]! += 1;
  }
  return out;
}

const schoolArb: fc.Arbitrary<SyntheticSchool> = fc
  .record({
    enrolment: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 1500 })),
    share: fc.integer({ min: 0, max: 1000 }),
    boys: fc.integer({ min: 0, max: 1000 }),
    grades: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ enrolment, share, boys, grades }) => {
    const lb = Math.floor((enrolment * share) / 1000);
    const b = Math.floor((lb * boys) / 1000);
    return { enrolment, bySex: [b, lb - b], byGrade: split(lb, grades) };
  });

const regionArb = fc.array(fc.array(schoolArb, { minLength: 1, maxLength: 12 }), {
  minLength: 1,
  maxLength: 6,
});

/** Every published figure equals the sum of the published figures that make it up. */
function expectConsistent(system: CountSystem, result: ProtectedSystem): number {
  let checked = 0;
  const shown = (id: string): number | undefined => {
    const s = result.figures.get(id);
    return s?.status === "published" ? s.value : s?.status === "zero" ? 0 : undefined;
  };
  const cellsOf = new Map(system.figures.map((f) => [f.id, f.decompositions[0]!]));
  for (const f of system.figures) {
    const total = shown(f.id);
    if (total === undefined) continue;
    for (const cells of f.decompositions) {
      const set = new Set(cells);
      // The parts of this decomposition: shown figures lying inside it, disjoint from each other.
      const parts = system.figures.filter(
        (p) =>
          p.id !== f.id && p.level === f.level - 1 && cellsOf.get(p.id)!.every((c) => set.has(c)),
      );
      const byTable = new Map<string, typeof parts>();
      for (const p of parts) byTable.set(p.table, [...(byTable.get(p.table) ?? []), p]);
      for (const group of byTable.values()) {
        const covered = group.flatMap((p) => cellsOf.get(p.id)!);
        const exact = covered.length === set.size && new Set(covered).size === set.size;
        if (!exact || group.some((p) => shown(p.id) === undefined)) continue;
        expect(group.reduce((sum, p) => sum + shown(p.id)!, 0)).toBe(total);
        checked++;
      }
    }
  }
  return checked;
}

describe("protecting random regions", () => {
  it("always passes the audit and never contradicts itself", async () => {
    let sumsChecked = 0;
    await fc.assert(
      fc.asyncProperty(regionArb, async (townships) => {
        const system = syntheticRegion(townships);
        const result = await protect(system, K5);
        expectSafe(system, result);
        sumsChecked += expectConsistent(system, result);
        for (const [id, status] of result.figures) {
          if (status.status !== "suppressed") continue;
          const [lo, hi] = status.interval;
          const value = system.figures.find((f) => f.id === id)!;
          const truth = value.decompositions[0]!.reduce((a, c) => a + system.cells[c]!.value, 0);
          expect(lo).toBeLessThanOrEqual(truth);
          expect(hi).toBeGreaterThanOrEqual(truth);
        }
      }),
      { numRuns: 12, seed: 20240901 },
    );
    // The consistency check must have had published sums to compare.
    expect(sumsChecked).toBeGreaterThan(0);
  });
});
