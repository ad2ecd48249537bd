/**
 * The self-check page runs `checkFiles` on the files a school chose: for the same files it
 * must list exactly the problems `check` lists for them (same codes, rows, columns and
 * messages), and nothing about files the school did not choose.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFiles } from "../../src/selfcheck/checkFiles.ts";
import { selfCheckSettings } from "../../src/selfcheck/settings.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import { chooseYear } from "./chosenFiles.ts";

const SAMPLE = path.resolve("data");
const BROKEN = path.resolve("test/fixtures/selfcheck-broken");
const YEAR = "2024-2025";

/** `check` on the whole folder, and the self-check of the year's files with its settings. */
async function both(dataDir: string) {
  const checked = await validateData(dataDir, { keepRows: false });
  const year = checked.data.years.find((y) => y.year === YEAR)!;
  const settings = selfCheckSettings(checked.data.config!, YEAR, year.schools);
  const files = await chooseYear(dataDir, YEAR);
  const self = await checkFiles(settings, files);
  const chosen = new Set(self.files);
  const expected = checked.problems.filter((p) => chosen.has(p.file));
  return { checked, self, expected };
}

describe("checkFiles", () => {
  it("lists for the sample's files exactly what check lists for them", async () => {
    const { self, expected } = await both(SAMPLE);
    expect(self.files).toHaveLength(40 + 7 + 2);
    expect(self.problems).toEqual(expected);
    expect(self.rows).toBeGreaterThan(10_000);
  });

  it("lists for broken files exactly what check lists, errors and warnings counted the same", async () => {
    const { checked, self, expected } = await both(BROKEN);
    expect(expected.length).toBeGreaterThan(25);
    expect(self.problems).toEqual(expected);
    for (const f of self.files) {
      expect(self.fileTotals.get(f)).toEqual(checked.fileTotals.get(f));
    }
    expect(self.errors).toBe(expected.filter((p) => p.severity === "error").length);
    // Only the chosen files are spoken of: nothing about the school list the page carries.
    expect(self.problems.some((p) => p.file.endsWith("schools.csv"))).toBe(false);
  });

  it("reports progress up to every byte, and counts the rows check counts", async () => {
    const rowsByFile = new Map<string, number>();
    const checked = await validateData(BROKEN, {
      keepRows: false,
      onProgress: (e) => void (e.done && rowsByFile.set(e.file, e.rows)),
    });
    const settings = selfCheckSettings(checked.data.config!, YEAR, checked.data.years[0]!.schools);
    const seen: number[] = [];
    let total = 0;
    const self = await checkFiles(settings, await chooseYear(BROKEN, YEAR), (p) => {
      seen.push(p.bytes);
      total = p.totalBytes;
    });
    expect(total).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const expectedRows = self.files.reduce((n, f) => n + (rowsByFile.get(f) ?? 0), 0);
    expect(expectedRows).toBeGreaterThan(20);
    expect(self.rows).toBe(expectedRows);
  });

  it("numbers two chosen files of the same name instead of merging them", async () => {
    const checked = await validateData(BROKEN, { keepRows: false });
    const settings = selfCheckSettings(checked.data.config!, YEAR, checked.data.years[0]!.schools);
    const files = await chooseYear(BROKEN, YEAR);
    const roster = files.students.find((f) => f.name === "2151270101.csv")!;
    const self = await checkFiles(settings, {
      ...files,
      students: [roster, { ...roster }],
    });
    expect(self.files.slice(0, 2)).toEqual([
      `${YEAR}/students/2151270101.csv`,
      `${YEAR}/students/2151270101（2）.csv`,
    ]);
    // The second copy repeats every 学籍号 of the first.
    const dup = self.problems.filter(
      (p) => p.code === "E_STUDENT_NO_DUPLICATE" && p.file.endsWith("（2）.csv"),
    );
    expect(dup.length).toBeGreaterThan(5);
  });
});
