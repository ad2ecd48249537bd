import { Attacker } from "./attacker.ts";
import {
  audit,
  auditMemo,
  disposeMemo,
  publishedConstraints,
  type AuditMemo,
  type AuditResult,
} from "./audit.ts";
import { highs } from "./highs.ts";
import { figureValue, primary } from "./primary.ts";
import { ratios } from "./ratios.ts";
import { repair } from "./repair.ts";
import { secondary, structuralSpan, unprotectable } from "./secondary.ts";
import { Sums, type Sum } from "./sums.ts";
import type {
  AuditFailure,
  CountSystem,
  Figure,
  FigureStatus,
  PrimaryRule,
  ProtectedSystem,
  Ratio,
  RatioStatus,
  Thresholds,
} from "./system.ts";

/**
 * A check that has failed this many rounds in a row is answered from what holds its failing
 * bound (`repair`'s `heldBy`) before the figures around it: the search around a figure can
 * keep hiding sibling after sibling in a large sum while the bound comes from elsewhere (a
 * school's left-behind count bounded below by its children with a monthly talk, summed over
 * eight months). The search around is tried first since it usually hides less: on the sample
 * data no check fails more than seven rounds in a row.
 */
const STUBBORN = 8;

/** The insider of an A4 failure (who knows that this figure is 1), from its detail. */
function insiderOf(f: AuditFailure): string | undefined {
  return / when (.*) = 1 is known$/.exec(f.detail)?.[1];
}

/**
 * The system with every figure that the headline figures determine (with the identities and
 * public knowledge) marked headline too: a township's left-behind count of schools of one
 * 城乡 code is the sum of those schools' counts, and hiding it costs hiding one of them.
 * Secondary suppression and repair then spend such figures as late as the headlines.
 */
function withPinnedHeadlines(
  system: CountSystem,
  rules: ReadonlyMap<string, PrimaryRule[]>,
): CountSystem {
  const span = structuralSpan(system, rules);
  const vector = (cells: number[]) => {
    const v = new Map<number, number>();
    for (const c of cells) v.set(c, (v.get(c) ?? 0) + 1);
    return v;
  };
  for (const f of system.figures) if (f.headline) span.add(vector(f.decompositions[0]!));
  const figures = system.figures.map((f) =>
    f.headline || f.public || !span.contains(vector(f.decompositions[0]!))
      ? f
      : { ...f, headline: true },
  );
  return { ...system, figures };
}

/**
 * Decides what of a system may be published (statistics-and-disclosure.md §3): primary
 * suppression, secondary suppression, ratios from published counts, then the audit and
 * interval repair until the audit passes.
 *
 * The result carries the audit. It fails (`audit.passed === false`, with the failures) only
 * when a failing figure has nothing left around it to suppress; the build must stop then.
 */
export async function protect(input: CountSystem, t: Thresholds): Promise<ProtectedSystem> {
  const system = withPinnedHeadlines(input, primary(input, t));
  const byId = new Map(system.figures.map((f) => [f.id, f]));
  const values = new Map(system.figures.map((f) => [f.id, figureValue(system, f)]));
  const valueOf = (f: Figure): number => values.get(f.id)!;
  const rules = primary(system, t);
  const suppressed = new Map<string, PrimaryRule | "secondary">();
  for (const [id, r] of rules) suppressed.set(id, r[0]!);
  // Interval repair adds to `forced`; the exact secondary pass is re-run around it each round.
  const forced = new Set<string>();
  const sums = new Sums(system);
  // Ratios whose band took part in a failure are withheld rather than hiding more counts.
  const withheld = new Set<string>();
  // The ratios of each figure (as numerator or denominator).
  const ratiosOf = new Map<string, Ratio[]>();
  for (const r of system.ratios) {
    for (const id of new Set([r.numerator, r.denominator])) {
      const list = ratiosOf.get(id) ?? [];
      list.push(r);
      ratiosOf.set(id, list);
    }
  }

  // Failures that no suppression can repair (see `unprotectable`): the loop does not chase
  // them round after round, and the audit reports them.
  const structural = structuralSpan(system, rules);
  const hopeless = unprotectable(system, rules, structural);
  let memo: AuditMemo = auditMemo(system);
  const h = await highs();
  // Secondaries the audit found determined exactly: hiding them protects nothing, so the next
  // rounds try to publish them first (they stay hidden only if publishing them would determine
  // a protected figure in exact arithmetic; then repair works around them as before).
  const determined = new Set<string>();
  // For each failing check (figure, check, insider): how many rounds in a row it has failed.
  let streak = new Map<string, number>();
  let result: AuditResult;
  let ratioStatus: Map<string, RatioStatus>;
  // LSRT_PROTECT_DEBUG=1: one line per round of repair, with the failing checks by kind.
  const debug = process.env.LSRT_PROTECT_DEBUG ? (m: string) => console.error(m) : undefined;
  for (let round = 0; ; round++) {
    const t0 = performance.now();
    for (const id of [...suppressed.keys()]) if (!rules.has(id)) suppressed.delete(id);
    for (const id of secondary(system, rules, forced, structural, determined)) {
      suppressed.set(id, "secondary");
    }
    ratioStatus = ratios(system, suppressed, rules, t);
    for (const id of withheld) ratioStatus.set(id, { status: "suppressed" });
    const publication = { suppressed, ratios: ratioStatus };
    const t1 = performance.now();
    result = await audit(system, t, rules, publication, sums, { memo, intervals: false });
    const t2 = performance.now();
    debug?.(
      `round ${round}: suppressed ${suppressed.size} secondary ${(t1 - t0).toFixed(0)} ms audit ${(t2 - t1).toFixed(0)} ms failures ${result.failures.length}`,
    );
    if (debug) {
      const hist = new Map<string, number>();
      for (const f of result.failures) {
        const key = `${byId.get(f.figure)!.table} L${byId.get(f.figure)!.level} ${f.check} ${rules.get(f.figure)?.join("+") ?? "sec"}${insiderOf(f) ? " ins" : ""}`;
        hist.set(key, (hist.get(key) ?? 0) + 1);
      }
      debug(
        [...hist]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12)
          .map(([k, n]) => `  ${n} ${k}`)
          .join("\n"),
      );
      for (const f of result.failures.slice(0, 8)) debug(`  - ${f.figure} ${f.check} ${f.detail}`);
    }
    // Once the cheap checks pass, one exact run gives every interval (and re-confirms).
    if (result.passed) result = await audit(system, t, rules, publication, sums, { memo });
    if (result.passed || round > system.figures.length) break;
    const failures = result.failures;
    const checkOf = (f: AuditFailure) => `${f.figure}|${f.check}|${insiderOf(f) ?? ""}`;
    streak = new Map(failures.map((f) => [checkOf(f), (streak.get(checkOf(f)) ?? 0) + 1]));
    const stubborn = new Set(
      failures.filter((f) => streak.get(checkOf(f))! >= STUBBORN).map((f) => f.figure),
    );
    // A band narrows its numerator, and through shared sums the figures around it: withhold
    // the bands on and around failing figures, and hide one more count around each.
    // A secondary that fails A1 (a count of 5 or more shown as 4–8, which an outsider could take
    // for a small count) is tried the same way: published, it tells its true value, which is
    // not small.
    const publishable = failures.filter(
      (f) =>
        (f.check === "A3" || f.check === "A1") &&
        insiderOf(f) === undefined &&
        !rules.has(f.figure) &&
        !determined.has(f.figure),
    );
    for (const f of publishable) {
      determined.add(f.figure);
      forced.delete(f.figure);
    }
    // Publishing shrinks what the attacker may assume: what the memo proved no longer holds.
    if (publishable.length > 0) {
      memo = { ...auditMemo(system), publicKnowledge: memo.publicKnowledge };
    }
    const published = new Set(publishable.map((f) => f.figure));
    const repairable = failures.filter(
      (f) => !published.has(f.figure) && !hopeless(f.figure, insiderOf(f)),
    );
    if (repairable.length === 0 && published.size > 0) continue;
    if (repairable.length === 0) break;
    const isBand = (r: Ratio) => ratioStatus.get(r.id)?.status === "band" && !withheld.has(r.id);
    // The bands on a figure, and on the totals and parts of its smallest sums (its row and column).
    const bandsIn = new Map<Sum, Ratio[]>();
    const bandsNear = (figure: string): Set<Ratio> => {
      const near = new Set((ratiosOf.get(figure) ?? []).filter(isBand));
      for (const { sum } of sums.minimal(figure)) {
        let list = bandsIn.get(sum);
        if (!list) {
          list = [];
          for (const id of [sum.figure, ...sum.parts.map((p) => p.figure)]) {
            for (const r of ratiosOf.get(id) ?? []) if (isBand(r)) list.push(r);
          }
          bandsIn.set(sum, list);
        }
        for (const r of list) near.add(r);
      }
      return near;
    };
    const bands = new Set<string>();
    // Failures with a band nearby are first answered by withholding the band alone; only
    // those with none get another hidden count this round.
    const needCells = repairable.filter(({ figure }) => {
      const around = bandsNear(figure);
      for (const r of around) bands.add(r.id);
      return around.size === 0;
    });
    for (const id of bands) withheld.add(id);
    // What holds a failing bound in the attacker's LP: the shown figures for `repair` to
    // choose from; a band among them is withheld.
    let attacker: Attacker | undefined;
    const heldBands = new Set<string>();
    const heldBy = (failing: AuditFailure[]): string[] => {
      attacker ??= new Attacker(h, publishedConstraints(system, publication, valueOf), []);
      const held: string[] = [];
      for (const failure of failing) {
        for (const bound of result.heldBy.get(failure) ?? []) {
          for (const source of attacker.binding(bound.objective, bound.maximize, bound.extra)) {
            if ("figure" in source) held.push(source.figure);
            else if (ratioStatus.get(source.ratio)?.status === "band") heldBands.add(source.ratio);
          }
        }
      }
      return held;
    };
    let add: Set<string>;
    try {
      add = repair(needCells, byId, valueOf, new Set(suppressed.keys()), sums, heldBy, stubborn);
    } finally {
      attacker?.dispose();
    }
    for (const id of heldBands) withheld.add(id);
    if (add.size === 0 && bands.size === 0 && heldBands.size === 0) break;
    // Keep this round's secondaries too, so that the suppressed set only grows.
    for (const [id, reason] of suppressed) if (reason === "secondary") forced.add(id);
    for (const id of add) forced.add(id);
  }

  // A failing end leaves the cheap audit's result, which has no intervals: report exactly.
  if (!result.passed) {
    result = await audit(system, t, rules, { suppressed, ratios: ratioStatus }, sums, { memo });
  }
  disposeMemo(memo);
  const figures = new Map<string, FigureStatus>();
  for (const f of system.figures) {
    const reason = suppressed.get(f.id);
    const value = valueOf(f);
    if (reason) {
      const interval = result.intervals.get(f.id);
      if (!interval) throw new Error(`no interval for suppressed figure ${f.id}`);
      figures.set(f.id, { status: "suppressed", reason, interval });
    } else if (value === 0) figures.set(f.id, { status: "zero" });
    else figures.set(f.id, { status: "published", value });
  }
  return {
    name: system.name,
    figures,
    ratios: ratioStatus,
    audit: { passed: result.passed, failures: result.failures },
  };
}
