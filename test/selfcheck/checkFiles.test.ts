/**
 * The self-check page runs `checkFiles` on the files a school chose: for the same files it
 * must list exactly the problems `check` lists for them (same codes, rows, columns and
 * messages), and nothing about files the school did not choose.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { WorkbookOpener } from "../../src/pipeline/read/source.ts";
import { openWorkbook } from "../../src/pipeline/read/workbook.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import { generateSample, writeSampleFiles } from "../../src/sample/index.ts";
import { checkFiles } from "../../src/selfcheck/checkFiles.ts";
import { selfCheckSettings } from "../../src/selfcheck/settings.ts";
import { choosesWorkbook } from "../../src/selfcheck/workbooks.ts";
import { writeBrokenWorkbooks } from "../helpers/brokenWorkbooks.ts";
import { removeDataDirs, tempDir } from "../helpers/dataDir.ts";
import { chooseYear } from "./chosenFiles.ts";

afterAll(removeDataDirs);

const SAMPLE = path.resolve("data");
const BROKEN = path.resolve("test/fixtures/selfcheck-broken");
const YEAR = "2024-2025";

/** `check` on the whole folder, and the self-check of the year's files with its settings. */
async function both(dataDir: string, workbook?: WorkbookOpener) {
  const checked = await validateData(dataDir, { keepRows: false });
  const year = checked.data.years.find((y) => y.year === YEAR)!;
  const settings = selfCheckSettings(checked.data.config!, YEAR, year.schools);
  const files = await chooseYear(dataDir, YEAR);
  const self = await checkFiles(settings, files, undefined, workbook);
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

describe("checkFiles on Excel workbooks", () => {
  it("lists for the broken files as workbooks exactly what check lists for them", async () => {
    const dir = await tempDir();
    await writeBrokenWorkbooks(dir);
    const { checked, self, expected } = await both(dir, openWorkbook);
    expect(self.problems).toEqual(expected);
    for (const f of self.files) {
      expect(self.fileTotals.get(f)).toEqual(checked.fileTotals.get(f));
    }
    expect(self.files).toContain(`${YEAR}/activities.xls（工作表“关爱活动”）`);
    expect(self.files).toContain(`${YEAR}/social.xlsx（工作表“社会关爱”）`);
    // A workbook no sheet was read from keeps its plain path.
    expect(self.files).toContain(`${YEAR}/students/加密.xlsx`);
    const codes = new Set(self.problems.map((p) => p.code));
    for (const code of [
      "E_WORKBOOK_ENCRYPTED",
      "E_WORKBOOK_ZIP_BOMB",
      "E_WORKBOOK_UNREADABLE",
      "E_WORKBOOK_SHEETS_AMBIGUOUS",
      "E_FILE_EMPTY",
      "W_WORKBOOK_HIDDEN_SHEET",
      "W_WORKBOOK_HIDDEN_ROWS",
      "W_HEADER_BELOW_TITLE",
      "E_EXCEL_DAMAGED_NUMBER",
      "E_QUOTE_UNCLOSED",
    ]) {
      expect(codes, code).toContain(code);
    }
    // Problems name the sheet and Excel's column letter, as check does.
    expect(self.problems.some((p) => p.file.includes("（工作表“学生名单”）"))).toBe(true);
    expect(self.problems.some((p) => /（[A-Z]+ 列）$/.test(p.column ?? ""))).toBe(true);
    expect(self.problems.filter((p) => p.code === "E_FILE_BINARY")).toEqual([]);
  });

  it(
    "lists for the sample written as workbooks exactly what check lists",
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const sample = await generateSample(
        { schools: 14, students: 3000, years: 1, seed: 2 },
        "mixed",
      );
      await writeSampleFiles(dir, sample.files);
      const { self, expected } = await both(dir, openWorkbook);
      const exts = new Set(self.files.map((f) => path.extname(f.replace(/（工作表“.*”）$/, ""))));
      expect(exts).toEqual(new Set([".csv", ".xlsx", ".xls"]));
      expect(self.problems).toEqual(expected);
      expect(self.errors).toBe(0);
      expect(self.rows).toBeGreaterThan(3000);
    },
  );

  it("knows when a workbook is chosen (the page then adds the workbook reader)", async () => {
    const csv = await chooseYear(BROKEN, YEAR);
    expect(choosesWorkbook(csv)).toBe(false);
    const book = { name: "活动.XLS", blob: new Blob([]) };
    expect(choosesWorkbook({ ...csv, activities: book })).toBe(true);
    expect(choosesWorkbook({ ...csv, care: [book] })).toBe(true);
  });
});
