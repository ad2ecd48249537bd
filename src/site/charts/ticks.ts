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

/** The tick format of a value axis. */
export function formatTick(unit: "percent" | "count"): (value: number) => string {
  return unit === "percent" ? (value) => `${value}%` : (value) => value.toLocaleString("en-US");
}
