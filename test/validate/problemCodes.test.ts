/**
 * Every code of the problem catalogue, triggered by a fixture that changes the base county in
 * one place, with the file, row and column the school has to look at.
 */
import { rmSync } from "node:fs";
import { readFile, truncate } from "node:fs/promises";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { main as checkMain } from "../../scripts/check.ts";
import { CATALOGUE, MAX_LISTED_PER_CODE, type ProblemCode } from "../../src/pipeline/problems.ts";
import { validateData, type ValidationResult } from "../../src/pipeline/validate/validateData.ts";
import { photoUnreadableCase } from "../photos/photoProblemCase.ts";
import {
  SUMMARY_TEXT_FILE,
  UNKNOWN_TEXT_FILE,
  summaryTextCase,
} from "../redact/summaryTextCase.ts";
import { textRedactedCase } from "../redact/textRedactedCase.ts";
import {
  PROBLEM_FIELDS,
  ACTIVITIES,
  BASE_ACTIVITIES,
  BASE_CARE,
  BASE_SCHOOLS,
  BASE_STUDENTS,
  CARE,
  MIDDLE,
  NINE_YEAR,
  PRIMARY,
  SCHOOLS,
  SITE_JSON,
  SOCIAL,
  STUDENTS,
  YEAR,
  activityRow,
  careRow,
  csv,
  headersOf,
  removeDataDirs,
  rosterCsv,
  rowOf,
  socialRow,
  student,
  tempDir,
  writeDataDir,
} from "../helpers/dataDir.ts";
import {
  encryptedWorkbook,
  rosterRows,
  rosterWorkbook,
  workbook,
  zipBomb,
} from "../helpers/workbooks.ts";

afterAll(removeDataDirs);

type Changes = Record<string, string | Buffer | null>;

interface Case {
  /** The test's sentence. */
  title: string;
  code: ProblemCode;
  /** Changes to the base county, or a custom run. */
  changes?: Changes;
  base?: boolean;
  run?: () => Promise<ValidationResult>;
  /** Where the problem must be reported. */
  file: string;
  row: number | null;
  column: string | null;
  /** How many problems of this code (default 1). */
  count?: number;
  /** Text the message must contain (e.g. the offending value, quoted or masked). */
  quotes?: string[];
}

/** The base roster with one row replaced (index 0 is Excel row 2). */
function rosterWith(index: number, row: string[]): string {
  const rows = BASE_STUDENTS.map((r, i) => (i === index ? row : r));
  return rosterCsv(rows);
}

/** The base roster with rows added at the end (the first added row is Excel row 8). */
function rosterPlus(...rows: string[][]): string {
  return rosterCsv([...BASE_STUDENTS, ...rows]);
}

function careWith(...rows: string[][]): string {
  return csv(headersOf("care"), [...BASE_CARE, ...rows]);
}

function activitiesWith(index: number, row: string[]): string {
  return csv(
    headersOf("activities"),
    BASE_ACTIVITIES.map((r, i) => (i === index ? row : r)),
  );
}

/** Pupils of one school with distinct 学籍号: `leftBehind` of them 双亲留守儿童. */
function pupils(school: string, n: number, leftBehind: number, prefix: string): string[][] {
  return Array.from({ length: n }, (_, i) =>
    student({
      school_id: school,
      student_no: `G${prefix}${String(i + 1).padStart(4, "0")}1`,
      grade: "四年级",
      birth_date: "2015-09-01",
      ...(i < leftBehind
        ? {}
        : { left_behind: "非留守儿童", father_away: "否", mother_away: "否", carer: "父亲" }),
    }),
  );
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const XLSX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]),
  Buffer.alloc(64),
]);

const extraColumn = (name: string, value: string): string =>
  csv(
    [...headersOf("students"), name],
    BASE_STUDENTS.map((r) => [...r, value]),
  );

const CASES: Case[] = [
  // ---- the data folder ----
  {
    title: "reports a data folder that does not exist",
    code: "E_DATA_DIR_MISSING",
    run: async () =>
      validateData(path.join(await tempDir(), "没有这个文件夹"), { keepRows: false }),
    file: "",
    row: null,
    column: null,
    quotes: ["没有这个文件夹"],
  },
  {
    title: "reports a data folder without any school-year folder",
    code: "E_NO_YEAR_FOLDERS",
    base: false,
    changes: { "site.json": JSON.stringify(SITE_JSON) },
    file: "",
    row: null,
    column: null,
  },
  {
    title: "reports a stray file in the data folder",
    code: "W_UNKNOWN_ENTRY",
    changes: { "说明.docx": "x" },
    file: "说明.docx",
    row: null,
    column: null,
    quotes: ["“说明.docx”"],
  },
  {
    title: "reports a year folder whose two years are not adjacent",
    code: "W_UNKNOWN_ENTRY",
    changes: { "2024-2026/schools.csv": "x" },
    file: "2024-2026",
    row: null,
    column: null,
  },
  {
    title: "reports a stray folder inside a year folder",
    code: "W_UNKNOWN_ENTRY",
    changes: { [`${YEAR}/旧数据/a.csv`]: "x" },
    file: `${YEAR}/旧数据`,
    row: null,
    column: null,
  },
  {
    title: "reports a non-CSV file in students/",
    code: "W_UNKNOWN_ENTRY",
    changes: { [`${YEAR}/students/说明.txt`]: "x" },
    file: `${YEAR}/students/说明.txt`,
    row: null,
    column: null,
  },
  {
    title: "reports a data folder without site.json",
    code: "E_SITE_JSON_MISSING",
    changes: { "site.json": null },
    file: "site.json",
    row: null,
    column: null,
  },
  {
    title: "reports a site.json that is not JSON",
    code: "E_SITE_JSON_INVALID",
    changes: { "site.json": "{ title: 测试 " },
    file: "site.json",
    row: null,
    column: null,
  },
  {
    title: "reports a misspelt key in site.json instead of ignoring it",
    code: "E_SITE_JSON_INVALID",
    changes: { "site.json": JSON.stringify({ ...SITE_JSON, titel: "错字" }) },
    file: "site.json",
    row: null,
    column: null,
    quotes: ["titel"],
  },
  {
    title: "reports a small-cell threshold below 3 in site.json at its key",
    code: "E_SITE_JSON_INVALID",
    changes: { "site.json": JSON.stringify({ ...SITE_JSON, k: 2 }) },
    file: "site.json",
    row: null,
    column: "k",
  },
  {
    title: "reports an ICP number in site.json that is not one, with an example of the form",
    code: "E_SITE_JSON_INVALID",
    changes: { "site.json": JSON.stringify({ ...SITE_JSON, icp: "12345678" }) },
    file: "site.json",
    row: null,
    column: "icp",
    quotes: ["ICP备12345678号-1"],
  },
  {
    title: "reports a 发布日期 in site.json that is not YYYY-MM-DD",
    code: "E_SITE_JSON_INVALID",
    changes: { "site.json": JSON.stringify({ ...SITE_JSON, publishDate: "2025年9月1日" }) },
    file: "site.json",
    row: null,
    column: "publishDate",
    quotes: ["YYYY-MM-DD"],
  },
  {
    title: "reports a year folder without schools.csv",
    code: "E_SCHOOLS_MISSING",
    changes: { [SCHOOLS]: null },
    file: YEAR,
    row: null,
    column: null,
  },
  {
    title: "reports a year folder without any roster file",
    code: "E_STUDENTS_MISSING",
    changes: { [STUDENTS]: null },
    file: YEAR,
    row: null,
    column: null,
  },
  {
    title: "warns about a year folder without care records",
    code: "W_CARE_MISSING",
    changes: { [CARE]: null },
    file: YEAR,
    row: null,
    column: null,
  },

  // ---- reading a file ----
  {
    title: "reports a roster file that disappears before it can be read",
    code: "E_FILE_UNREADABLE",
    run: async () => {
      const dir = await writeDataDir();
      return validateData(dir, {
        keepRows: false,
        // schools.csv is read before the roster: remove the roster once it is listed.
        onProgress: (e) => {
          if (e.file === SCHOOLS && e.done) rmSync(path.join(dir, ...STUDENTS.split("/")));
        },
      });
    },
    file: STUDENTS,
    row: null,
    column: null,
  },
  {
    title: "reports a 0-byte roster file",
    code: "E_FILE_EMPTY",
    changes: { [STUDENTS]: "" },
    file: STUDENTS,
    row: null,
    column: null,
  },
  {
    title: "reports a roster file with only blank lines as empty",
    code: "E_FILE_EMPTY",
    changes: { [STUDENTS]: "\r\n\r\n,,\r\n" },
    file: STUDENTS,
    row: null,
    column: null,
  },
  {
    title: "reports a PNG image renamed to .csv",
    code: "E_FILE_BINARY",
    changes: { [STUDENTS]: PNG },
    file: STUDENTS,
    row: null,
    column: null,
    quotes: ["图片"],
  },
  {
    title: "reports an Excel workbook renamed to .csv",
    code: "E_FILE_BINARY",
    changes: { [STUDENTS]: XLSX },
    file: STUDENTS,
    row: null,
    column: null,
    quotes: [".xlsx"],
  },
  // ---- workbooks ----
  {
    title: "reports a broken workbook (only the start of a zip) as unreadable",
    code: "E_WORKBOOK_UNREADABLE",
    changes: { [`${YEAR}/students/名单.xlsx`]: XLSX },
    file: `${YEAR}/students/名单.xlsx`,
    row: null,
    column: null,
  },
  {
    title: "reports a school list given both as CSV and as a workbook",
    code: "E_TABLE_TWICE",
    changes: {
      [`${YEAR}/schools.xlsx`]: workbook([
        {
          name: "学校",
          rows: [headersOf("schools"), ...BASE_SCHOOLS.map((s) => rowOf("schools", s))],
        },
      ]),
    },
    file: `${YEAR}/schools.xlsx`,
    row: null,
    column: null,
    quotes: ["schools.csv", "schools.xlsx"],
  },
  {
    title: "reports a workbook over the size limit without reading it",
    code: "E_WORKBOOK_TOO_LARGE",
    run: async () => {
      const dir = await writeDataDir({ [`${YEAR}/students/b.xlsx`]: rosterWorkbook() });
      await truncate(path.join(dir, YEAR, "students", "b.xlsx"), 101 * 1024 * 1024);
      return validateData(dir, { keepRows: false });
    },
    file: `${YEAR}/students/b.xlsx`,
    row: null,
    column: null,
    quotes: ["101.0 MB", "100 MB"],
  },
  {
    title: "reports a zip bomb dressed as a workbook without inflating it all",
    code: "E_WORKBOOK_ZIP_BOMB",
    changes: { [`${YEAR}/students/b.xlsx`]: zipBomb() },
    file: `${YEAR}/students/b.xlsx`,
    row: null,
    column: null,
  },
  {
    title: "reports a password-protected workbook",
    code: "E_WORKBOOK_ENCRYPTED",
    changes: { [`${YEAR}/students/b.xlsx`]: encryptedWorkbook() },
    file: `${YEAR}/students/b.xlsx`,
    row: null,
    column: null,
    quotes: ["密码"],
  },
  {
    title: "reports a workbook with two sheets that both have a roster header, naming both",
    code: "E_WORKBOOK_SHEETS_AMBIGUOUS",
    changes: {
      [STUDENTS]: null,
      [`${YEAR}/students/b.xlsx`]: workbook([
        { name: "一年级", rows: rosterRows() },
        { name: "二年级", rows: rosterRows() },
      ]),
    },
    file: `${YEAR}/students/b.xlsx`,
    row: null,
    column: null,
    quotes: ["一年级", "二年级"],
  },
  {
    title: "reports a hidden sheet that was not read",
    code: "W_WORKBOOK_HIDDEN_SHEET",
    changes: {
      [STUDENTS]: null,
      [`${YEAR}/students/b.xlsx`]: workbook([
        { name: "名单", rows: rosterRows() },
        {
          name: "已转出",
          rows: rosterRows([student({ student_no: "G410102201801019999" })]),
          hidden: true,
        },
      ]),
    },
    file: `${YEAR}/students/b.xlsx（工作表“名单”）`,
    row: null,
    column: null,
    quotes: ["已转出"],
  },
  {
    title: "reports hidden rows, which are read as usual",
    code: "W_WORKBOOK_HIDDEN_ROWS",
    changes: {
      [STUDENTS]: null,
      [`${YEAR}/students/b.xlsx`]: workbook([
        { name: "名单", rows: rosterRows(), hiddenRows: [2, 3] },
      ]),
    },
    file: `${YEAR}/students/b.xlsx（工作表“名单”）`,
    row: null,
    column: null,
    quotes: ["第 3、4 行"],
  },
  {
    title: "says that the header was found below a title row",
    code: "W_HEADER_BELOW_TITLE",
    changes: {
      [STUDENTS]: null,
      [`${YEAR}/students/b.xlsx`]: workbook([
        { name: "名单", rows: [["测试县第一小学学生名单"], [], ...rosterRows()] },
      ]),
    },
    file: `${YEAR}/students/b.xlsx（工作表“名单”）`,
    row: 3,
    column: null,
    quotes: ["第 3 行", "上面的 2 行"],
  },
  {
    title: "reports a roster saved as UTF-16 (Excel's Unicode text)",
    code: "E_ENCODING_INVALID",
    changes: { [STUDENTS]: iconv.encode(rosterCsv(BASE_STUDENTS), "utf-16le", { addBOM: true }) },
    file: STUDENTS,
    row: null,
    column: null,
    quotes: ["UTF-16"],
  },
  {
    title: "reports a roster file that mixes UTF-8 and GB18030",
    code: "E_ENCODING_INVALID",
    changes: {
      [STUDENTS]: Buffer.concat([
        Buffer.from(rosterCsv(BASE_STUDENTS.slice(0, 3)), "utf8"),
        iconv.encode(
          BASE_STUDENTS.slice(3)
            .map((r) => r.join(","))
            .join("\r\n"),
          "gb18030",
        ),
      ]),
    },
    file: STUDENTS,
    row: null,
    column: null,
  },
  {
    title: "warns about a roster file with a header and no rows",
    code: "W_FILE_NO_ROWS",
    changes: { [STUDENTS]: rosterCsv([]), [`${YEAR}/students/b.csv`]: rosterCsv(BASE_STUDENTS) },
    file: STUDENTS,
    row: null,
    column: null,
  },
  {
    title: "reports a roster without the required 性别 column at the header row",
    code: "E_HEADER_MISSING",
    changes: {
      [STUDENTS]: csv(
        headersOf("students").filter((h) => h !== "性别"),
        BASE_STUDENTS.map((r) => r.filter((_, i) => i !== 3)),
      ),
    },
    file: STUDENTS,
    row: 1,
    column: "性别",
  },
  {
    title: "reports a roster exported without its header row, at its first row",
    code: "E_HEADER_NOT_FOUND",
    changes: { [STUDENTS]: BASE_STUDENTS.map((r) => r.join(",")).join("\r\n") },
    file: STUDENTS,
    row: 1,
    column: null,
  },
  {
    title: "reports a roster with both 学籍号 and its alias 全国学籍号",
    code: "E_HEADER_DUPLICATE",
    changes: { [STUDENTS]: extraColumn("全国学籍号", "G410102201803019999") },
    file: STUDENTS,
    row: 1,
    column: "全国学籍号",
    quotes: ["学籍号"],
  },
  {
    title: "warns once about unknown columns, naming them",
    code: "W_HEADER_UNKNOWN",
    changes: { [STUDENTS]: extraColumn("备用列", "") },
    file: STUDENTS,
    row: 1,
    column: null,
    quotes: ["备用列"],
  },
  {
    title: "warns that a 身份证件号 column was dropped",
    code: "W_PERSONAL_COLUMNS_DROPPED",
    changes: { [STUDENTS]: extraColumn("身份证件号", "410102201803011234") },
    file: STUDENTS,
    row: 1,
    column: null,
    quotes: ["身份证件号"],
  },
  {
    title: "reports a row with more cells than the header",
    code: "E_ROW_TOO_MANY_CELLS",
    changes: { [STUDENTS]: rosterWith(1, [...BASE_STUDENTS[1]!, "多余"]) },
    file: STUDENTS,
    row: 3,
    column: null,
    quotes: ["18"],
  },
  {
    title: "reports a line longer than 1 MB",
    code: "E_ROW_TOO_LONG",
    changes: { [STUDENTS]: rosterWith(1, student({ name: "长".repeat(3 << 20) })) },
    file: STUDENTS,
    row: 3,
    column: null,
  },
  {
    title: "reports a quote that is never closed at the row where it opens",
    code: "E_QUOTE_UNCLOSED",
    changes: {
      [STUDENTS]: `${rosterCsv(BASE_STUDENTS.slice(0, 1))}${BASE_STUDENTS[1]!.join(",").replace("李小红", '"李小红')}\r\n${rosterCsv(BASE_STUDENTS.slice(2)).split("\r\n").slice(1).join("\r\n")}`,
    },
    file: STUDENTS,
    row: 3,
    column: null,
  },

  // ---- single cells ----
  {
    title: "reports an empty required 性别 cell",
    code: "E_REQUIRED_EMPTY",
    changes: { [STUDENTS]: rosterWith(0, student({ sex: "" })) },
    file: STUDENTS,
    row: 2,
    column: "性别",
  },
  {
    title: "reports a 性别 that is not in the vocabulary, quoting it",
    code: "E_VALUE_INVALID",
    changes: {
      [STUDENTS]: rosterWith(2, student({ student_no: "G410102201805203456", sex: "未知" })),
    },
    file: STUDENTS,
    row: 4,
    column: "性别",
    quotes: ["“未知”"],
  },
  {
    title: "reports a 学校标识码 that is not 10 digits",
    code: "E_SCHOOL_ID_INVALID",
    changes: { [STUDENTS]: rosterWith(0, student({ school_id: "41010200" })) },
    file: STUDENTS,
    row: 2,
    column: "学校标识码",
    quotes: ["“41010200”"],
  },
  {
    title: "reports a 学籍号 that Excel turned into 4.10101E+17",
    code: "E_EXCEL_DAMAGED_NUMBER",
    changes: { [STUDENTS]: rosterWith(0, student({ student_no: "4.10101E+17" })) },
    file: STUDENTS,
    row: 2,
    column: "学籍号",
    quotes: ["Excel 已截断长数字", "文本"],
  },
  {
    title: "reports a 学籍号 whose last three digits Excel turned into 000",
    code: "E_EXCEL_DAMAGED_NUMBER",
    changes: { [STUDENTS]: rosterWith(0, student({ student_no: "G410102201803011000" })) },
    file: STUDENTS,
    row: 2,
    column: "学籍号",
    quotes: ["000"],
  },
  {
    title: "reports a 学校标识码 that Excel turned into scientific notation",
    code: "E_EXCEL_DAMAGED_NUMBER",
    changes: { [STUDENTS]: rosterWith(0, student({ school_id: "4.10102E+09" })) },
    file: STUDENTS,
    row: 2,
    column: "学校标识码",
  },
  {
    title: "reports a 学籍号 of the wrong form, masked",
    code: "E_STUDENT_NO_INVALID",
    changes: { [STUDENTS]: rosterWith(0, student({ student_no: "G4101022018-0301-1234" })) },
    file: STUDENTS,
    row: 2,
    column: "学籍号",
    quotes: ["G4101…1234"],
  },
  {
    title: "reports every copy of a 学籍号 after the first, masked, naming the first",
    code: "E_STUDENT_NO_DUPLICATE",
    changes: { [STUDENTS]: rosterPlus(BASE_STUDENTS[0]!, BASE_STUDENTS[0]!) },
    file: STUDENTS,
    row: 8,
    column: "学籍号",
    count: 2,
    quotes: ["G4101…1234", "第 2 行"],
  },
  {
    title: "reports a 学籍号 repeated in another roster file of the same year",
    code: "E_STUDENT_NO_DUPLICATE",
    changes: { [`${YEAR}/students/b.csv`]: rosterCsv([BASE_STUDENTS[3]!]) },
    file: `${YEAR}/students/b.csv`,
    row: 2,
    column: "学籍号",
    quotes: ["G4101…4567", `${STUDENTS} 第 5 行`],
  },
  {
    title: "reports an impossible 出生日期 without quoting it in full",
    code: "E_DATE_INVALID",
    changes: { [STUDENTS]: rosterWith(0, student({ birth_date: "2018-02-30" })) },
    file: STUDENTS,
    row: 2,
    column: "出生日期",
  },
  {
    title: "reports an impossible care date, quoting it",
    code: "E_DATE_INVALID",
    changes: { [CARE]: careWith(careRow({ date: "2025-02-29", care_type: "谈心" })) },
    file: CARE,
    row: 5,
    column: "日期",
    quotes: ["“2025-02-29”"],
  },
  {
    title: "reports a care date before the school year began",
    code: "E_DATE_OUTSIDE_YEAR",
    changes: { [CARE]: careWith(careRow({ date: "2024-08-31", care_type: "谈心" })) },
    file: CARE,
    row: 5,
    column: "日期",
    quotes: ["“2024-08-31”", "2024-09-01"],
  },
  {
    title: "reports a social-support date after the school year ended",
    code: "E_DATE_OUTSIDE_YEAR",
    changes: { [SOCIAL]: csv(headersOf("social"), [socialRow({ date: "2025年9月1日" })]) },
    file: SOCIAL,
    row: 2,
    column: "日期",
  },
  {
    title: "reports an activity title longer than 80 characters",
    code: "E_TEXT_TOO_LONG",
    changes: { [ACTIVITIES]: activitiesWith(1, activityRow({ title: "读".repeat(81) })) },
    file: ACTIVITIES,
    row: 3,
    column: "活动名称",
    quotes: ["81", "80"],
  },
  {
    title: "reports a participant count written in words",
    code: "E_NUMBER_INVALID",
    changes: { [ACTIVITIES]: activitiesWith(0, activityRow({ lb_participants: "十二" })) },
    file: ACTIVITIES,
    row: 2,
    column: "参与留守儿童人数",
    quotes: ["“十二”"],
  },
  {
    title: "reports an amount that is not a number",
    code: "E_NUMBER_INVALID",
    changes: { [SOCIAL]: csv(headersOf("social"), [socialRow({ amount_yuan: "若干" })]) },
    file: SOCIAL,
    row: 2,
    column: "折合金额",
  },
  {
    title: "reports a school listed twice in schools.csv",
    code: "E_SCHOOL_ID_DUPLICATE",
    changes: {
      [SCHOOLS]: csv(headersOf("schools"), [
        ...BASE_SCHOOLS.map((s) => rowOf("schools", s)),
        rowOf("schools", { ...BASE_SCHOOLS[0]!, school_name: "测试县第一小学（重复）" }),
      ]),
    },
    file: SCHOOLS,
    row: 5,
    column: "学校标识码",
    quotes: [PRIMARY, "第 2 行"],
  },

  // ---- across cells, rows and files ----
  {
    title: "reports a roster row whose school is not in schools.csv",
    code: "E_SCHOOL_UNKNOWN",
    changes: {
      [STUDENTS]: rosterPlus(
        student({ school_id: "4101029999", student_no: "G410102201803019991" }),
      ),
    },
    file: STUDENTS,
    row: 8,
    column: "学校标识码",
    quotes: ["4101029999"],
  },
  {
    title: "reports a care record whose school is not in schools.csv",
    code: "E_SCHOOL_UNKNOWN",
    changes: { [CARE]: careWith(careRow({ school_id: "4101029999", care_type: "谈心" })) },
    file: CARE,
    row: 5,
    column: "学校标识码",
  },
  {
    title: "reports a 双亲留守儿童 whose father is not away",
    code: "E_LEFT_BEHIND_CONTRADICTION",
    changes: { [STUDENTS]: rosterWith(0, student({ father_away: "否" })) },
    file: STUDENTS,
    row: 2,
    column: "是否留守儿童",
    quotes: ["双亲留守儿童"],
  },
  {
    title: "reports a 非留守儿童 whose mother is away",
    code: "E_LEFT_BEHIND_CONTRADICTION",
    changes: {
      [STUDENTS]: rosterWith(
        2,
        student({
          student_no: "G410102201805203456",
          left_behind: "0",
          father_away: "否",
          mother_away: "是",
        }),
      ),
    },
    file: STUDENTS,
    row: 4,
    column: "是否留守儿童",
  },
  {
    title: "reports 初二 at a 小学",
    code: "E_GRADE_NOT_OFFERED",
    changes: { [STUDENTS]: rosterWith(0, student({ grade: "初二", birth_date: "2011-05-01" })) },
    file: STUDENTS,
    row: 2,
    column: "年级",
    quotes: ["八年级", "小学"],
  },
  {
    title: "warns about an age more than 3 years off the grade",
    code: "W_AGE_GRADE_MISMATCH",
    changes: { [STUDENTS]: rosterWith(0, student({ birth_date: "2014-08-31" })) },
    file: STUDENTS,
    row: 2,
    column: "出生日期",
    quotes: ["10 岁", "一年级"],
  },
  {
    title: "warns about a school in schools.csv without roster rows, at its row",
    code: "W_SCHOOL_NO_ROSTER",
    changes: { [STUDENTS]: rosterCsv(BASE_STUDENTS.slice(0, 5)) },
    file: SCHOOLS,
    row: 4,
    column: null,
    quotes: ["学校未报送名单", "河湾乡九年一贯制学校"],
  },
  {
    title: "reports a care record for a 学籍号 not on the roster, masked",
    code: "E_CARE_STUDENT_UNKNOWN",
    changes: { [CARE]: careWith(careRow({ student_no: "G410102209901015678" })) },
    file: CARE,
    row: 5,
    column: "学籍号",
    quotes: ["G4101…5678"],
  },
  {
    title: "warns about a care record for a child who is not left behind",
    code: "W_CARE_NOT_LEFT_BEHIND",
    changes: { [CARE]: careWith(careRow({ student_no: "G410102201805203456" })) },
    file: CARE,
    row: 5,
    column: "学籍号",
    quotes: ["G4101…3456"],
  },
  {
    title: "warns about a care record whose school differs from the roster's",
    code: "W_CARE_SCHOOL_MISMATCH",
    changes: { [CARE]: careWith(careRow({ school_id: MIDDLE, care_type: "慰问" })) },
    file: CARE,
    row: 5,
    column: "学校标识码",
    quotes: ["测试县第一小学"],
  },
  {
    title: "warns about an exact duplicate care row, naming the first",
    code: "W_CARE_DUPLICATE",
    changes: { [CARE]: careWith(BASE_CARE[1]!) },
    file: CARE,
    row: 5,
    column: null,
    quotes: [`${CARE} 第 3 行`],
  },
  {
    title: "reports fewer participants than left-behind participants",
    code: "E_PARTICIPANTS_INCONSISTENT",
    changes: { [ACTIVITIES]: activitiesWith(0, activityRow({ participants: "5" })) },
    file: ACTIVITIES,
    row: 2,
    column: "参与总人数",
    quotes: ["5", "12"],
  },
  {
    title: "reports an activity with neither school nor county",
    code: "E_COUNTY_REQUIRED",
    changes: { [ACTIVITIES]: activitiesWith(1, activityRow({ school_id: "", county: "" })) },
    file: ACTIVITIES,
    row: 3,
    column: "学校标识码",
  },
  {
    title: "reports a donation for a county not named in schools.csv",
    code: "E_COUNTY_UNKNOWN",
    changes: {
      [SOCIAL]: csv(headersOf("social"), [socialRow({ school_id: "", county: "别的县" })]),
    },
    file: SOCIAL,
    row: 2,
    column: "区县",
    quotes: ["别的县"],
  },
  {
    title: "reports a photo path that climbs out of photos/",
    code: "E_PHOTO_PATH_UNSAFE",
    changes: { [ACTIVITIES]: activitiesWith(0, activityRow({ photos: "../../site.json" })) },
    file: ACTIVITIES,
    row: 2,
    column: "照片",
    quotes: ["../../site.json"],
  },
  {
    title: "reports absolute photo paths, Windows and Unix",
    code: "E_PHOTO_PATH_UNSAFE",
    changes: {
      [ACTIVITIES]: activitiesWith(0, activityRow({ photos: "C:\\照片\\a.jpg；/etc/passwd" })),
    },
    file: ACTIVITIES,
    row: 2,
    column: "照片",
    count: 2,
  },
  {
    title: "reports a photo that is not in photos/",
    code: "E_PHOTO_MISSING",
    changes: {
      [ACTIVITIES]: activitiesWith(0, activityRow({ photos: "zhongqiu.jpg;guoqing.jpg" })),
    },
    file: ACTIVITIES,
    row: 2,
    column: "照片",
    quotes: ["guoqing.jpg"],
  },
  {
    title: "reports a consented photo that cannot be decoded as an image",
    code: "E_PHOTO_UNREADABLE",
    run: photoUnreadableCase,
    file: ACTIVITIES,
    row: 2,
    column: "照片",
    quotes: ["zhongqiu.jpg"],
  },
  {
    title: "warns about a roster name and a mobile number redacted from an activity summary",
    code: "W_TEXT_REDACTED",
    run: textRedactedCase,
    file: ACTIVITIES,
    row: 2,
    column: "简介",
    quotes: ["学生姓名“王＊＊”", "手机号“138＊＊＊＊”"],
  },
  {
    title: "warns about a roster name and a mobile number redacted from the bureau's 下一步工作",
    code: "W_SUMMARY_TEXT_REDACTED",
    run: summaryTextCase,
    file: SUMMARY_TEXT_FILE,
    row: null,
    column: null,
    quotes: ["第 2 段", "学生姓名“王＊＊”", "手机号“138＊＊＊＊”"],
  },
  {
    title: "warns about a 下一步工作 text named after no unit of the year",
    code: "W_SUMMARY_TEXT_UNIT_UNKNOWN",
    run: summaryTextCase,
    file: UNKNOWN_TEXT_FILE,
    row: null,
    column: null,
    quotes: ["“不存在的学校”"],
  },
  {
    title: "warns about a school where more than 70% of pupils are left behind",
    code: "W_RATE_IMPLAUSIBLE",
    changes: {
      [STUDENTS]: rosterCsv([
        ...BASE_STUDENTS.slice(0, 5),
        ...pupils(NINE_YEAR, 10, 8, "410102201509"),
      ]),
    },
    file: SCHOOLS,
    row: null,
    column: null,
    quotes: ["河湾乡九年一贯制学校", "80.0%"],
  },
  {
    title: "warns about a left-behind share that jumps more than 15 points from last year",
    code: "W_RATE_JUMP",
    changes: {
      "2023-2024/schools.csv": csv(
        headersOf("schools"),
        BASE_SCHOOLS.map((s) => rowOf("schools", s)),
      ),
      "2023-2024/students/a.csv": rosterCsv([
        ...BASE_STUDENTS.slice(0, 5),
        ...pupils(NINE_YEAR, 20, 2, "410102201509"),
      ]),
      [STUDENTS]: rosterCsv([
        ...BASE_STUDENTS.slice(0, 5),
        ...pupils(NINE_YEAR, 20, 10, "410102201509"),
      ]),
    },
    file: SCHOOLS,
    row: null,
    column: null,
    quotes: ["河湾乡九年一贯制学校", "10.0%", "50.0%"],
  },
  {
    title: "lists at most MAX_LISTED_PER_CODE problems of one code per file and counts the rest",
    code: "W_MORE_PROBLEMS",
    changes: {
      [STUDENTS]: rosterCsv([
        ...BASE_STUDENTS,
        ...Array.from({ length: MAX_LISTED_PER_CODE + 5 }, (_, i) =>
          student({ student_no: `G4101022018030${String(i).padStart(4, "0")}1`, sex: "未知" }),
        ),
      ]),
    },
    file: STUDENTS,
    row: null,
    column: null,
    quotes: ["E_VALUE_INVALID", "5"],
  },
];

/** Every result of the table, for the checks across all of them below. */
const results: { title: string; result: ValidationResult }[] = [];

async function runCase(c: Case): Promise<ValidationResult> {
  if (c.run) return c.run();
  const dir = await writeDataDir(c.changes ?? {}, { base: c.base ?? true });
  return validateData(dir, { keepRows: false });
}

describe("the problem catalogue", () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.title}`, { timeout: 30_000 }, async () => {
      const result = await runCase(c);
      results.push({ title: c.title, result });
      const found = result.problems.filter((p) => p.code === c.code);
      expect(found, JSON.stringify(result.problems, null, 1)).toHaveLength(c.count ?? 1);
      const at = found.find((p) => p.file === c.file && p.row === c.row && p.column === c.column);
      expect(at, JSON.stringify(found, null, 1)).toBeDefined();
      const p = at!;
      expect(p.severity).toBe(CATALOGUE[c.code].severity);
      expect(Object.keys(p).sort()).toEqual(PROBLEM_FIELDS);
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      for (const text of c.quotes ?? []) expect(p.message).toContain(text);
      // The counts agree with the listed problems (W_MORE_PROBLEMS aside, tested below).
      if (c.code !== "W_MORE_PROBLEMS") {
        expect(result.errors).toBe(result.problems.filter((q) => q.severity === "error").length);
      }
    });
  }

  it("has a fixture for every code in CATALOGUE", () => {
    const covered = new Set(CASES.map((c) => c.code));
    const missing = Object.keys(CATALOGUE).filter((code) => !covered.has(code as ProblemCode));
    expect(missing).toEqual([]);
  });
});

describe("problems beyond MAX_LISTED_PER_CODE", () => {
  it("still counts every error in `errors` when only some are listed", async () => {
    const extra = MAX_LISTED_PER_CODE + 5;
    const result = await runCase(CASES.find((c) => c.code === "W_MORE_PROBLEMS")!);
    expect(result.problems.filter((p) => p.code === "E_VALUE_INVALID")).toHaveLength(
      MAX_LISTED_PER_CODE,
    );
    expect(result.errors).toBe(extra);
    const listedRows = result.problems
      .filter((p) => p.code === "E_VALUE_INVALID")
      .map((p) => p.row);
    // The first ones are listed, in row order: the base roster fills rows 2…7.
    expect(listedRows[0]).toBe(BASE_STUDENTS.length + 2);
    expect(listedRows.at(-1)).toBe(BASE_STUDENTS.length + 1 + MAX_LISTED_PER_CODE);
  });
});

describe("the check command with problems beyond MAX_LISTED_PER_CODE", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("gives the full error count, listed or not, in its summary and HTML report", async () => {
    const extra = MAX_LISTED_PER_CODE + 5;
    const c = CASES.find((k) => k.code === "W_MORE_PROBLEMS")!;
    const dir = await writeDataDir(c.changes);
    const html = path.join(await tempDir(), "report.html");
    const printed: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    });
    const code = await checkMain(["--data", dir, "--html", html, "--quiet"]);
    vi.restoreAllMocks();
    expect(code).toBe(1);
    const totals = [...printed.join("").matchAll(/(\d+) 个错误/g)].map((m) => Number(m[1]));
    expect(totals.length).toBeGreaterThan(0);
    expect(new Set(totals)).toEqual(new Set([extra]));
    const report = await readFile(html, "utf8");
    expect(report).toMatch(new RegExp(`有 ${extra} 个错误`));
  });
});

/** Values of the NEVER-publish columns in the base county and the fixtures above. */
const SECRETS = [
  ...BASE_STUDENTS.flatMap((r) => [r[1]!, r[2]!, r[4]!, r[6]!]),
  ...BASE_CARE.flatMap((r) => [r[4]!, r[5]!]).filter((v) => v !== ""),
  "G410102201803011000",
  "G4101022018-0301-1234",
  "2018-02-30",
  "2014-08-31",
  "2011-05-01",
  "G410102209901015678",
];

/** A NEVER-publish value shows at most its first 5 and last 4 characters. */
function leaks(message: string): string[] {
  return SECRETS.filter((s) => message.includes(s));
}

describe("NEVER-publish values in messages", () => {
  it("never appear unmasked in any message of the fixtures above", () => {
    expect(results.length).toBe(CASES.length);
    const leaked = results.flatMap(({ title, result }) =>
      result.problems.flatMap((p) => leaks(p.message).map((s) => `${title}: ${s} in ${p.message}`)),
    );
    expect(leaked).toEqual([]);
  });

  it("are masked like G4101…1234 in a roster full of bad 学籍号 and dates", async () => {
    const bad: string[][] = [
      student({ student_no: "G4101022018030112345678" }), // 22 digits after G
      student({ student_no: "G410102201803017000" }), // Excel's 000, wrong check character
      student({ student_no: "4.10102201803011E+17" }),
      student({ student_no: "G410102201707152345", birth_date: "2018-13-01" }), // duplicate
      student({
        student_no: "G410102201803019876",
        birth_date: "2018/02/31",
        class: "一年级(9)班",
      }),
    ];
    const care: string[][] = [
      careRow({ student_no: "G410102209901015678", staff: "钱老师", note: "父母离异，由奶奶照顾" }),
      careRow({ student_no: "G410102201805203456", staff: "孙老师", note: "家访时发现家中困难" }),
      careRow({ school_id: MIDDLE, staff: "周老师", note: "建立留守儿童档案" }),
      careRow({ student_no: "G41010220180301", date: "2024-02-30" }),
    ];
    const dir = await writeDataDir({
      [STUDENTS]: rosterPlus(...bad),
      [CARE]: careWith(...care),
    });
    const { problems } = await validateData(dir, { keepRows: false });
    const secretValues = [
      ...bad.flatMap((r) => [r[1]!, r[4]!, r[6]!]),
      ...care.flatMap((r) => [r[2]!, r[4]!, r[5]!]),
    ];
    const leaked = problems.flatMap((p) =>
      secretValues.filter((s) => p.message.includes(s)).map((s) => `${s} in ${p.code}`),
    );
    expect(leaked).toEqual([]);
    const messages = (code: ProblemCode) =>
      problems.filter((p) => p.code === code).map((p) => p.message);
    expect(messages("E_STUDENT_NO_INVALID").join()).toContain("“G4101…5678”");
    expect(messages("E_STUDENT_NO_DUPLICATE").join()).toContain("“G4101…2345”");
    expect(messages("E_CARE_STUDENT_UNKNOWN").join()).toContain("“G4101…5678”");
    expect(messages("W_CARE_NOT_LEFT_BEHIND").join()).toContain("“G4101…3456”");
    expect(messages("W_CARE_SCHOOL_MISMATCH").join()).toContain("“G4101…1234”");
    for (const p of problems.filter((q) => q.column === "学籍号")) {
      expect(p.message).toMatch(/“[^”]{1,5}…[^”]{0,4}”/);
    }
  });

  it("are never quoted from the first row of a roster exported without its header row", async () => {
    const dir = await writeDataDir({
      [STUDENTS]: BASE_STUDENTS.map((r) => r.join(",")).join("\r\n"),
    });
    const { problems } = await validateData(dir, { keepRows: false });
    expect(problems.some((p) => p.code === "E_HEADER_NOT_FOUND" && p.file === STUDENTS)).toBe(true);
    const first = BASE_STUDENTS[0]!;
    const secrets = [first[1]!, first[2]!, first[4]!, first[6]!];
    const leaked = problems.flatMap((p) =>
      secrets.filter((s) => p.message.includes(s)).map((s) => `${s} in ${p.code}`),
    );
    expect(leaked).toEqual([]);
  });
});
