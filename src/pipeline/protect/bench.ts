import { protect } from "./protect.ts";
import { syntheticRegion, type SyntheticSchool } from "./synthetic.ts";
import type { CountSystem } from "./system.ts";

/** A small deterministic PRNG (mulberry32), so the benchmark region is the same every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into `parts` random non-negative whole numbers. */
function split(total: number, parts: number, rnd: () => number): number[] {
  const out = new Array<number>(parts).fill(0);
  for (let i = 0; i < total; i++) out[Math.floor(rnd() * parts)]! += 1;
  return out;
}

/** A synthetic school: mostly village schools of tens to hundreds of pupils, a few large. */
function school(rnd: () => number): SyntheticSchool {
  const r = rnd();
  const enrolment =
    r < 0.05
      ? 1 + Math.floor(rnd() * 9)
      : r < 0.85
        ? 10 + Math.floor(rnd() * 300)
        : 300 + Math.floor(rnd() * 1200);
  const lb = Math.floor(enrolment * rnd() * 0.7);
  const boys = Math.floor(lb * (0.4 + rnd() * 0.2));
  return { enrolment, bySex: [boys, lb - boys], byGrade: split(lb, 6, rnd) };
}

/** The benchmark's synthetic region: `schools` schools in 10 townships, always the same. */
export function benchRegion(schools: number): CountSystem {
  const rnd = random(20240901);
  const townships: SyntheticSchool[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < schools; i++) townships[i % 10]!.push(school(rnd));
  return syntheticRegion(
    townships.filter((t) => t.length > 0),
    `bench ${schools}`,
  );
}

/**
 * Protects a synthetic region of `schools` schools in 10 townships (tables by sex and by grade,
 * a ratio per unit) and reports the wall-clock time.
 */
export async function benchProtect(
  schools: number,
): Promise<{ seconds: number; figures: number; suppressed: number }> {
  const system = benchRegion(schools);
  const start = performance.now();
  const result = await protect(system, { k: 5, kSensitive: 10 });
  const seconds = (performance.now() - start) / 1000;
  if (!result.audit.passed) {
    throw new Error(`benchmark region failed its audit: ${result.audit.failures[0]?.detail}`);
  }
  const suppressed = [...result.figures.values()].filter((s) => s.status === "suppressed").length;
  return { seconds, figures: system.figures.length, suppressed };
}
