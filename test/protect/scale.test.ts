/**
 * The mechanisms that make protection scale to a county of a few hundred schools: each must
 * give exactly what the plain computation gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Attacker, type Constraint } from "../../src/pipeline/protect/attacker.ts";
import { highs } from "../../src/pipeline/protect/highs.ts";
import { Points } from "../../src/pipeline/protect/points.ts";
import { suppressFirst } from "../../src/pipeline/protect/cost.ts";
import { figureValue, primary } from "../../src/pipeline/protect/primary.ts";
import { protect } from "../../src/pipeline/protect/protect.ts";
import { secondary, structuralSpan } from "../../src/pipeline/protect/secondary.ts";
import { Span, normalize, vectorKey, type SparseVector } from "../../src/pipeline/protect/span.ts";
import { syntheticRegion, type SyntheticSchool } from "../../src/pipeline/protect/synthetic.ts";
import type { CountSystem, PrimaryRule } from "../../src/pipeline/protect/system.ts";
import { SystemBuilder } from "./builder.ts";
import { expectSafe, K5, statusOf } from "./expectations.ts";

/**
 * The row echelon span as first written (maps, lowest columns as pivots, eliminated in
 * increasing order): the reference for `Span`, which must find the same relations.
 */
class ReferenceSpan {
  private readonly rows = new Map<number, SparseVector>();
  get rank(): number {
    return this.rows.size;
  }
  reduce(v: SparseVector): SparseVector {
    const out: SparseVector = new Map(v);
    for (;;) {
      const pivots = [...out.keys()].filter((c) => this.rows.has(c)).sort((a, b) => a - b);
      if (pivots.length === 0) break;
      const p = pivots[0]!;
      const row = this.rows.get(p)!;
      const a = row.get(p)!;
      const b = out.get(p)!;
      for (const [c, x] of out) out.set(c, x * a);
      for (const [c, y] of row) {
        const x = (out.get(c) ?? 0) - b * y;
        if (x === 0) out.delete(c);
        else out.set(c, x);
      }
    }
    return normalize(out);
  }
  add(v: SparseVector): number | undefined {
    const r = this.reduce(v);
    if (r.size === 0) return undefined;
    const p = Math.min(...r.keys());
    this.rows.set(p, r);
    return p;
  }
}

const sparse = (entries: [number, number][]): SparseVector => {
  const v: SparseVector = new Map();
  for (const [c, x] of entries) v.set(c, (v.get(c) ?? 0) + x);
  for (const [c, x] of v) if (x === 0) v.delete(c);
  return v;
};

const vectorArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: -3, max: 3 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map(sparse);

describe("exact span with a dense accumulator", () => {
  it("finds the same relations, determined and parallel vectors as the map-based elimination", () => {
    fc.assert(
      fc.property(fc.array(vectorArb, { maxLength: 30 }), fc.array(vectorArb), (rows, probes) => {
        const span = new Span();
        const reference = new ReferenceSpan();
        for (const row of rows) {
          if (row.size === 0) continue;
          expect(span.add(row) === undefined).toBe(reference.add(row) === undefined);
        }
        expect(span.rank).toBe(reference.rank);
        // Pivots differ (highest column here, lowest there), residuals with them; what they
        // tell does not: whether a vector is determined, and whether two are the same up to
        // a factor and the known relations.
        const residuals = probes.filter((v) => v.size > 0).map((v) => span.reduce(v));
        const references = probes.filter((v) => v.size > 0).map((v) => reference.reduce(v));
        residuals.forEach((r, i) => {
          expect(r.size === 0).toBe(references[i]!.size === 0);
          residuals.forEach((q, j) => {
            expect(vectorKey(r) === vectorKey(q)).toBe(
              vectorKey(references[i]!) === vectorKey(references[j]!),
            );
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("extends a clone without changing the original", () => {
    const span = new Span();
    span.add(
      sparse([
        [0, 1],
        [1, 1],
        [2, 1],
      ]),
    );
    const copy = span.clone();
    copy.add(sparse([[1, 1]]));
    copy.add(sparse([[2, 1]]));
    expect(copy.contains(sparse([[0, 1]]))).toBe(true);
    expect(span.contains(sparse([[0, 1]]))).toBe(false);
    expect(span.rank).toBe(1);
    expect(copy.rank).toBe(3);
  });
});

describe("known integer points", () => {
  it("spread equals the smallest and largest value over the truth and the newest points", () => {
    const pointArb = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 6 })), {
        maxLength: 6,
      })
      .map((entries) => new Map(entries));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 10, maxLength: 10 }),
        fc.array(pointArb, { maxLength: 25 }),
        fc.integer({ min: 1, max: 8 }),
        vectorArb.map((v) => new Map([...v].filter(([c]) => c < 10))),
        fc.integer({ min: 0, max: 9 }),
        (truth, points, max, objective, insiderCell) => {
          const kept = new Points(truth, max);
          for (const p of points) kept.add(p);
          const newest = points.slice(-max);
          const at = (v: SparseVector, p: Map<number, number>) =>
            [...v].reduce((s, [c, coef]) => s + coef * (p.get(c) ?? truth[c]!), 0);
          const insider = new Map([[insiderCell, 1]]);
          for (const filter of [undefined, insider]) {
            const values = [new Map<number, number>(), ...newest]
              .filter((p, i) => i === 0 || !filter || at(filter, p) === 1)
              .map((p) => at(objective, p));
            expect(kept.spread(objective, filter)).toEqual([
              Math.min(...values),
              Math.max(...values),
            ]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * A small attacker's problem: cells 0…n−1 with a published total, published sums of some
 * subsets and, to make fractional vertices, a band on a weighted difference of two cells.
 */
const problemArb = fc
  .record({
    truth: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 5 }),
    sums: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }), {
      maxLength: 3,
    }),
    band: fc.option(
      fc.record({
        a: fc.integer({ min: 0, max: 4 }),
        b: fc.integer({ min: 0, max: 4 }),
        wa: fc.integer({ min: 2, max: 5 }),
        wb: fc.integer({ min: 2, max: 7 }),
        slack: fc.integer({ min: 0, max: 3 }),
      }),
    ),
  })
  .map(({ truth, sums, band }) => {
    const n = truth.length;
    const constraints: Constraint[] = [];
    const equal = (cells: number[]) => {
      const unique = [...new Set(cells.filter((c) => c < n))];
      if (unique.length === 0) return;
      const value = unique.reduce((s, c) => s + truth[c]!, 0);
      constraints.push({ cells: unique, coefs: unique.map(() => 1), lo: value, hi: value });
    };
    equal([...truth.keys()]);
    for (const s of sums) equal(s);
    if (band && band.a < n && band.b < n && band.a !== band.b) {
      // wa·x_a − wb·x_b within a range around the truth, halved: fractional vertices.
      const at = (band.wa * truth[band.a]! - band.wb * truth[band.b]!) / 2;
      constraints.push({
        cells: [band.a, band.b],
        coefs: [band.wa / 2, -band.wb / 2],
        lo: at - band.slack - 0.5,
        hi: at + band.slack,
      });
    }
    return { truth, constraints };
  });

/** Every integer point of a problem (cells bounded by the published total). */
function points(problem: { truth: number[]; constraints: Constraint[] }): number[][] {
  const n = problem.truth.length;
  const total = problem.truth.reduce((a, b) => a + b, 0);
  const out: number[][] = [];
  const x = new Array<number>(n).fill(0);
  const visit = (i: number, left: number): void => {
    if (i === n - 1) {
      x[i] = left;
      const ok = problem.constraints.every((c) => {
        const activity = c.cells.reduce((s, cell, j) => s + c.coefs[j]! * x[cell]!, 0);
        return activity >= c.lo - 1e-9 && activity <= c.hi + 1e-9;
      });
      if (ok) out.push([...x]);
      return;
    }
    for (let v = 0; v <= left; v++) {
      x[i] = v;
      visit(i + 1, left - v);
    }
  };
  visit(0, total);
  return out;
}

describe("attacker's bounds", () => {
  const objectivesOf = (n: number): SparseVector[] => {
    const out: SparseVector[] = [];
    for (let a = 0; a < n; a++) {
      out.push(new Map([[a, 1]]));
      for (let b = a + 1; b < n; b++) {
        out.push(
          new Map([
            [a, 1],
            [b, 1],
          ]),
        );
        // The total minus both: the same objective up to an affine map, shared.
        out.push(
          new Map([...Array(n).keys()].filter((c) => c !== a && c !== b).map((c) => [c, 1])),
        );
      }
    }
    return out.filter((v) => v.size > 0);
  };

  it("are exact, and a shared solve gives the same bounds as separate solves", async () => {
    const h = await highs();
    await fc.assert(
      fc.asyncProperty(problemArb, async (problem) => {
        const all = points(problem);
        const n = problem.truth.length;
        const links = [[...Array(n).keys()]];
        const shared = new Attacker(h, problem.constraints, links);
        try {
          for (const objective of objectivesOf(n)) {
            const values = all.map((x) => [...objective].reduce((s, [c, k]) => s + k * x[c]!, 0));
            const exact = [Math.min(...values), Math.max(...values)];
            const separate = new Attacker(h, problem.constraints, links);
            try {
              expect(separate.range(objective)).toEqual(exact);
            } finally {
              separate.dispose();
            }
            expect(shared.range(objective)).toEqual(exact);
            const lo = shared.relaxedBound(objective, false);
            const hi = shared.relaxedBound(objective, true);
            // The LP bounds are outer bounds, exact when they say so.
            expect(lo.value).toBeLessThanOrEqual(exact[0]!);
            expect(hi.value).toBeGreaterThanOrEqual(exact[1]!);
            if (lo.exact) expect(lo.value).toBe(exact[0]);
            if (hi.exact) expect(hi.value).toBe(exact[1]);
          }
          // Given an insider's knowledge (one cell or two at their true values), shared too.
          for (const known of [[0], [1, n - 1]]) {
            const value = known.reduce((s, c) => s + problem.truth[c]!, 0);
            const extra: Constraint = {
              cells: known,
              coefs: known.map(() => 1),
              lo: value,
              hi: value,
            };
            const given = all.filter((x) => known.reduce((s, c) => s + x[c]!, 0) === value);
            for (const objective of objectivesOf(n)) {
              const values = given.map((x) =>
                [...objective].reduce((s, [c, k]) => s + k * x[c]!, 0),
              );
              expect(shared.range(objective, extra)).toEqual([
                Math.min(...values),
                Math.max(...values),
              ]);
            }
          }
        } finally {
          shared.dispose();
        }
      }),
      { numRuns: 30 },
    );
  });

  it("names the published figure that holds a bound", async () => {
    // Three hidden cells of a shown total 9; the first two also shown together as 4.
    const constraints: Constraint[] = [
      { cells: [0, 1, 2], coefs: [1, 1, 1], lo: 9, hi: 9, source: { figure: "total" } },
      { cells: [0, 1], coefs: [1, 1], lo: 4, hi: 4, source: { figure: "pair" } },
    ];
    const attacker = new Attacker(await highs(), constraints, [[0, 1, 2]]);
    try {
      // Cell 2 = 9 − 4: its bounds rest on both figures.
      const held = attacker.binding(new Map([[2, 1]]), true).map((s) => "figure" in s && s.figure);
      expect(held.sort()).toEqual(["pair", "total"]);
      // Cell 0 is at most 4 because of the pair alone.
      expect(attacker.binding(new Map([[0, 1]]), true)).toEqual([{ figure: "pair" }]);
    } finally {
      attacker.dispose();
    }
  });
});

/**
 * Secondary suppression as first written, over `ReferenceSpan` (lowest-column pivots): the
 * same decisions are expected whatever the span's pivots.
 */
function referenceSecondary(
  system: CountSystem,
  rules: ReadonlyMap<string, PrimaryRule[]>,
  forced: ReadonlySet<string>,
): Set<string> {
  const vectorOf = (cells: number[]) => sparse(cells.map((c) => [c, 1]));
  const span = new ReferenceSpan();
  for (const f of system.figures) {
    const [first, ...rest] = f.decompositions;
    for (const cells of rest) {
      const v = sparse([
        ...cells.map((c): [number, number] => [c, 1]),
        ...first!.map((c): [number, number] => [c, -1]),
      ]);
      if (v.size > 0) span.add(v);
    }
    if (figureValue(system, f) === 0 && !rules.has(f.id)) {
      for (const cells of f.decompositions) for (const c of cells) span.add(new Map([[c, 1]]));
    }
  }
  const protectedOnes = system.figures.filter((f) => rules.has(f.id) || forced.has(f.id));
  const chosen = new Set(forced);
  const values = new Map(system.figures.map((f) => [f.id, figureValue(system, f)]));
  const candidates = system.figures
    .filter((f) => !rules.has(f.id) && !forced.has(f.id) && values.get(f.id)! > 0)
    .sort((a, b) => suppressFirst(b, a, (f) => values.get(f.id)!));
  const tracked = protectedOnes.filter((f) => span.reduce(vectorOf(f.decompositions[0]!)).size > 0);
  for (const f of candidates) {
    const r = span.reduce(vectorOf(f.decompositions[0]!));
    if (r.size === 0) continue;
    const key = vectorKey(r);
    if (tracked.some((t) => vectorKey(span.reduce(vectorOf(t.decompositions[0]!))) === key)) {
      chosen.add(f.id);
      tracked.push(f);
      continue;
    }
    span.add(r);
  }
  return chosen;
}

const schoolArb: fc.Arbitrary<SyntheticSchool> = fc
  .record({
    enrolment: fc.integer({ min: 5, max: 300 }),
    share: fc.integer({ min: 0, max: 100 }),
    boys: fc.integer({ min: 0, max: 100 }),
    grades: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ enrolment, share, boys, grades }) => {
    const lb = Math.floor((enrolment * share) / 100);
    const b = Math.floor((lb * boys) / 100);
    const weight = grades.reduce((a, c) => a + c, 0) || 1;
    const byGrade = grades.map((g) => Math.floor((lb * g) / weight));
    byGrade[0]! += lb - byGrade.reduce((a, c) => a + c, 0);
    return { enrolment, bySex: [b, lb - b], byGrade };
  });

describe("secondary suppression over the faster span", () => {
  it("chooses what it chose over the map-based span, whatever is forced", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(schoolArb, { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (townships, picks) => {
          const system = syntheticRegion(townships);
          const rules = primary(system, K5);
          const structural = structuralSpan(system, rules);
          let forced = new Set<string>();
          for (let round = 0; round < 2; round++) {
            const chosen = secondary(system, rules, forced, structural);
            expect([...chosen].sort()).toEqual(
              [...referenceSecondary(system, rules, forced)].sort(),
            );
            // The next round forces what was chosen, and repair adds published figures.
            const shown = system.figures.filter((f) => !rules.has(f.id) && !chosen.has(f.id));
            forced = new Set([
              ...chosen,
              ...picks.flatMap((i) => (shown.length ? [shown[i % shown.length]!.id] : [])),
            ]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("interval repair that looks beyond the sums around a figure", () => {
  it("hides what bounds a count from below when hiding its siblings cannot help", async () => {
    // Ten schools; each one's left-behind count is both months' covered + not covered pupils,
    // and "covered over both months" is shown. School 0 has 3 left-behind, both covered both
    // months: 2·lb ≥ 6 puts lb on the edge of its interval whatever siblings in the
    // township's sums are hidden. Only hiding "covered over both months" helps.
    const b = new SystemBuilder();
    const lbs: string[] = [];
    const covered: string[] = [];
    const enrolment: string[] = [];
    for (let i = 0; i < 10; i++) {
      const lb = i === 0 ? 3 : 20 + i;
      const [c1, c2] = i === 0 ? [3, 3] : [10 + i, 8 + i];
      b.cell(`cov|${i}|1`, c1);
      b.cell(`cov|${i}|2`, c2);
      const u1 = b.innerCell(lb - c1);
      const u2 = b.innerCell(lb - c2);
      const other = b.innerCell(i === 0 ? 40 : 100);
      covered.push(b.sum(`covered|${i}`, [[`cov|${i}|1`, `cov|${i}|2`]]));
      lbs.push(
        b.sum(`lb|${i}`, [
          [`cov|${i}|1`, u1],
          [`cov|${i}|2`, u2],
        ]),
      );
      enrolment.push(b.sum(`enr|${i}`, [[`lb|${i}`, other]]));
    }
    b.sum("lb|T", [lbs], { level: 1 });
    b.sum("covered|T", [covered], { level: 1 });
    b.sum("enr|T", [enrolment], { level: 1 });
    const system = b.build();
    const result = await protect(system, K5);
    expectSafe(system, result);
    expect(statusOf(result, "covered|0").status).toBe("suppressed");
    // Not everything: most schools' counts stay shown.
    const shown = lbs.filter((id) => statusOf(result, id).status === "published");
    expect(shown.length).toBeGreaterThanOrEqual(5);
  });
});
