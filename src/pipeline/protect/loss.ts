/**
 * What protection costs the users, measured (issue "protection that publishes what a bureau
 * publishes"): how many figures are hidden, why, and whether the figures officials need most
 * — every unit's enrolment and left-behind totals, each school's coverage of the normed care
 * types — stay published. `npm run bench` prints it for its counties; tests hold the sample to
 * the targets.
 */
import type { CountSystem, ProtectedSystem } from "./system.ts";

/** The care types with a norm by default: their coverage rates are what officials check. */
export const NORMED_CARE = ["建档", "结对帮扶", "谈心", "家访", "亲情电话"] as const;

/** Schools with at least this many left-behind children should show all normed coverage. */
export const COVERAGE_SCHOOL_MIN = 20;

export interface Loss {
  figures: number;
  suppressed: number;
  primary: number;
  secondary: number;
  /** Secondary suppressions per primary one. */
  secondaryPerPrimary: number;
  /** Enrolment figures suppressed (public knowledge: must be 0). */
  enrolmentSuppressed: number;
  /** Units' left-behind totals (either definition) hidden as secondary. */
  leftBehindTotalSecondary: number;
  /** Headline figures hidden as secondary. */
  headlineSecondary: number;
  /** Schools with ≥ 20 left-behind children (default definition). */
  coverageSchools: number;
  /** Of those, the schools whose five normed coverage rates are all published. */
  coverageAllPublished: number;
}

const unitOf = (id: string) => /\|u=([^|]+)/.exec(id)?.[1] ?? "";

/** Loss of one protected year; `definition` is the default definition ("moe"). */
export function lossOf(system: CountSystem, result: ProtectedSystem, definition = "moe"): Loss {
  let primary = 0;
  let secondary = 0;
  let enrolmentSuppressed = 0;
  let leftBehindTotalSecondary = 0;
  let headlineSecondary = 0;
  const value = new Map<string, number>();
  for (const f of system.figures) {
    const s = result.figures.get(f.id);
    if (!s) throw new Error(`figure without a protected status: ${f.id}`);
    if (s.status === "published") value.set(f.id, s.value);
    if (s.status !== "suppressed") continue;
    if (f.public) enrolmentSuppressed++;
    if (s.reason !== "secondary") {
      primary++;
      continue;
    }
    secondary++;
    if (f.headline) headlineSecondary++;
    if (f.table === "lb.moe" || f.table === "lb.sc") leftBehindTotalSecondary++;
  }
  // The schools' left-behind totals, from the true counts (a school whose total is hidden still
  // counts: its coverage rates are then hidden too, which is the loss measured).
  const cellSum = (cells: number[]) => cells.reduce((a, c) => a + system.cells[c]!.value, 0);
  let coverageSchools = 0;
  let coverageAllPublished = 0;
  const schools = system.figures.filter(
    (f) =>
      f.table === `lb.${definition}` &&
      f.level === 0 &&
      f.id === `lb.${definition}|u=${unitOf(f.id)}`,
  );
  for (const school of schools) {
    if (cellSum(school.decompositions[0]!) < COVERAGE_SCHOOL_MIN) continue;
    coverageSchools++;
    const u = unitOf(school.id);
    const all = NORMED_CARE.every((care) => {
      const r =
        result.ratios.get(`ratio:cov.${care}|u=${u}`) ??
        result.ratios.get(`ratio:cov.${care}|u=${u}|已覆盖`);
      return r?.status === "published";
    });
    if (all) coverageAllPublished++;
  }
  return {
    figures: system.figures.length,
    suppressed: primary + secondary,
    primary,
    secondary,
    secondaryPerPrimary: primary === 0 ? 0 : Math.round((secondary / primary) * 100) / 100,
    enrolmentSuppressed,
    leftBehindTotalSecondary,
    headlineSecondary,
    coverageSchools,
    coverageAllPublished,
  };
}
