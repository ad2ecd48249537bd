import { figureValue, threshold } from "./primary.ts";
import type { CountSystem, Figure, Ratio, RatioStatus, Thresholds } from "./system.ts";

/** Band limits are multiples of this many percentage points. */
const BAND_STEP = 5;

/** The rounded percentage shown for n / d (round half up). */
export function roundedPercent(n: number, d: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round((n * 100 * scale) / d) / scale;
}

/**
 * What an attacker learns about n / d from a ratio's status: `lo ≤ n/d` and `n/d < hi`
 * (`hiStrict`) or `n/d ≤ hi`. Undefined when the status says nothing.
 */
export function ratioInterval(
  status: RatioStatus,
  decimals: number,
): { lo: number; hi: number; hiStrict: boolean } | undefined {
  if (status.status === "published") {
    const half = 0.5 / 10 ** decimals;
    return { lo: (status.percent - half) / 100, hi: (status.percent + half) / 100, hiStrict: true };
  }
  if (status.status === "band") {
    return {
      lo: status.atLeast === undefined ? 0 : status.atLeast / 100,
      hi: status.atMost === undefined ? Infinity : status.atMost / 100,
      hiStrict: false,
    };
  }
  return undefined;
}

/**
 * The band to show for a ratio whose numerator is suppressed but whose denominator d is
 * published: "≥X%" when the ratio is at least one half, "≤X%" otherwise, with X a multiple of
 * 5, as close to the true ratio as possible while the band still leaves the numerator a range
 * of whole numbers at least k wide. That is k + 1 possible numerators, the reading the spec's
 * example needs: for 23 pupils, "≥75%" leaves 18…23 (width 5) and is acceptable, "≥80%" leaves
 * 19…23 (width 4, so the complement is at most 4) and is not.
 */
export function band(n: number, d: number, k: number): RatioStatus {
  const percent = (n * 100) / d;
  if (2 * n >= d) {
    for (let x = Math.floor(percent / BAND_STEP) * BAND_STEP; x > 0; x -= BAND_STEP) {
      if (d - Math.ceil((x * d) / 100) >= k) return { status: "band", atLeast: x };
    }
  } else {
    for (let x = Math.ceil(percent / BAND_STEP) * BAND_STEP; x < 100; x += BAND_STEP) {
      if (Math.floor((x * d) / 100) >= k) return { status: "band", atMost: x };
    }
  }
  return { status: "suppressed" };
}

/**
 * Ratios are computed only from published counts: both published gives the rounded percent;
 * a primary numerator over a published denominator gives a band when one is safe; a
 * secondary numerator, a suppressed denominator, or a zero one, gives nothing. (A band is a
 * one-sided bound next to the true value: on the cells chosen to protect others it would
 * undo their work — two hidden cells of a known sum, both with "≤" bands at their values,
 * are both determined.)
 */
export function ratios(
  system: CountSystem,
  suppressed: ReadonlyMap<string, unknown>,
  primary: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  t: Thresholds,
): Map<string, RatioStatus> {
  const byId = new Map<string, Figure>(system.figures.map((f) => [f.id, f]));
  const out = new Map<string, RatioStatus>();
  for (const ratio of system.ratios) {
    let status = ratioStatus(system, byId, ratio, suppressed, t);
    if (status.status === "band" && !primary.has(ratio.numerator))
      status = { status: "suppressed" };
    out.set(ratio.id, status);
  }
  return out;
}

function ratioStatus(
  system: CountSystem,
  byId: Map<string, Figure>,
  ratio: Ratio,
  suppressed: ReadonlyMap<string, unknown>,
  t: Thresholds,
): RatioStatus {
  const num = byId.get(ratio.numerator);
  const den = byId.get(ratio.denominator);
  if (!num || !den) throw new Error(`unknown figure in ratio ${ratio.id}`);
  const n = figureValue(system, num);
  const d = figureValue(system, den);
  if (d === 0 || suppressed.has(den.id)) return { status: "suppressed" };
  if (!suppressed.has(num.id)) {
    return { status: "published", percent: roundedPercent(n, d, ratio.decimals) };
  }
  return band(n, d, threshold(num, t));
}
