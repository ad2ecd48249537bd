import { Attacker, type Constraint } from "./attacker.ts";
import { SmallGroups } from "./groups.ts";
import { highs } from "./highs.ts";
import { Points } from "./points.ts";
import { figureValue, threshold } from "./primary.ts";
import { ratioInterval } from "./ratios.ts";
import type { SparseVector } from "./span.ts";
import { Sums } from "./sums.ts";
import type {
  AuditFailure,
  CountSystem,
  Figure,
  PrimaryRule,
  RatioStatus,
  Thresholds,
} from "./system.ts";

/** What is to be published: the suppressed figures (all others are shown) and the ratios. */
export interface Publication {
  suppressed: ReadonlyMap<string, PrimaryRule | "secondary">;
  ratios: ReadonlyMap<string, RatioStatus>;
}

export interface AuditResult {
  passed: boolean;
  failures: AuditFailure[];
  /** For every suppressed figure, the bounds an attacker can prove from what is published. */
  intervals: Map<string, [number, number]>;
  /** For every failure, the attacker's bounds that make it fail (see `Attacker.binding`). */
  heldBy: Map<AuditFailure, Bound[]>;
}

/** One bound of the attacker's problem: `objective` maximized or minimized, given `extra`. */
export interface Bound {
  objective: SparseVector;
  maximize: boolean;
  extra?: Constraint;
}

/** Slack for the strict and non-strict sides of a ratio interval (values are whole numbers). */
const EPS = 1e-9;

function vectorOf(cells: number[], coef = 1, into: SparseVector = new Map()): SparseVector {
  for (const c of cells) {
    const v = (into.get(c) ?? 0) + coef;
    if (v === 0) into.delete(c);
    else into.set(c, v);
  }
  return into;
}

function constraintOf(v: SparseVector, lo: number, hi: number): Constraint {
  return { cells: [...v.keys()], coefs: [...v.values()], lo, hi };
}

/**
 * The constraints an attacker knows: every published figure and ratio, every identity.
 * `valueOf` gives a shown figure's value (the public audit reads it from the published files).
 */
export function publishedConstraints(
  system: Pick<CountSystem, "figures" | "ratios">,
  publication: Publication,
  valueOf: (f: Figure) => number,
): Constraint[] {
  const out: Constraint[] = [];
  const byId = new Map(system.figures.map((f) => [f.id, f]));
  for (const f of system.figures) {
    const [first, ...rest] = f.decompositions;
    if (!first) throw new Error(`figure without decomposition: ${f.id}`);
    if (publication.suppressed.has(f.id)) {
      // The tables show that all decompositions of a figure are equal, even when it is hidden.
      for (const cells of rest) {
        out.push(constraintOf(vectorOf(first, -1, vectorOf(cells)), 0, 0));
      }
    } else {
      const value = valueOf(f);
      for (const cells of f.decompositions) {
        out.push({ ...constraintOf(vectorOf(cells), value, value), source: { figure: f.id } });
      }
    }
  }
  for (const ratio of system.ratios) {
    const status = publication.ratios.get(ratio.id);
    if (!status) continue;
    const num = byId.get(ratio.numerator);
    const den = byId.get(ratio.denominator);
    if (!num || !den) throw new Error(`unknown figure in ratio ${ratio.id}`);
    // With both counts published the ratio is implied by them.
    if (!publication.suppressed.has(num.id) && !publication.suppressed.has(den.id)) continue;
    const interval = ratioInterval(status, ratio.decimals);
    if (!interval) continue;
    const source = { ratio: ratio.id };
    const n = num.decompositions[0]!;
    const d = den.decompositions[0]!;
    if (!publication.suppressed.has(den.id)) {
      // The denominator is published: over whole numbers the band is a range of numerators,
      // lo·d ≤ n ≤ hi·d with both ends rounded inwards. The same integer points as the ratio
      // rows below, but with whole-number bounds, so the LP optimum is far more often integral.
      const value = valueOf(den);
      const lo = Math.max(0, Math.ceil(interval.lo * value - EPS));
      const hi = Number.isFinite(interval.hi)
        ? Math.floor(interval.hi * value + (interval.hiStrict ? -EPS : EPS))
        : Infinity;
      out.push({ ...constraintOf(vectorOf(n), lo, hi), source });
      continue;
    }
    out.push({ ...constraintOf(vectorOf(d, -interval.lo, vectorOf(n)), -EPS, Infinity), source });
    if (Number.isFinite(interval.hi)) {
      const slack = interval.hiStrict ? -EPS : EPS;
      out.push({
        ...constraintOf(vectorOf(d, -interval.hi, vectorOf(n)), -Infinity, slack),
        source,
      });
    }
  }
  return out;
}

/**
 * What public knowledge alone tells (statistics-and-disclosure.md §3): the enrolment figures
 * and the identities between decompositions, as if everything else were suppressed.
 */
export function publicConstraints(
  system: Pick<CountSystem, "figures">,
  valueOf: (f: Figure) => number,
): Constraint[] {
  const hidden = new Map<string, "secondary">();
  for (const f of system.figures) if (!f.public) hidden.set(f.id, "secondary");
  return publishedConstraints(
    { figures: system.figures, ratios: [] },
    { suppressed: hidden, ratios: new Map() },
    valueOf,
  );
}

interface Check {
  figure: Figure;
  objective: SparseVector;
  value: number;
  k: number;
  rules: PrimaryRule[];
  /** parent − figure, for a P2 figure. */
  complement?: SparseVector;
}

/**
 * What one protect() run learns across its rounds of repair. Each round only hides more (or
 * shows a ratio less precisely), so the attacker's feasible set only grows: an integer point
 * feasible once stays feasible, and a check passed once stays passed.
 */
export interface AuditMemo {
  /** Integer points feasible for the attacker (the newest `MAX_POINTS`). */
  points: Points;
  /** Checks already passed: `figure` or `figure|insider`. */
  passed: Set<string>;
  /**
   * What public knowledge alone allows, which no publication changes: per check (`figure`
   * or `figure|insider`, with `|own` or `|complement`), the range when it is narrower than k
   * (null when not), and integer points feasible under public knowledge alone.
   */
  publicKnowledge: {
    ranges: Map<string, [number, number] | null>;
    points: Points;
    /** The solver over public knowledge, built when first needed; `disposeMemo` frees it. */
    attacker?: Attacker;
  };
}

/** Frees what a memo holds outside the JavaScript heap (the public-knowledge solver). */
export function disposeMemo(memo: AuditMemo): void {
  memo.publicKnowledge.attacker?.dispose();
  delete memo.publicKnowledge.attacker;
}

/** A fresh memo for audits of `system`. */
export function auditMemo(system: CountSystem): AuditMemo {
  return {
    points: new Points(
      system.cells.map((c) => c.value),
      MAX_POINTS,
    ),
    passed: new Set(),
    publicKnowledge: {
      ranges: new Map(),
      points: new Points(
        system.cells.map((c) => c.value),
        MAX_POINTS,
      ),
    },
  };
}

export interface AuditOptions {
  /** Carried from round to round by protect(). */
  memo?: AuditMemo;
  /**
   * Whether to compute every suppressed figure's exact interval (two solves per figure).
   * Without, a check passes as soon as known feasible points prove it, which is much cheaper.
   */
  intervals?: boolean;
}

/** At most this many points are kept to prove checks with. */
const MAX_POINTS = 400;
/** Sums of more parts than this are not tried for a figure's cheap upper bound. */
const CEILING_PARTS = 64;

/**
 * The attacker's problem over everything published (statistics-and-disclosure.md §3): for
 * every suppressed figure, the exact integer bounds, then the checks
 * - A1: max − min ≥ k (kSensitive for sensitive figures) for every primary figure, and for
 *   every secondary whose published interval reaches below k (an outsider cannot tell it
 *   from a small count: the public audit holds it to A1);
 * - A2: a P1 figure's value lies strictly inside; for a P2 figure the complement
 *   (parent − figure) can reach k;
 * - A3: no suppressed figure is determined exactly;
 * - A4: A1–A3 still hold for every suppressed figure when an insider knows another suppressed
 *   figure of value 1 that is a term of one of the same smallest sums (its row or column; see
 *   `Sums.siblings`). An insider inside a P2 figure's complement already knows it is small:
 *   for them the P2 figure's own interval must hold, not the complement's reach. A figure
 *   inside the insider's own figure of 1 is about the insider alone and is not checked.
 *
 * A check passes when integer points that satisfy everything published show the required
 * spread: the true values are one such point, each solve adds another. Only what the points
 * cannot prove is solved for, and a failure is only reported from exact bounds.
 */
export async function audit(
  system: CountSystem,
  t: Thresholds,
  primaryRules: ReadonlyMap<string, PrimaryRule[]>,
  publication: Publication,
  sums: Sums = new Sums(system),
  options: AuditOptions = {},
): Promise<AuditResult> {
  const computeIntervals = options.intervals ?? true;
  const memo: AuditMemo = options.memo ?? auditMemo(system);
  const truth = system.cells.map((c) => c.value);
  const byId = new Map(system.figures.map((f) => [f.id, f]));
  const suppressed = system.figures.filter((f) => publication.suppressed.has(f.id));
  const links: number[][] = [];
  const checks: Check[] = suppressed.map((figure) => {
    const rules = primaryRules.get(figure.id) ?? [];
    const parent = figure.parent === undefined ? undefined : byId.get(figure.parent);
    const cells = figure.decompositions[0]!;
    links.push(cells);
    const p2 = rules.includes("P2") && parent !== undefined;
    // The parent's decomposition that holds the figure: the complement is the rest of it.
    const whole = p2
      ? (parent.decompositions.find((d) => cells.every((c) => d.includes(c))) ??
        parent.decompositions[0]!)
      : [];
    if (p2) links.push([...cells, ...whole]);
    return {
      figure,
      objective: vectorOf(cells),
      value: figureValue(system, figure),
      k: threshold(figure, t),
      rules,
      complement: p2 ? vectorOf(cells, -1, vectorOf(whole)) : undefined,
    };
  });
  const h = await highs();
  const attacker = new Attacker(
    h,
    publishedConstraints(system, publication, (f) => figureValue(system, f)),
    links,
  );
  // What public knowledge alone (enrolment and the identities) allows; the solver is built
  // when first needed. Public knowledge does not change from round to round: the ranges found
  // and the points that prove a range wide are kept in the memo.
  let publicAttacker: Attacker | undefined;
  const publicMemo = memo.publicKnowledge;
  /**
   * Whether `v` (the check `key`) spans less than `k` under public knowledge (and what an
   * insider knows), and then its range; undefined when it spans k or more.
   */
  const smallPublicRange = (
    key: string,
    v: SparseVector,
    k: number,
    extra?: { constraint: Constraint; v: SparseVector },
  ): [number, number] | undefined => {
    let range = publicMemo.ranges.get(key);
    if (range === undefined) {
      const [lo, hi] = publicMemo.points.spread(v, extra?.v);
      if (hi - lo >= k) {
        range = null;
      } else {
        // One solver for the whole protection run; an insider's fact that joins parts of it
        // (rare: only groups smaller than k get here) is solved in one built for this audit.
        const shared = (publicMemo.attacker ??= new Attacker(
          h,
          publicConstraints(system, (f) => figureValue(system, f)),
          // Every cell known to the solver, each in the component its constraints give it.
          system.cells.map((_, i) => [i]),
        ));
        let min: ReturnType<Attacker["relaxedBound"]>;
        let max: ReturnType<Attacker["relaxedBound"]>;
        try {
          min = shared.relaxedBound(v, false, extra?.constraint, truth);
          max = shared.relaxedBound(v, true, extra?.constraint, truth);
        } catch (e) {
          if (!(e instanceof Error) || !e.message.includes("spans components")) throw e;
          publicAttacker ??= new Attacker(
            h,
            publicConstraints(system, (f) => figureValue(system, f)),
            links,
          );
          min = publicAttacker.relaxedBound(v, false, extra?.constraint, truth);
          max = publicAttacker.relaxedBound(v, true, extra?.constraint, truth);
        }
        for (const r of [min, max])
          if (r.exact && r.point && !extra) publicMemo.points.add(r.point);
        range = max.value - min.value < k ? [min.value, max.value] : null;
      }
      publicMemo.ranges.set(key, range);
    }
    return range ?? undefined;
  };
  const spread = (v: SparseVector, insider?: SparseVector): [number, number] =>
    memo.points.spread(v, insider);
  // Published groups of fewer than k pupils (see `SmallGroups`).
  const groups = new SmallGroups(
    system.figures
      .filter((f) => !publication.suppressed.has(f.id))
      .map((f) => ({ value: figureValue(system, f), decompositions: f.decompositions })),
    Math.max(t.k, t.kSensitive),
  );
  try {
    const failures: AuditFailure[] = [];
    const heldBy = new Map<AuditFailure, Bound[]>();
    const intervals = new Map<string, [number, number]>();
    const keep = (point: Map<number, number> | undefined): void => {
      if (point && point.size > 0) memo.points.add(point);
    };
    const solve = (v: SparseVector, maximize: boolean, extra?: Constraint): number => {
      const { value, point } = attacker.bound(v, maximize, extra, truth);
      keep(point);
      return value;
    };
    const relax = (v: SparseVector, maximize: boolean, extra?: Constraint) => {
      const result = attacker.relaxedBound(v, maximize, extra, truth);
      keep(result.point);
      return result;
    };
    const ceilings = new Map<string, number>();
    const values = new Map<string, number>();
    const valueOfId = (id: string): number => {
      let v = values.get(id);
      if (v === undefined) values.set(id, (v = figureValue(system, byId.get(id)!)));
      return v;
    };
    /**
     * A cheap upper bound on a figure: a published sum around it, less published parts of that
     * sum that are disjoint from it and from each other (all cells are non-negative). Only
     * sums of a few parts are tried (those of a unit's own tables, not a region's total over
     * every school's figures): the bound only spares an LP solve when it is attained.
     */
    const ceiling = (figure: Figure): number => {
      let best = ceilings.get(figure.id);
      if (best !== undefined) return best;
      best = Infinity;
      for (const { sum, cells } of sums.around(figure.id)) {
        if (publication.suppressed.has(sum.figure) || sum.parts.length > CEILING_PARTS) continue;
        const used = new Set(cells);
        let bound = valueOfId(sum.figure);
        for (const part of sum.parts) {
          if (publication.suppressed.has(part.figure)) continue;
          if (part.cells.some((c) => used.has(c))) continue;
          for (const c of part.cells) used.add(c);
          bound -= valueOfId(part.figure);
        }
        if (bound < best) best = bound;
      }
      ceilings.set(figure.id, best);
      return best;
    };
    /**
     * A suppressed group whose own shown interval is narrower than `k` (a 7-pupil school's
     * hidden left-behind count, shown 0–6, against the sensitive groups' k = 10): a part of it
     * shown as all of 0…6 tells nothing the group's interval does not. The group's bound is its
     * LP bound rounded inwards (what is shown), with what an insider knows.
     */
    const hiddenGroups = new Map<string, [number, number] | null>();
    const hiddenGroup = (
      key: string,
      figure: Figure,
      v: SparseVector,
      k: number,
      extra?: { id: string; constraint: Constraint; v: SparseVector },
    ): [number, number] | undefined => {
      const parent = figure.parent === undefined ? undefined : byId.get(figure.parent);
      if (!parent || parent.public || !publication.suppressed.has(parent.id)) return undefined;
      let range = hiddenGroups.get(key);
      if (range === undefined) {
        range = null;
        const group = parent.decompositions
          .map((d) => new Set(d))
          .find((d) => [...v.keys()].every((c) => d.has(c)));
        // An insider inside `v` makes its least 1; one beside it inside the group leaves it one
        // less than the group's most; one across the group's edge is not used.
        const cells = extra ? [...extra.v.keys()] : [];
        const inside = cells.length > 0 && cells.every((c) => v.has(c));
        const beside = cells.length > 0 && cells.every((c) => group?.has(c) && !v.has(c));
        const apart = cells.every((c) => !group?.has(c));
        if (group && [...v.values()].every((x) => x === 1) && (inside || beside || apart)) {
          const hi = attacker.relaxedBound(
            vectorOf(parent.decompositions[0]!),
            true,
            extra?.constraint,
            truth,
          ).value;
          if (hi < k) range = [inside ? 1 : 0, beside ? hi - 1 : hi];
        }
        hiddenGroups.set(key, range);
      }
      return range ?? undefined;
    };
    const run = (check: Check, extra?: { id: string; constraint: Constraint; v: SparseVector }) => {
      const { figure, value, k, rules, objective } = check;
      // An insider who is part of a P2 figure's complement ("I am one of the two who are not")
      // knows the complement is small; what must still hold for them is the figure's own
      // interval (A1, A3), not the complement's reach.
      const complement =
        extra && check.complement && [...extra.v.keys()].some((c) => check.complement!.has(c))
          ? undefined
          : check.complement;
      const key = extra ? `${figure.id}|${extra.id}` : figure.id;
      const wantInterval = computeIntervals && !extra;
      if (memo.passed.has(key) && !wantInterval) return;
      let outerLo = -Infinity;
      let outerHi = Infinity;
      let outerMost = Infinity;
      // A1 for a primary; for a secondary only when its shown (LP) interval reaches below k,
      // where an outsider could take it for a small count (the public audit's rule).
      // A group smaller than k (a grade of 3 pupils) cannot give an interval k wide: there, the
      // interval must be everything public knowledge alone allows (0…3), which tells nothing.
      // For an insider, what public knowledge and their own figure of 1 allow.
      // The same for a published group of fewer than k (a school's 8 left-behind children for
      // a sensitive group): an interval of all 0…8 tells nothing the published 8 does not.
      const spansPublic = (lo: number, hi: number): boolean => {
        const group =
          groups.range(objective, k, extra?.v) ??
          hiddenGroup(`${key}|own`, figure, objective, k, extra);
        if (group && lo <= group[0] && hi >= group[1]) return true;
        const range = smallPublicRange(`${key}|own`, objective, k, extra);
        return range !== undefined && lo <= range[0] && hi >= range[1];
      };
      const reachesPublic = (most: number): boolean => {
        if (complement === undefined) return false;
        const group =
          groups.range(complement, k, extra?.v) ??
          hiddenGroup(`${key}|complement`, figure, complement, k, extra);
        if (group && most >= group[1]) return true;
        const range = smallPublicRange(`${key}|complement`, complement, k, extra);
        return range !== undefined && most >= range[1];
      };
      const passes = (lo: number, hi: number, most: number): boolean =>
        (lo < hi || spansPublic(lo, hi)) &&
        (hi - lo >= k || (rules.length === 0 && outerLo >= k) || spansPublic(lo, hi)) &&
        (!rules.includes("P1") || (lo < value && value < hi) || spansPublic(lo, hi)) &&
        (complement === undefined || most >= k || reachesPublic(most));
      // Inner bounds, attained by known integer points, prove a pass; outer bounds (the LP
      // relaxation, rounded inwards) prove a failure. Every check passes or fails monotonically
      // in its interval, so exact MIP solves are needed only where the two disagree.
      let [lo, hi] = spread(objective, extra?.v);
      let most = complement ? spread(complement, extra?.v)[1] : Infinity;
      const proven = (): boolean => {
        if (wantInterval || !passes(lo, hi, most)) return false;
        memo.passed.add(key);
        return true;
      };
      if (proven()) return;
      // Outer bounds: the published interval of a suppressed figure is its LP bounds rounded
      // inwards — every value the figure can take lies inside, the public audit recomputes
      // them from the published files alone, and they need no integer programming.
      if (hi === ceiling(figure)) {
        outerHi = hi;
      } else {
        const r1 = relax(objective, true, extra?.constraint);
        outerHi = r1.value;
        if (r1.exact) hi = r1.value;
      }
      if (proven()) return;
      if (lo === 0) {
        // A figure is a sum of non-negative cells: a known point where it is 0 is the minimum.
        outerLo = 0;
      } else {
        const r2 = relax(objective, false, extra?.constraint);
        outerLo = r2.value;
        if (r2.exact) lo = r2.value;
      }
      if (wantInterval) intervals.set(figure.id, [outerLo, outerHi]);
      if (complement && most < k) {
        const r3 = relax(complement, true, extra?.constraint);
        outerMost = r3.value;
        if (r3.exact) most = r3.value;
      }
      if (passes(lo, hi, most)) {
        memo.passed.add(key);
        return;
      }
      if (passes(outerLo, outerHi, outerMost)) {
        // Exact bounds where the relaxation left a gap: first the maximum, then the rest.
        if (hi !== outerHi) hi = outerHi = solve(objective, true, extra?.constraint);
        if (proven()) return;
        if (lo !== outerLo) lo = outerLo = solve(objective, false, extra?.constraint);
        if (complement && most < k && most !== outerMost) {
          most = outerMost = solve(complement, true, extra?.constraint);
        }
        if (passes(lo, hi, most)) {
          memo.passed.add(key);
          return;
        }
      }
      // Fails: the outer bounds are exact here or already fail on their own.
      lo = outerLo;
      hi = outerHi;
      most = outerMost;
      const insider = extra ? ` when ${extra.id} = 1 is known` : "";
      const max: Bound = { objective, maximize: true, extra: extra?.constraint };
      const min: Bound = { objective, maximize: false, extra: extra?.constraint };
      const fail = (
        c: AuditFailure["check"],
        detail: string,
        held: Bound[],
        need: number,
      ): void => {
        const failure = { figure: figure.id, check: c, detail: detail + insider, need };
        failures.push(failure);
        heldBy.set(failure, held);
      };
      if (!(lo < hi) && !spansPublic(lo, hi)) {
        fail("A3", `determined exactly: ${lo}`, [max, min], k);
      }
      if (hi - lo < k && (rules.length > 0 || outerLo < k) && !spansPublic(lo, hi)) {
        fail("A1", `interval [${lo}, ${hi}] narrower than ${k}`, [max, min], k - (hi - lo));
      }
      if (rules.includes("P1") && !(lo < value && value < hi) && !spansPublic(lo, hi)) {
        const edges = [...(value >= hi ? [max] : []), ...(value <= lo ? [min] : [])];
        fail("A2", `value on the edge of [${lo}, ${hi}]`, edges, 1);
      }
      if (complement && most < k && !reachesPublic(most)) {
        fail(
          "A2",
          `complement at most ${most}, below ${k}`,
          [{ objective: complement, maximize: true, extra: extra?.constraint }],
          k - most,
        );
      }
    };
    for (const check of checks) run(check);
    const checkOf = new Map(checks.map((c) => [c.figure.id, c]));
    const inside = (check: Check, outer: Figure): boolean =>
      outer.decompositions.some((d) => {
        const set = new Set(d);
        return [...check.objective.keys()].every((c) => set.has(c));
      });
    for (const insider of checks) {
      if (insider.value !== 1) continue;
      const constraint = constraintOf(insider.objective, 1, 1);
      for (const id of sums.siblings(insider.figure.id)) {
        const check = checkOf.get(id);
        // A figure inside the insider's own (a split of "the one child" the insider is) is
        // about the insider alone: there is nobody else in it to single out.
        if (!check || inside(check, insider.figure)) continue;
        // What an insider must not learn is a small count: a primary, or a secondary below k.
        // That the other 50 of a school's left-behind children walk to school, learnt by the
        // one who boards, singles out nobody.
        if (check.rules.length === 0 && check.value >= check.k) continue;
        run(check, { id: insider.figure.id, constraint, v: insider.objective });
      }
    }
    return { passed: failures.length === 0, failures, intervals, heldBy };
  } finally {
    attacker.dispose();
    publicAttacker?.dispose();
    if (!options.memo) disposeMemo(memo);
  }
}
