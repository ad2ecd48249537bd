/**
 * The disclosure audit from the published files alone (docs/published-tables.md), as anyone
 * can re-run it: no input data, no true values. It solves the attacker's problem over what a
 * `system.json` publishes and checks, without knowing which suppressed figures were primary:
 *
 * - no published count lies in 1…k−1 (kSensitive for sensitive figures), and no published part
 *   of a published group leaves a complement in 0…k−1 (P1, P2 as seen from outside);
 * - every suppressed figure that could be a small count — its shown interval reaches below
 *   k — has a provable interval at least k wide (A1: an outsider cannot tell primary from
 *   secondary, so it holds every such figure to the primary's rule; the build does the same);
 *   no suppressed figure is determined (A3); and the interval shown is the provable one (the
 *   LP bounds, rounded inwards, which the build computes the same way).
 *
 * A P2 figure (a large part of its group) is held to A1 by the build, which knows it is
 * primary; from outside only the published side of P2 can be checked.
 *
 * A2 (the true value lies inside) and A4 (an insider who knows another suppressed cell is 1)
 * depend on the true values, which are not published: the build checks them on the input
 * (`protect()`'s audit) and refuses to publish when they fail. Checking A4 here for every
 * cell that could be 1 would fail on sound tables, since most such cells are not 1.
 */
import type { PublishedSystem } from "../publish/publishable.ts";
import { Attacker, type Constraint } from "./attacker.ts";
import { publicConstraints, publishedConstraints } from "./audit.ts";
import { SmallGroups } from "./groups.ts";
import { highs } from "./highs.ts";
import type { SparseVector } from "./span.ts";
import type { Figure, RatioStatus } from "./system.ts";

export interface PublicFailure {
  figure: string;
  table: string;
  check: "P1" | "P2" | "A1" | "A3" | "interval";
  detail: string;
}

export interface PublicAuditResult {
  year: string;
  figures: number;
  suppressed: number;
  /** Per table family: figures checked and failures. */
  tables: Map<string, { figures: number; suppressed: number; failures: number }>;
  failures: PublicFailure[];
}

/** At most this many points are kept per component. */
const MAX_POINTS = 400;

function vector(cells: readonly number[]): SparseVector {
  const v: SparseVector = new Map();
  for (const c of cells) v.set(c, (v.get(c) ?? 0) + 1);
  return v;
}

/**
 * What an attacker knows from a published system: the same constraints as the build's audit
 * (`publishedConstraints`), built from the published statuses and values.
 */
function knownConstraints(p: PublishedSystem): Constraint[] {
  const suppressed = new Map<string, "secondary">();
  for (const f of p.figures) if (f.status === "suppressed") suppressed.set(f.id, "secondary");
  const ratios = new Map<string, RatioStatus>();
  for (const r of p.ratios) {
    ratios.set(
      r.id,
      r.status === "published"
        ? { status: "published", percent: r.percent! }
        : r.status === "band"
          ? {
              status: "band",
              ...(r.atLeast !== undefined ? { atLeast: r.atLeast } : {}),
              ...(r.atMost !== undefined ? { atMost: r.atMost } : {}),
            }
          : { status: "suppressed" },
    );
  }
  return publishedConstraints(
    { figures: figuresOf(p), ratios: p.ratios },
    { suppressed, ratios },
    (f) => shownValue(p, f.id),
  );
}

function figuresOf(p: PublishedSystem): Figure[] {
  return p.figures.map((f) => ({
    id: f.id,
    table: f.table,
    decompositions: f.decompositions,
    level: 0,
    ...(f.public ? { public: true } : {}),
  }));
}

const shownValues = new WeakMap<PublishedSystem, Map<string, number>>();
function shownValue(p: PublishedSystem, id: string): number {
  let shown = shownValues.get(p);
  if (!shown) {
    shown = new Map(p.figures.map((f) => [f.id, f.status === "zero" ? 0 : (f.value ?? 0)]));
    shownValues.set(p, shown);
  }
  return shown.get(id)!;
}

/** Runs the public audit on one year's published system. */
export async function publicAudit(p: PublishedSystem): Promise<PublicAuditResult> {
  const failures: PublicFailure[] = [];
  const tables = new Map<string, { figures: number; suppressed: number; failures: number }>();
  const byId = new Map(p.figures.map((f) => [f.id, f]));
  const fail = (
    f: PublishedSystem["figures"][number],
    check: PublicFailure["check"],
    detail: string,
  ) => {
    failures.push({ figure: f.id, table: f.table, check, detail });
    tables.get(f.table)!.failures++;
  };
  const kOf = (f: { sensitive?: boolean }) => (f.sensitive ? p.kSensitive : p.k);

  for (const f of p.figures) {
    const entry = tables.get(f.table) ?? { figures: 0, suppressed: 0, failures: 0 };
    entry.figures++;
    if (f.status === "suppressed") entry.suppressed++;
    tables.set(f.table, entry);
  }
  for (const f of p.figures) {
    if (f.status === "suppressed" && f.public) {
      fail(f, "P1", "public knowledge (enrolment) must not be suppressed");
    }
    // Enrolment is public knowledge: a small published enrolment count discloses nothing.
    if (f.status !== "published" || f.public) continue;
    const k = kOf(f);
    if (f.value! >= 1 && f.value! < k) fail(f, "P1", `published ${f.value} < ${k}`);
    const parent = f.parent ? byId.get(f.parent) : undefined;
    if (parent && parent.status !== "suppressed") {
      const rest = (parent.status === "zero" ? 0 : parent.value!) - f.value!;
      if (rest >= 0 && rest < k) fail(f, "P2", `published with its group, leaving ${rest} < ${k}`);
    }
  }

  const suppressed = p.figures.filter((f) => f.status === "suppressed");
  if (suppressed.length > 0) {
    const h = await highs();
    const attacker = new Attacker(
      h,
      knownConstraints(p),
      suppressed.map((f) => f.decompositions[0]!),
    );
    // Integer points feasible for the attacker, per component: each is a whole solution of its
    // component (cells absent are 0). Two points that differ by k in a figure prove A1 for it
    // without integer programming, as in the build's audit.
    const zeros = new Array<number>(p.cells).fill(0);
    const points = new Map<number, Map<number, number>[]>();
    const spread = (comp: number, objective: SparseVector): number => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const point of points.get(comp) ?? []) {
        let x = 0;
        for (const [c, coef] of objective) x += coef * (point.get(c) ?? 0);
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      return hi - lo;
    };
    const reaches0 = (comp: number, objective: SparseVector): boolean =>
      (points.get(comp) ?? []).some((point) => [...objective.keys()].every((c) => !point.get(c)));
    // What public knowledge alone (the enrolment figures and the identities) allows: a group
    // smaller than k passes A1 when its interval is all of that (0…n for n pupils).
    let publicAttacker: Attacker | undefined;
    // A published group of fewer than k pupils (a school's 8 left-behind children for a
    // sensitive group) bounds its parts the same way.
    const groups = new SmallGroups(
      p.figures
        .filter((f) => f.status !== "suppressed")
        .map((f) => ({ value: shownValue(p, f.id), decompositions: f.decompositions })),
      Math.max(p.k, p.kSensitive),
    );
    const spansPublic = (
      f: PublishedSystem["figures"][number],
      objective: SparseVector,
      lo: number,
      hi: number,
      k: number,
    ): boolean => {
      const group = groups.range(objective, k);
      if (group && lo <= group[0] && hi >= group[1]) return true;
      // A part of a hidden group whose shown interval is narrower than k, shown as all of it.
      const parent = f.parent === undefined ? undefined : byId.get(f.parent);
      const parentHi = parent?.status === "suppressed" ? parent.interval?.[1] : undefined;
      if (typeof parentHi === "number" && parentHi < k && lo <= 0 && hi >= parentHi) return true;
      publicAttacker ??= new Attacker(
        h,
        publicConstraints({ figures: figuresOf(p) }, (f) => shownValue(p, f.id)),
        suppressed.map((f) => f.decompositions[0]!),
      );
      const pubLo = publicAttacker.relaxedBound(objective, false).value;
      const pubHi = publicAttacker.relaxedBound(objective, true).value;
      return pubHi - pubLo < k && lo <= pubLo && hi >= pubHi;
    };
    try {
      for (const f of suppressed) {
        const k = kOf(f);
        const objective = vector(f.decompositions[0]!);
        let comp: number | undefined;
        for (const c of objective.keys()) comp ??= attacker.componentIndex(c);
        const keep = (point: Map<number, number> | undefined) => {
          if (point && comp !== undefined) {
            const list = points.get(comp) ?? [];
            list.push(point);
            if (list.length > MAX_POINTS) list.shift();
            points.set(comp, list);
          }
        };
        // The shown interval is the LP bounds rounded inwards (as the build computes them);
        // where the LP optimum is not integral, known points or exact integer bounds decide.
        const max = attacker.relaxedBound(objective, true, undefined, zeros);
        // A point is a whole solution only where the LP optimum was integral.
        if (max.exact) keep(max.point);
        // A known point where a figure of free cells is 0 is its minimum (cells are ≥ 0).
        const free = [...objective.keys()].every((c) => attacker.componentIndex(c) === comp);
        const min =
          free && comp !== undefined && reaches0(comp, objective)
            ? { value: 0, exact: true }
            : attacker.relaxedBound(objective, false, undefined, zeros);
        if ("point" in min && min.exact) keep(min.point);
        const shown = f.interval as [number, number | null] | undefined;
        const shownHi = shown?.[1] ?? Infinity;
        if (!shown || shown[0] !== min.value || shownHi !== max.value) {
          fail(f, "interval", `shown ${shown?.join("–")} but provable ${min.value}–${max.value}`);
        }
        let [lo, hi] = [min.value, max.value];
        const exact = max.exact && min.exact;
        if (
          hi - lo >= k &&
          min.value < k &&
          !exact &&
          (comp === undefined || spread(comp, objective) < k)
        ) {
          if (!max.exact) {
            const r = attacker.bound(objective, true, undefined, zeros);
            keep(r.point);
            hi = r.value;
          }
          if (!min.exact && hi - lo >= k) {
            const r = attacker.bound(objective, false, undefined, zeros);
            keep(r.point);
            lo = r.value;
          }
        }
        if (hi - lo < k && min.value < k && !spansPublic(f, objective, lo, hi, k)) {
          fail(f, "A1", `provable interval ${lo}–${hi} narrower than ${k}`);
        }
        if (lo === hi && !spansPublic(f, objective, lo, hi, k)) {
          fail(f, "A3", `determined exactly: ${lo}`);
        }
      }
    } finally {
      attacker.dispose();
      publicAttacker?.dispose();
    }
  }
  return {
    year: p.year,
    figures: p.figures.length,
    suppressed: suppressed.length,
    tables,
    failures,
  };
}
