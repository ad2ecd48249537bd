/**
 * `npm run audit -- --site DIR` on published files: exit 0 on what protect() lets through,
 * exit 1 on a copy where one suppressed cell was replaced by its true value.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main as auditMain } from "../../scripts/audit.ts";
import { protect } from "../../src/pipeline/protect/protect.ts";
import { publishedSystemOf } from "../../src/pipeline/protect/publishYears.ts";
import type { PublishedSystem } from "../../src/pipeline/publish/publishable.ts";
import { SystemBuilder } from "../protect/builder.ts";
import { K5 } from "../protect/expectations.ts";
import { removeDataDirs, tempDir } from "../helpers/dataDir.ts";
import { runCommand } from "../helpers/run.ts";

afterAll(removeDataDirs);

async function site(edit?: (s: PublishedSystem) => void): Promise<string> {
  const b = new SystemBuilder();
  const grades = [9, 2, 8, 1, 7].map((v, i) => b.cell(`G${i + 1}`, v));
  b.sum("total", [grades]);
  const system = b.build();
  const published: PublishedSystem = JSON.parse(
    JSON.stringify(publishedSystemOf(system, await protect(system, K5), "2024-2025", K5)),
  );
  edit?.(published);
  const dir = await tempDir();
  await mkdir(path.join(dir, "data", "2024-2025"), { recursive: true });
  await writeFile(path.join(dir, "data", "2024-2025", "system.json"), JSON.stringify(published));
  return dir;
}

const run = (argv: string[]) => runCommand(auditMain, argv);

describe("npm run audit", () => {
  it("passes on the published files of a protected table", async () => {
    const { code, out } = await run(["--site", await site()]);
    expect(code).toBe(0);
    expect(out).toContain("核查通过");
  });

  it("fails, naming the table, when a suppressed cell is replaced by its true value", async () => {
    const dir = await site((s) => {
      const g2 = s.figures.find((f) => f.id === "G2")!;
      g2.status = "published";
      g2.value = 2;
      delete g2.interval;
    });
    const { code, out } = await run(["--site", dir]);
    expect(code).toBe(1);
    expect(out).toMatch(/\[未通过\] 2024-2025 t/);
    expect(out).toContain("P1 G2");
  });

  it("fails on a folder without published files", async () => {
    const { code } = await run(["--site", await tempDir()]);
    expect(code).toBe(1);
  });
});
