import { audit, type AuditMemo, type AuditResult } from "./audit.ts";
import { figureValue, primary } from "./primary.ts";
import { ratios } from "./ratios.ts";
import { repair } from "./repair.ts";
import { secondary, unprotectable } from "./secondary.ts";
import { Sums } from "./sums.ts";
import type {
  CountSystem,
  Figure,
  FigureStatus,
  PrimaryRule,
  ProtectedSystem,
  RatioStatus,
  Thresholds,
} from "./system.ts";

/**
 * Decides what of a system may be published (statistics-and-disclosure.md §3): primary
 * suppression, secondary suppression, ratios from published counts, then the audit and
 * interval repair until the audit passes.
 *
 * The result carries the audit. It fails (`audit.passed === false`, with the failures) only
 * when a failing figure has nothing left around it to suppress; the build must stop then.
 */
export async function protect(system: CountSystem, t: Thresholds): Promise<ProtectedSystem> {
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

  // Failures that no suppression can repair (see `unprotectable`): the loop does not chase
  // them round after round, and the audit reports them.
  const hopeless = unprotectable(system, rules);
  const memo: AuditMemo = { points: [], passed: new Set() };
  let result: AuditResult;
  let ratioStatus: Map<string, RatioStatus>;
  for (let round = 0; ; round++) {
    for (const id of [...suppressed.keys()]) if (!rules.has(id)) suppressed.delete(id);
    for (const id of secondary(system, rules, forced)) suppressed.set(id, "secondary");
    ratioStatus = ratios(system, suppressed, rules, t);
    for (const id of withheld) ratioStatus.set(id, { status: "suppressed" });
    const publication = { suppressed, ratios: ratioStatus };
    result = await audit(system, t, rules, publication, sums, { memo, intervals: false });
    // Once the cheap checks pass, one exact run gives every interval (and re-confirms).
    if (result.passed) result = await audit(system, t, rules, publication, sums, { memo });
    if (result.passed || round > system.figures.length) break;
    // A band narrows its numerator, and through shared sums the figures around it: withhold
    // the bands on and around failing figures, and hide one more count around each.
    const repairable = result.failures.filter(
      (f) => !hopeless(f.figure, / when (.*) = 1 is known$/.exec(f.detail)?.[1]),
    );
    if (repairable.length === 0) break;
    const nearOf = (figure: string): Set<string> => {
      const near = new Set([figure]);
      for (const { sum } of sums.around(figure)) {
        near.add(sum.figure);
        for (const part of sum.parts) near.add(part.figure);
      }
      return near;
    };
    const isBand = (r: (typeof system.ratios)[number]) =>
      ratioStatus.get(r.id)?.status === "band" && !withheld.has(r.id);
    const bands = new Set<string>();
    // Failures with a band nearby are first answered by withholding the band alone; only
    // those with none get another hidden count this round.
    const needCells = repairable.filter(({ figure }) => {
      const near = nearOf(figure);
      const around = system.ratios.filter(
        (r) => isBand(r) && (near.has(r.numerator) || near.has(r.denominator)),
      );
      for (const r of around) bands.add(r.id);
      return around.length === 0;
    });
    for (const id of bands) withheld.add(id);
    const add = repair(needCells, byId, valueOf, new Set(suppressed.keys()), sums);
    if (add.size === 0 && bands.size === 0) break;
    // Keep this round's secondaries too, so that the suppressed set only grows.
    for (const [id, reason] of suppressed) if (reason === "secondary") forced.add(id);
    for (const id of add) forced.add(id);
  }

  // A failing end leaves the cheap audit's result, which has no intervals: report exactly.
  if (!result.passed) {
    result = await audit(system, t, rules, { suppressed, ratios: ratioStatus }, sums, { memo });
  }
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
