/**
 * The blank templates as Excel workbooks (docs/templates/*.xlsx), generated from the same
 * column vocabulary as the CSV templates: a drop-down list on every coded column, 学籍号 and
 * other id columns formatted as text, a frozen header row, and an instruction sheet.
 */
import {
  ACTIVITY_TYPES,
  CARERS,
  GRADE_LABELS,
  SCHOOL_LEVELS,
  URBAN_RURAL,
} from "../validate/values.ts";
import { CARE_TYPES } from "../validate/siteConfig.ts";
import {
  textLines,
  textWidth,
  writeXlsx,
  type XlsxCell,
  type XlsxListValidation,
  type XlsxSheet,
} from "../xlsxWriter.ts";
import { COLUMNS, type ColumnHeader, type FileKind } from "./headers.ts";
import { templateHeaders } from "./templates.ts";

/** The workbook file of each template. */
export const TEMPLATE_WORKBOOKS: Readonly<Record<FileKind, string>> = {
  schools: "schools.xlsx",
  students: "students.xlsx",
  care: "care.xlsx",
  activities: "activities.xlsx",
  social: "social.xlsx",
};

/** Name of the sheet to fill in. */
export const TEMPLATE_SHEETS: Readonly<Record<FileKind, string>> = {
  schools: "学校名单",
  students: "学生名单",
  care: "关爱记录",
  activities: "关爱活动",
  social: "社会关爱",
};

/** What one row is, said on the instruction sheet. */
const ONE_ROW: Readonly<Record<FileKind, string>> = {
  schools: "一所学校一行",
  students: "一名在校学生一行",
  care: "为一名学生做的一次关爱工作一行",
  activities: "一次活动一行",
  social: "一次捐赠或走访一行",
};

const YES_NO = ["是", "否"];

/** The drop-down list of each coded column (values the reader accepts as they are). */
export const DROP_DOWNS: Readonly<Record<string, readonly string[]>> = {
  level: SCHOOL_LEVELS,
  urban_rural: Object.keys(URBAN_RURAL),
  has_care_home: YES_NO,
  has_counseling_room: YES_NO,
  sex: ["男", "女"],
  grade: Object.entries(GRADE_LABELS)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, label]) => label),
  left_behind: ["非留守儿童", "单亲留守儿童", "双亲留守儿童"],
  father_away: YES_NO,
  mother_away: YES_NO,
  home_parent_incapable: YES_NO,
  carer: CARERS,
  orphan: YES_NO,
  disabled: YES_NO,
  low_income: YES_NO,
  single_parent_family: YES_NO,
  boarding: ["走读", "住校"],
  care_type: CARE_TYPES,
  activity_type: ACTIVITY_TYPES,
  photo_consent: YES_NO,
};

/** Columns whose values are ids or codes typed as digits: formatted as text. */
export const TEXT_COLUMNS: ReadonlySet<string> = new Set(["school_id", "student_no"]);

/** Dates: what to type. */
const DATE_KEYS = new Set(["date", "birth_date"]);

/** Rows below the header that get the drop-down lists (a large school's roster fits). */
export const TEMPLATE_ROWS = 10_000;

function hint(c: ColumnHeader): string {
  const list = DROP_DOWNS[c.key];
  if (list) return `从下拉列表中选：${list.join("、")}`;
  if (c.key === "school_id") return "10 位学校标识码（本列已设为文本格式）";
  if (c.key === "student_no") return "学籍号，如 G410102201801011234（本列已设为文本格式）";
  if (DATE_KEYS.has(c.key)) return "日期，如 2024-05-31";
  if (c.key === "photos") return "photos 文件夹中的文件名，多张用“;”分隔";
  if (/participants|beneficiaries/.test(c.key)) return "人数，整数";
  if (c.key === "amount_yuan") return "金额（元），如 12000 或 1.2万";
  return "文字";
}

/** The sheets of a template workbook: the table to fill in, then the instructions. */
export function templateSheets(kind: FileKind): XlsxSheet[] {
  const columns = COLUMNS[kind] as readonly ColumnHeader[];
  const header = templateHeaders(kind);
  const validations: XlsxListValidation[] = [];
  columns.forEach((c, col) => {
    const values = DROP_DOWNS[c.key];
    if (values)
      validations.push({
        col,
        values,
        fromRow: 2,
        toRow: TEMPLATE_ROWS + 1,
        error: `请从下拉列表中选择：${values.join("、")}`,
      });
  });
  const text = columns.flatMap((c, i) => (TEXT_COLUMNS.has(c.key) ? [i] : []));
  const table: XlsxSheet = {
    name: TEMPLATE_SHEETS[kind],
    rows: [header],
    widths: header.map((h, i) =>
      Math.max(10, textWidth(h) + 2, ...(DROP_DOWNS[columns[i]!.key] ?? []).map(textWidth)),
    ),
    freeze: { rows: 1, cols: 0 },
    headerRows: [1],
    textColumns: text,
    validations,
  };
  const intro: string[] = [
    `在“${TEMPLATE_SHEETS[kind]}”工作表中填写，${ONE_ROW[kind]}。不要改动第 1 行的列名。`,
    "列名末尾带“*”的是必填列，不能留空。用不到的非必填列可以删掉，列的顺序也可以调整。",
    "学校标识码、学籍号两列已设为文本格式，直接填写或粘贴即可，长数字不会被改坏。不要把这两列改成“常规”或“数值”。",
    "填好后直接保存为 Excel 工作簿（.xlsx），放进数据文件夹，不需要另存为 CSV。",
    "本工作表不会被读取。完整说明见《数据填报说明》。",
  ];
  // One line a row: a long text is cut into lines rather than wrapped (see `textLines`).
  const rows: XlsxCell[][] = [[`${TEMPLATE_SHEETS[kind]}填写说明`]];
  for (const text of intro) for (const line of textLines(text, HINT_WIDTH)) rows.push([line]);
  rows.push([], ["列名", "必填", "填写内容"]);
  const hintHeader = rows.length;
  for (const c of columns) {
    textLines(hint(c), HINT_WIDTH).forEach((line, j) =>
      rows.push(j === 0 ? [c.header, c.required ? "是" : "否", line] : ["", "", line]),
    );
  }
  const instructions: XlsxSheet = {
    name: "填写说明",
    rows,
    widths: [22, 6, HINT_WIDTH + 2],
    headerRows: [hintHeader],
  };
  return [table, instructions];
}

/** Width of the instruction sheet's text column (about 40 Chinese characters). */
const HINT_WIDTH = 80;

/** The template workbook's bytes. Same vocabulary ⇒ same bytes. */
export function templateWorkbook(kind: FileKind): Uint8Array {
  return writeXlsx(templateSheets(kind), { title: `${TEMPLATE_SHEETS[kind]}模板` });
}
