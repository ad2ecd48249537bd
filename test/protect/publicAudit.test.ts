/**
 * The audit anyone can re-run from the published files: it passes on what protect() lets
 * through, and fails as soon as one suppressed figure is replaced by its true value.
 */
import { describe, expect, it } from "vitest";
import { protect } from "../../src/pipeline/protect/protect.ts";
import { publicAudit } from "../../src/pipeline/protect/publicAudit.ts";
import { publishedSystemOf } from "../../src/pipeline/protect/publishYears.ts";
import { syntheticRegion } from "../../src/pipeline/protect/synthetic.ts";
import type { CountSystem } from "../../src/pipeline/protect/system.ts";
import type { PublishedSystem } from "../../src/pipeline/publish/publishable.ts";
import { SystemBuilder } from "./builder.ts";
import { K5 } from "./expectations.ts";

/** Protects a system and returns what would be written to system.json, read back. */
async function published(system: CountSystem): Promise<PublishedSystem> {
  const result = await protect(system, K5);
  expect(result.audit.passed).toBe(true);
  return JSON.parse(JSON.stringify(publishedSystemOf(system, result, "2024-2025", K5)));
}

function t3(): CountSystem {
  const b = new SystemBuilder();
  const boys = [7, 9, 6].map((v, i) => b.cell(`B${i + 1}`, v));
  const girls = [8, 3, 10].map((v, i) => b.cell(`G${i + 1}`, v));
  b.sum("boys", [boys]);
  b.sum("girls", [girls]);
  for (let i = 0; i < 3; i++) b.sum(`grade${i + 1}`, [[boys[i]!, girls[i]!]]);
  b.sum("total", [[...boys, ...girls]]);
  return b.build();
}

function region(): CountSystem {
  return syntheticRegion([
    [
      { enrolment: 120, bySex: [3, 2], byGrade: [1, 1, 2, 1] },
      { enrolment: 340, bySex: [30, 28], byGrade: [10, 15, 17, 16] },
    ],
    [
      { enrolment: 8, bySex: [1, 1], byGrade: [1, 1, 0, 0] },
      { enrolment: 95, bySex: [12, 9], byGrade: [6, 5, 4, 6] },
    ],
  ]);
}

describe("the public audit from published files", () => {
  it("passes on what protect() publishes for the T3 table", async () => {
    const result = await publicAudit(await published(t3()));
    expect(result.failures).toEqual([]);
    expect(result.suppressed).toBeGreaterThan(0);
  });

  it("passes on a small region with linked tables by sex and grade and a tiny school", async () => {
    const result = await publicAudit(await published(region()));
    expect(result.failures).toEqual([]);
  });

  it("fails when one suppressed cell is replaced by its true value", async () => {
    const system = t3();
    const files = await published(system);
    const g2 = files.figures.find((f) => f.id === "G2")!;
    expect(g2.status).toBe("suppressed");
    g2.status = "published";
    g2.value = 3;
    delete g2.interval;
    const result = await publicAudit(files);
    expect(result.failures.map((f) => f.check)).toContain("P1");
  });

  it("fails when a shown interval claims more protection than the published figures give", async () => {
    const files = await published(t3());
    const hidden = files.figures.find((f) => f.status === "suppressed")!;
    hidden.interval = [0, 100];
    const result = await publicAudit(files);
    expect(result.failures.some((f) => f.check === "interval" && f.figure === hidden.id)).toBe(
      true,
    );
  });
});
