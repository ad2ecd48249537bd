/**
 * The disclosure audit from the published files alone (docs/published-tables.md), as anyone
 * can re-run it: no input data, no true values. It solves the attacker's problem over what a
 * `system.json` publishes and checks, without knowing which suppressed figures were primary:
 *
 * - no published count lies in 1…k−1 (kSensitive for sensitive figures), and no published part
 *   of a published group leaves a complement in 0…k−1 (P1, P2 as seen from outside);
 * - every suppressed figure's provable interval is at least k wide (A1, applied to every
 *   suppressed figure, since an outsider cannot tell primary from secondary), is not a single
 *   value (A3), and is the interval the site shows.
 *
 * A2 (the true value lies inside) and A4 (an insider who knows another suppressed cell is 1)
 * depend on the true values, which are not published: the build checks them on the input
 * (`protect()`'s audit) and refuses to publish when they fail. Checking A4 here for every
 * cell that could be 1 would fail on sound tables, since most such cells are not 1.
 */
import type { PublishedSystem } from "../publish/publishable.ts";
import { Attacker, type Constraint } from "./attacker.ts";
import { highs } from "./highs.ts";
import { ratioInterval } from "./ratios.ts";
import type { SparseVector } from "./span.ts";

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

const EPS = 1e-9;

function vector(cells: readonly number[], coef = 1, into: SparseVector = new Map()): SparseVector {
  for (const c of cells) {
    const v = (into.get(c) ?? 0) + coef;
    if (v === 0) into.delete(c);
    else into.set(c, v);
  }
  return into;
}

const constraint = (v: SparseVector, lo: number, hi: number): Constraint => ({
  cells: [...v.keys()],
  coefs: [...v.values()],
  lo,
  hi,
});

/** What an attacker knows from a published system. */
function knownConstraints(p: PublishedSystem): Constraint[] {
  const out: Constraint[] = [];
  const byId = new Map(p.figures.map((f) => [f.id, f]));
  for (const f of p.figures) {
    const [first, ...rest] = f.decompositions;
    if (!first) throw new Error(`figure without decomposition: ${f.id}`);
    if (f.status === "suppressed") {
      for (const cells of rest) out.push(constraint(vector(first, -1, vector(cells)), 0, 0));
    } else {
      const value = f.status === "zero" ? 0 : f.value!;
      for (const cells of f.decompositions) out.push(constraint(vector(cells), value, value));
    }
  }
  for (const r of p.ratios) {
    const interval = ratioInterval(
      r.status === "published"
        ? { status: "published", percent: r.percent! }
        : r.status === "band"
          ? { status: "band", atLeast: r.atLeast, atMost: r.atMost }
          : { status: "suppressed" },
      r.decimals,
    );
    const num = byId.get(r.numerator);
    const den = byId.get(r.denominator);
    if (!interval || !num || !den) continue;
    const n = num.decompositions[0]!;
    const d = den.decompositions[0]!;
    out.push(constraint(vector(d, -interval.lo, vector(n)), -EPS, Infinity));
    if (Number.isFinite(interval.hi)) {
      out.push(
        constraint(vector(d, -interval.hi, vector(n)), -Infinity, interval.hiStrict ? -EPS : EPS),
      );
    }
  }
  return out;
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
    if (f.status !== "published") continue;
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
    const ranges = new Map<string, [number, number]>();
    for (const f of suppressed) {
      const [lo, hi] = attacker.range(vector(f.decompositions[0]!));
      ranges.set(f.id, [lo, hi]);
      const k = kOf(f);
      if (hi - lo < k) fail(f, "A1", `provable interval ${lo}–${hi} narrower than ${k}`);
      if (lo === hi) fail(f, "A3", `determined exactly: ${lo}`);
      // JSON has no Infinity: an unbounded interval is written with null as its upper end.
      const shown = f.interval as [number, number | null] | undefined;
      const shownHi = shown?.[1] ?? Infinity;
      if (!shown || shown[0] !== lo || shownHi !== hi) {
        fail(f, "interval", `shown ${shown?.join("–")} but provable ${lo}–${hi}`);
      }
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
