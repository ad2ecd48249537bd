import { textWidth } from "./text";

/**
 * Ticks from zero to a round number at or above `max`, about `count` of them; whole numbers
 * only for counts. Computed here rather than by Plot so the domain ends on the last tick.
 */
export function zeroBasedTicks(max: number, count: number, integer: boolean): number[] {
  const top = max > 0 ? max : integer ? 5 : 100;
  const raw = top / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 2.5, 5, 10].find((f) => f * power >= raw) ?? 10;
  const step = integer ? Math.max(1, Math.ceil(factor * power)) : factor * power;
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const tick = Number((i * step).toPrecision(12));
    ticks.push(tick);
    if (tick >= top) break;
  }
  return ticks;
}

/** Space kept between two neighbouring tick labels on a horizontal axis, in viewBox units. */
export const TICK_GAP = 10;

/**
 * Ticks of a horizontal value axis thinned to the space available: the most ticks (at most
 * four steps) whose labels, centred on their ticks, keep `TICK_GAP` between them. The
 * first and last label may reach beyond `span` by half their width (the margins hold them).
 */
export function fittingTicks(
  max: number,
  integer: boolean,
  span: number,
  format: (value: number) => string,
  fontSize: number,
): number[] {
  let ticks = zeroBasedTicks(max, 4, integer);
  for (let count = 4; count >= 1; count--) {
    ticks = zeroBasedTicks(max, count, integer);
    const widest = Math.max(...ticks.map((tick) => textWidth(format(tick), fontSize)));
    const spacing = span / Math.max(1, ticks.length - 1);
    if (widest + TICK_GAP <= spacing) return ticks;
  }
  // Even one step does not fit: keep zero and the end only.
  return ticks.length > 2 ? [ticks[0]!, ticks[ticks.length - 1]!] : ticks;
}

/** The tick format of a value axis. */
export function formatTick(unit: "percent" | "count"): (value: number) => string {
  return unit === "percent" ? (value) => `${value}%` : (value) => value.toLocaleString("en-US");
}
