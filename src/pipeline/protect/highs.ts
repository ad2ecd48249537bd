import loadHighs, { type Highs } from "highs";

let instance: Promise<Highs> | undefined;

/** The one HiGHS runtime of this process, loaded on first use and reused by every audit. */
export function highs(): Promise<Highs> {
  return (instance ??= loadHighs());
}
