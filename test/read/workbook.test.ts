/**
 * Excel workbooks wherever a CSV is accepted: the same rows, the same problems, named by
 * file, sheet, Excel row and column letter; numbers, dates and formulas as Excel shows them.
 */
import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { cellText, columnLetter } from "../../src/pipeline/read/workbook.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import {
  ACTIVITIES,
  BASE_ACTIVITIES,
  BASE_CARE,
  BASE_SCHOOLS,
  BASE_SOCIAL,
  BASE_STUDENTS,
  CARE,
  SCHOOLS,
  SOCIAL,
  STUDENTS,
  YEAR,
  headersOf,
  removeDataDirs,
  rowOf,
  writeDataDir,
} from "../helpers/dataDir.ts";
import {
  dateCell,
  encryptedXls,
  formulaCell,
  rosterRows,
  workbook,
  type Cell,
} from "../helpers/workbooks.ts";

afterAll(removeDataDirs);

const ROSTER_BOOK = `${YEAR}/students/a.xlsx`;
const inSheet = (file: string, sheet: string) => `${file}（工作表“${sheet}”）`;

/** Every base file as a workbook of the given type instead of CSV. */
function baseAsWorkbooks(type: "xlsx" | "xls") {
  const book = (header: string[], rows: readonly (readonly Cell[])[]) =>
    workbook([{ name: "Sheet1", rows: [header, ...rows] }], type);
  const renamed = (csv: string) => csv.replace(/\.csv$/, `.${type}`);
  return {
    [SCHOOLS]: null,
    [STUDENTS]: null,
    [CARE]: null,
    [ACTIVITIES]: null,
    [SOCIAL]: null,
    [renamed(SCHOOLS)]: book(
      headersOf("schools"),
      BASE_SCHOOLS.map((s) => rowOf("schools", s)),
    ),
    [renamed(STUDENTS)]: book(headersOf("students"), BASE_STUDENTS),
    [renamed(CARE)]: book(headersOf("care"), BASE_CARE),
    [renamed(ACTIVITIES)]: book(headersOf("activities"), BASE_ACTIVITIES),
    [renamed(SOCIAL)]: book(headersOf("social"), BASE_SOCIAL),
  };
}

async function validate(changes: Record<string, string | Buffer | null>) {
  return validateData(await writeDataDir(changes), { keepRows: true });
}

describe("reading workbooks wherever a CSV is accepted", () => {
  for (const type of ["xlsx", "xls"] as const) {
    it(`reads every table of the base county from .${type} into the same rows as CSV`, async () => {
      const fromCsv = await validate({});
      const fromBooks = await validate(baseAsWorkbooks(type));
      expect(fromBooks.problems).toEqual([]);
      const strip = (r: Awaited<ReturnType<typeof validate>>) =>
        r.data.years.map(({ activities, social, schoolsFile: _f, ...y }) => ({
          ...y,
          activities: activities.map(({ file: _a, ...a }) => a),
          social: social.map(({ file: _s, ...s }) => s),
        }));
      expect(strip(fromBooks)).toEqual(strip(fromCsv));
      expect(fromBooks.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
    });
  }
});

describe("an .xls written by another program", () => {
  it("reads LibreOffice's .xls of the base roster and reports its hidden row", async () => {
    // test/fixtures/workbooks/roster-hidden-row.xls: the base roster, sheet 名单, Excel row 3
    // hidden, saved as .xls (BIFF8) by LibreOffice Calc 7 from a workbook the helpers wrote.
    const xls = await readFile(
      new URL("../fixtures/workbooks/roster-hidden-row.xls", import.meta.url),
    );
    const result = await validate({ [STUDENTS]: null, [`${YEAR}/students/a.xls`]: xls });
    expect(result.problems.map((p) => [p.code, p.file, p.message.includes("第 3 行")])).toEqual([
      ["W_WORKBOOK_HIDDEN_ROWS", inSheet(`${YEAR}/students/a.xls`, "名单"), true],
    ]);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
  });
});

describe("where problems in a workbook are reported", () => {
  it("names the sheet, the Excel row below title rows and the column letter", async () => {
    const rows = BASE_STUDENTS.map((r, i) =>
      i === 1 ? r.map((c, j) => (j === 3 ? "未知" : c)) : r,
    );
    const result = await validate({
      [STUDENTS]: null,
      [ROSTER_BOOK]: workbook([
        { name: "说明", rows: [["本工作簿由学籍系统导出"]] },
        { name: "名单", rows: [["测试县第一小学学生名单"], [], ...rosterRows(rows)] },
      ]),
    });
    const bad = result.problems.filter((p) => p.code === "E_VALUE_INVALID");
    // Title (1), blank (2), header (3), first pupil (4), second pupil (5).
    expect(bad).toEqual([
      expect.objectContaining({
        file: inSheet(ROSTER_BOOK, "名单"),
        row: 5,
        column: "性别（D 列）",
      }),
    ]);
    expect(result.problems.map((p) => p.code).sort()).toEqual([
      "E_VALUE_INVALID",
      "W_HEADER_BELOW_TITLE",
    ]);
  });

  it("reports a missing column and a row wider than its header as for a CSV", async () => {
    const header = headersOf("students").filter((h) => h !== "性别");
    const rows = BASE_STUDENTS.map((r) => r.filter((_, i) => i !== 3));
    rows[0] = [...rows[0]!, ...Array<string>(header.length - rows[0]!.length).fill(""), "多余"];
    const missing = await validate({
      [STUDENTS]: null,
      [ROSTER_BOOK]: workbook([{ name: "名单", rows: rosterRows(rows, header) }]),
    });
    // The roster is not read at all then, as for a CSV (so care records are not linked).
    expect(
      missing.problems
        .filter((p) => p.file.startsWith(ROSTER_BOOK))
        .map((p) => [p.code, p.row, p.column]),
    ).toEqual([["E_HEADER_MISSING", 1, "性别"]]);
    const wide = await validate({
      [STUDENTS]: null,
      [ROSTER_BOOK]: workbook([
        {
          name: "名单",
          rows: rosterRows(BASE_STUDENTS.map((r, i) => (i === 0 ? [...r, "", "多余"] : r))),
        },
      ]),
    });
    expect(
      wide.problems.filter((p) => p.file.startsWith(ROSTER_BOOK)).map((p) => [p.code, p.row]),
    ).toEqual([["E_ROW_TOO_MANY_CELLS", 2]]);
  });
});

describe("cells typed as numbers, dates and formulas", () => {
  it("reports a 学籍号 stored as a number that has lost digits, masked", async () => {
    const rows: Cell[][] = BASE_STUDENTS.map((r) => [...r]);
    rows[2]![1] = 410102201805203456;
    const result = await validate({
      [STUDENTS]: null,
      [ROSTER_BOOK]: workbook([{ name: "名单", rows: rosterRows(rows) }]),
    });
    const damaged = result.problems.filter((p) => p.code === "E_EXCEL_DAMAGED_NUMBER");
    expect(damaged).toEqual([
      expect.objectContaining({
        file: inSheet(ROSTER_BOOK, "名单"),
        row: 4,
        column: "学籍号（B 列）",
      }),
    ]);
    expect(damaged[0]!.message).not.toContain("410102201805");
  });

  it("reads a school's own number stored as a number when it is exact", async () => {
    const rows: Cell[][] = BASE_STUDENTS.map((r) => [...r]);
    // A pupil without care records: the number replaces their 学籍号.
    const free = BASE_STUDENTS.findIndex((r) => !BASE_CARE.some((c) => c.includes(r[1]!)));
    rows[free]![1] = 20180301;
    const result = await validate({
      [STUDENTS]: null,
      [ROSTER_BOOK]: workbook([{ name: "名单", rows: rosterRows(rows) }]),
    });
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
  });

  it("reads date cells as dates, whatever their display format", async () => {
    const rows: Cell[][] = BASE_STUDENTS.map((r) => [...r]);
    rows.forEach((r, i) => {
      r[4] = dateCell(String(r[4]), i % 2 ? "yyyy-mm-dd" : 'yyyy"年"m"月"d"日"');
    });
    const fromDates = await validate({
      [STUDENTS]: null,
      [ROSTER_BOOK]: workbook([{ name: "名单", rows: rosterRows(rows) }]),
    });
    const fromCsv = await validate({});
    expect(fromDates.problems).toEqual([]);
    expect(fromDates.data.years[0]!.students).toEqual(fromCsv.data.years[0]!.students);
  });

  it("uses a formula's cached value", async () => {
    const rows: Cell[][] = BASE_ACTIVITIES.map((r) => [...r]);
    const lb = headersOf("activities").indexOf("参与留守儿童人数");
    rows[0]![lb] = formulaCell("3+4", 7);
    const result = await validate({
      [ACTIVITIES]: null,
      [`${YEAR}/activities.xlsx`]: workbook([
        { name: "活动", rows: [headersOf("activities"), ...rows] },
      ]),
    });
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.activities[0]!.lb_participants).toBe(7);
  });
});

describe("personal columns in a workbook", () => {
  it("drops them before any cell is copied: no value reaches a problem", async () => {
    const id = "410102201801011234";
    const header = [...headersOf("students"), "身份证件号", "家庭住址"];
    const rows = BASE_STUDENTS.map((r, i) => [...r, i === 0 ? "坏的证件号" : id, "青岚县某村"]);
    rows[1]![3] = "未知";
    const result = await validate({
      [STUDENTS]: null,
      [ROSTER_BOOK]: workbook([{ name: "名单", rows: rosterRows(rows, header) }]),
    });
    expect(result.problems.map((p) => p.code).sort()).toEqual([
      "E_VALUE_INVALID",
      "W_PERSONAL_COLUMNS_DROPPED",
    ]);
    const text = JSON.stringify(result);
    expect(text).not.toContain(id);
    expect(text).not.toContain("青岚县某村");
    expect(text).not.toContain("坏的证件号");
  });
});

describe("workbooks that are not tables", () => {
  it("reports a 0-byte .xlsx as empty", async () => {
    const result = await validate({ [STUDENTS]: null, [ROSTER_BOOK]: Buffer.alloc(0) });
    expect(
      result.problems.filter((p) => p.file.startsWith(ROSTER_BOOK)).map((p) => [p.code, p.file]),
    ).toEqual([["E_FILE_EMPTY", ROSTER_BOOK]]);
  });

  it("names the hidden sheet when it is the only one with content", async () => {
    const result = await validate({
      [STUDENTS]: null,
      [ROSTER_BOOK]: workbook([
        { name: "Sheet1", rows: [] },
        { name: "名单", rows: rosterRows(), hidden: true },
      ]),
    });
    const mine = result.problems.filter((p) => p.file.startsWith(ROSTER_BOOK));
    expect(mine.map((p) => [p.code, p.file])).toEqual([
      ["E_FILE_EMPTY", ROSTER_BOOK],
      ["W_WORKBOOK_HIDDEN_SHEET", ROSTER_BOOK],
    ]);
    expect(mine[1]!.message).toContain("名单");
  });

  it("reports a password-protected .xls as encrypted", async () => {
    const result = await validate({ [`${YEAR}/students/b.xls`]: encryptedXls() });
    expect(result.problems.map((p) => [p.code, p.file])).toEqual([
      ["E_WORKBOOK_ENCRYPTED", `${YEAR}/students/b.xls`],
    ]);
  });

  it("reports CSV text saved with an .xls name as not a workbook", async () => {
    const result = await validate({
      [`${YEAR}/students/b.xls`]: "学校标识码,学籍号\r\n4101020001,G410102201801011234\r\n",
    });
    expect(result.problems.map((p) => [p.code, p.file])).toEqual([
      ["E_WORKBOOK_UNREADABLE", `${YEAR}/students/b.xls`],
    ]);
  });

  it("reports a WPS .et file instead of ignoring it", async () => {
    const result = await validate({ [`${YEAR}/students/b.et`]: Buffer.from([1, 2, 3]) });
    expect(result.problems.map((p) => p.code)).toEqual(["E_WORKBOOK_UNREADABLE"]);
    expect(result.problems[0]!.message).toContain(".et");
  });

  it("ignores the lock file Excel leaves beside an open workbook", async () => {
    const result = await validate({ [`${YEAR}/students/~$a.xlsx`]: Buffer.from([1, 2, 3]) });
    expect(result.problems).toEqual([]);
  });
});

describe("cell text", () => {
  it("writes column letters as Excel does", () => {
    expect([0, 3, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      "A",
      "D",
      "Z",
      "AA",
      "AB",
      "ZZ",
      "AAA",
    ]);
  });

  it("shows numbers as Excel keeps them", () => {
    const n = (v: number, z?: string) => cellText({ t: "n", v, ...(z ? { z } : {}) }, false);
    expect(n(4101020001)).toBe("4101020001");
    expect(n(410102201805203456)).toBe("4.10102E+17");
    expect(n(0.1 + 0.2)).toBe("0.3");
    expect(n(45443, "yyyy/m/d")).toBe("2024-05-31");
    expect(cellText({ t: "n", v: 45443 - 1462, z: "yyyy-mm-dd" }, true)).toBe("2024-05-31");
    expect(cellText({ t: "e", v: 0x2a }, false)).toBe("#N/A");
    expect(cellText({ t: "b", v: true }, false)).toBe("TRUE");
  });
});
