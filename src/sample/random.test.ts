import { describe, expect, it } from "vitest";
import { deriveSeed, mulberry32, Rng } from "./random.ts";

describe("mulberry32", () => {
  it("gives the same sequence for the same seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("gives different sequences for different seeds", () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

describe("Rng", () => {
  it("keeps integers within both inclusive bounds", () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("derives independent, reproducible streams by label", () => {
    expect(deriveSeed(1, "roster", 2024)).toBe(deriveSeed(1, "roster", 2024));
    expect(deriveSeed(1, "roster", 2024)).not.toBe(deriveSeed(1, "roster", 2023));
    expect(new Rng(1).fork("a").next()).toBe(new Rng(1).fork("a").next());
  });

  it("picks by weight roughly in proportion", () => {
    const rng = new Rng(3);
    let heavy = 0;
    for (let i = 0; i < 10000; i++)
      if (
        rng.weighted([
          ["a", 9],
          ["b", 1],
        ]) === "a"
      )
        heavy++;
    expect(heavy / 10000).toBeGreaterThan(0.87);
    expect(heavy / 10000).toBeLessThan(0.93);
  });
});
