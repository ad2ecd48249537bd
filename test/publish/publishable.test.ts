/**
 * Only protect/ can make a value publishable: a raw table from measure/ does not type-check
 * where a Publishable one is expected (checked by `tsc` in `npm test` through the
 * @ts-expect-error below), and the brand adds nothing at run time.
 */
import { describe, expect, it } from "vitest";
import type { Publishable, PublishedYear } from "../../src/pipeline/publish/publishable.ts";
import { formatValue } from "../../src/pipeline/publish/publishable.ts";

function page(years: Publishable<PublishedYear[]>): number {
  return years.length;
}

describe("Publishable", () => {
  it("rejects an unsealed value at compile time", () => {
    const raw: PublishedYear[] = [];
    // @ts-expect-error a raw value is not Publishable: only protect/seal.ts can brand it
    expect(page(raw)).toBe(0);
  });

  it("shows suppressed, zero and not collected differently, never a suppressed count as 0", () => {
    expect(formatValue({ kind: "count", status: "suppressed", interval: [0, 7] })).toBe("0–7");
    expect(formatValue({ kind: "count", status: "zero" })).toBe("0");
    expect(formatValue({ kind: "notCollected" })).toBe("未采集");
    expect(formatValue({ kind: "count", status: "published", value: 12 })).toBe("12");
  });
});
