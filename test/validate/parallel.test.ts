/**
 * A large roster scanned in parts on worker threads must give exactly what one scan gives:
 * the same problems at the same rows, the same counts, the same enrolment.
 */
import iconv from "iconv-lite";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_LISTED_PER_CODE } from "../../src/pipeline/problems.ts";
import type { RangePlan } from "../../src/pipeline/read/planRanges.ts";
import { validateData, type ValidationResult } from "../../src/pipeline/validate/validateData.ts";
import {
  BASE_STUDENTS,
  NINE_YEAR,
  PRIMARY,
  STUDENTS,
  removeDataDirs,
  rosterCsv,
  student,
  writeDataDir,
} from "../helpers/dataDir.ts";

/** What the main thread did: the plans made, and the roster files it scanned itself. */
const seen = vi.hoisted(() => ({ plans: [] as (RangePlan | null)[], wholeScans: [] as string[] }));

vi.mock("../../src/pipeline/read/planRanges.ts", async (importOriginal) => {
  const mod = await importOriginal<typeof import("../../src/pipeline/read/planRanges.ts")>();
  return {
    ...mod,
    planRanges: async (...args: Parameters<typeof mod.planRanges>) => {
      const plan = await mod.planRanges(...args);
      seen.plans.push(plan);
      return plan;
    },
  };
});

vi.mock("../../src/pipeline/validate/rosterScan.ts", async (importOriginal) => {
  const mod = await importOriginal<typeof import("../../src/pipeline/validate/rosterScan.ts")>();
  return {
    ...mod,
    scanRoster: (...args: Parameters<typeof mod.scanRoster>) => {
      seen.wholeScans.push(args[0].file);
      return mod.scanRoster(...args);
    },
  };
});

afterAll(removeDataDirs);

beforeEach(() => {
  seen.plans.length = 0;
  seen.wholeScans.length = 0;
});

const ROWS = 40_000;

/**
 * Rows with a wrong 性别: every other row early in the first part (a failing row goes through
 * zod, which is slow, so the second part usually finishes first), and every 26th row after
 * that — more than MAX_LISTED_PER_CODE in all, in both parts.
 */
const badSex = (i: number) => (i < 18_000 ? i % 2 === 1 : i % 26 === 5);

/** Excel row of the i-th generated row: after the header and the base roster. */
const excelRow = (i: number) => i + BASE_STUDENTS.length + 2;

type Cells = Parameters<typeof student>[0];

/** A pupil of the 九年一贯制 school, of a plausible age for the grade, with cells replaced. */
function pupil(i: number, cells: Cells = {}): string[] {
  const grade = 1 + (i % 9);
  const away = i % 3 === 0;
  return student({
    school_id: NINE_YEAR,
    student_no: `G41010220${String(i).padStart(9, "0")}1`,
    name: `学生${i}`,
    birth_date: `${2018 - grade}-10-01`,
    grade: String(grade),
    class: `${grade}年级(${1 + (i % 4)})班`,
    ...(away
      ? {}
      : { left_behind: "非留守儿童", father_away: "否", mother_away: "否", carer: "母亲" }),
    ...(badSex(i) ? { sex: "未知" } : {}),
    ...cells,
  });
}

// The planted problems, by generated row index (none on a row with a wrong 性别).
const FIRST_PART_DATE = 20;
/** A 学籍号 of the first part, repeated early in the second part and at its end. */
const DUPLICATE_OF = 100;
const COPIES = [21_000, 21_500, ROWS - 2] as const;
const SECOND_PART_DATE = 24_000;
const GRADE_NOT_OFFERED = ROWS - 3;

/** The large roster, and how many of its rows have a wrong 性别. */
function bigRoster(quotedCellAt?: number): { csv: string; badSexRows: number } {
  const rows = Array.from({ length: ROWS }, (_, i) => pupil(i));
  for (const i of COPIES) rows[i] = pupil(DUPLICATE_OF);
  rows[FIRST_PART_DATE] = pupil(FIRST_PART_DATE, { birth_date: "2014-02-30" });
  rows[SECOND_PART_DATE] = pupil(SECOND_PART_DATE, { birth_date: "2015-02-30" });
  // 八年级 at the 小学, of the right age for it.
  rows[GRADE_NOT_OFFERED] = pupil(GRADE_NOT_OFFERED, {
    school_id: PRIMARY,
    grade: "8",
    birth_date: "2011-10-01",
  });
  if (quotedCellAt !== undefined) rows[quotedCellAt] = pupil(quotedCellAt, { class: "3年级,2班" });
  return {
    csv: rosterCsv([...BASE_STUDENTS, ...rows]),
    badSexRows: rows.filter((r) => r[3] === "未知").length,
  };
}

/** Validates the same folder with one thread and with two, the parallel path enabled. */
async function validateBoth(content: string | Buffer) {
  const dir = await writeDataDir({ [STUDENTS]: content });
  const options = { keepRows: false, parallelMinBytes: 1 };
  const sequential = await validateData(dir, { ...options, threads: 1 });
  const wholeScansAlone = seen.wholeScans.filter((f) => f === STUDENTS).length;
  seen.plans.length = 0;
  seen.wholeScans.length = 0;
  const parallel = await validateData(dir, { ...options, threads: 2 });
  return { sequential, parallel, wholeScansAlone };
}

function expectSame(a: ValidationResult, b: ValidationResult) {
  expect(b.errors).toBe(a.errors);
  expect(b.warnings).toBe(a.warnings);
  expect(b.problems).toEqual(a.problems);
  expect(b.data.years[0]!.enrolment).toEqual(a.data.years[0]!.enrolment);
}

/** The planted problems in the roster (wrong 性别 aside), as [code, row, column]. */
function planted(result: ValidationResult) {
  return result.problems
    .filter((p) => p.file === STUDENTS && p.code !== "E_VALUE_INVALID")
    .map((p) => [p.code, p.row, p.column]);
}

/** Whether every duplicate names the first occurrence of its 学籍号. */
function duplicatesNameTheFirst(result: ValidationResult): boolean[] {
  return result.problems
    .filter((p) => p.code === "E_STUDENT_NO_DUPLICATE")
    .map((p) => p.message.includes(`${STUDENTS} 第 ${excelRow(DUPLICATE_OF)} 行`));
}

describe("scanning a large roster in parallel", () => {
  it(
    "finds the same problems at the same rows with threads: 2 as with threads: 1",
    { timeout: 120_000 },
    async () => {
      const roster = bigRoster();
      const { sequential, parallel, wholeScansAlone } = await validateBoth(roster.csv);
      // The roster was cut in two, and the parts were scanned by the workers only.
      expect(seen.plans.find((p) => p !== null)?.ranges).toHaveLength(2);
      expect(wholeScansAlone).toBe(1);
      expect(seen.wholeScans).not.toContain(STUDENTS);

      expect(planted(sequential)).toEqual([
        ["W_MORE_PROBLEMS", null, null],
        ["E_DATE_INVALID", excelRow(FIRST_PART_DATE), "出生日期"],
        ["E_STUDENT_NO_DUPLICATE", excelRow(COPIES[0]), "学籍号"],
        ["E_STUDENT_NO_DUPLICATE", excelRow(COPIES[1]), "学籍号"],
        ["E_DATE_INVALID", excelRow(SECOND_PART_DATE), "出生日期"],
        ["E_GRADE_NOT_OFFERED", excelRow(GRADE_NOT_OFFERED), "年级"],
        ["E_STUDENT_NO_DUPLICATE", excelRow(COPIES[2]), "学籍号"],
      ]);
      expect(roster.badSexRows).toBeGreaterThan(MAX_LISTED_PER_CODE);
      expect(sequential.errors).toBe(roster.badSexRows + 6);
      expect(duplicatesNameTheFirst(sequential)).toEqual([true, true, true]);
      expect(duplicatesNameTheFirst(parallel)).toEqual([true, true, true]);
      expectSame(sequential, parallel);
    },
  );

  it(
    "gives the same result for a GB18030 roster, whose parts each detect the encoding",
    { timeout: 120_000 },
    async () => {
      const { sequential, parallel } = await validateBoth(iconv.encode(bigRoster().csv, "gb18030"));
      expect(seen.plans.find((p) => p !== null)?.ranges).toHaveLength(2);
      expect(seen.wholeScans).not.toContain(STUDENTS);
      const sex = sequential.problems.find((p) => p.code === "E_VALUE_INVALID");
      expect(sex!.message).toContain("“未知”");
      expectSame(sequential, parallel);
    },
  );

  it("gives the same result for a UTF-8 roster with a BOM", { timeout: 120_000 }, async () => {
    const { sequential, parallel } = await validateBoth(`\uFEFF${bigRoster().csv}`);
    expect(seen.wholeScans).not.toContain(STUDENTS);
    expectSame(sequential, parallel);
  });

  it(
    "falls back to one scan when a quoted cell could straddle the cut, with the same result",
    { timeout: 120_000 },
    async () => {
      const { sequential, parallel } = await validateBoth(bigRoster(ROWS - 10).csv);
      // The parts met a quote, so the roster was read again as a whole.
      expect(seen.wholeScans).toContain(STUDENTS);
      expectSame(sequential, parallel);
    },
  );
});
