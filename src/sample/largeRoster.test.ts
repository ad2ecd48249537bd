import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { siteConfigSchema } from "../pipeline/validate/siteConfig.ts";
import { readBackCsv } from "./csvReadBack.ts";
import { ageOn } from "./dates.ts";
import { isValidIdNumber } from "./idNumber.ts";
import { writeLargeRoster } from "./largeRoster.ts";

const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(path.join(tmpdir(), "lsrt-large-"));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const GRADES = ["一", "二", "三", "四", "五", "六", "七", "八", "九"].map((n) => `${n}年级`);

describe("writeLargeRoster", () => {
  it("streams the requested rows with unique, valid 学籍号 of schools that exist", async () => {
    const dir = await tempDir();
    const result = await writeLargeRoster(dir, { rows: 10_000, seed: 3 });
    expect(result.rows).toBe(10_000);
    expect(result.files).toEqual(["2024-2025/students/roster.csv"]);

    const site = JSON.parse(await readFile(path.join(dir, "site.json"), "utf8"));
    expect(siteConfigSchema.safeParse(site).success).toBe(true);
    const schools = readBackCsv(await readFile(path.join(dir, "2024-2025", "schools.csv")));
    const levels = new Map(schools.rows.map((r) => [r[0], r[4]]));
    expect(levels.size).toBe(result.schools);

    const roster = readBackCsv(
      await readFile(path.join(dir, "2024-2025", "students", "roster.csv")),
    );
    expect(roster.encoding).toBe("utf8bom");
    expect(roster.rows).toHaveLength(10_000);
    expect(new Set(roster.rows.map((r) => r.length))).toEqual(new Set([roster.header.length]));
    const nos = roster.rows.map((r) => r[1]!);
    expect(new Set(nos).size).toBe(nos.length);
    const bad = roster.rows.filter((r) => {
      const [school, no, , , birth, grade] = r as [string, string, string, string, string, string];
      const g = GRADES.indexOf(grade) + 1;
      const level = levels.get(school);
      const fits = level === "小学" ? g >= 1 && g <= 6 : level === "初中" ? g >= 7 : false;
      return (
        !isValidIdNumber(no.slice(1)) ||
        no.endsWith("000") ||
        !fits ||
        ageOn(birth, "2024-09-01") !== g + 5
      );
    });
    expect(bad).toEqual([]);
    // About 150 bytes a row, as the benchmark budget assumes.
    expect(result.bytes / result.rows).toBeGreaterThan(110);
    expect(result.bytes / result.rows).toBeLessThan(170);
  });

  it("spreads rows over several files when asked, without repeating a 学籍号", async () => {
    const dir = await tempDir();
    const result = await writeLargeRoster(dir, { rows: 3_001, files: 3 });
    const names = (await readdir(path.join(dir, "2024-2025", "students"))).sort();
    expect(names).toEqual(["roster-01.csv", "roster-02.csv", "roster-03.csv"]);
    const nos: string[] = [];
    for (const n of names) {
      const t = readBackCsv(await readFile(path.join(dir, "2024-2025", "students", n)));
      nos.push(...t.rows.map((r) => r[1]!));
    }
    expect(nos).toHaveLength(result.rows);
    expect(new Set(nos).size).toBe(3_001);
  });

  it("writes the same bytes for the same seed", async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await writeLargeRoster(a, { rows: 2_000, seed: 9 });
    await writeLargeRoster(b, { rows: 2_000, seed: 9 });
    const file = (d: string) => readFile(path.join(d, "2024-2025", "students", "roster.csv"));
    expect((await file(a)).equals(await file(b))).toBe(true);
  });
});
