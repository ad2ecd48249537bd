/**
 * A school's roster as the rows of its export file, in the school's own format.
 */
import type { County, SampleSchool } from "./county.ts";
import { formatDate } from "./dates.ts";
import { LEFT_BEHIND_LABELS } from "./family.ts";
import { className, gradeLabel } from "./grades.ts";
import type { Pupil } from "./pupil.ts";
import type { Rng } from "./random.ts";
import type { RosterFormat } from "./rosterFormat.ts";

/** Aliases are only those the data contract lists (§4), not every spelling the reader knows. */
interface Column {
  readonly canonical: string;
  readonly alias?: string;
  readonly required?: boolean;
  readonly value: (p: Pupil) => string;
}

const yesNo = (b: boolean) => (b ? "是" : "否");

function columns(school: SampleSchool, format: RosterFormat, county: County): Column[] {
  const codes = format.codes;
  const junior = format.gradeStyle === "junior";
  const cols: Column[] = [
    { canonical: "学校标识码", required: true, value: () => school.id },
    { canonical: "学籍号", alias: "全国学籍号", required: true, value: (p) => p.no },
    { canonical: "姓名", alias: "学生姓名", value: (p) => p.name },
  ];
  if (format.personalColumns)
    cols.push({ canonical: "身份证件号", value: (p) => p.idNumber ?? "" });
  cols.push(
    {
      canonical: "性别",
      required: true,
      value: (p) => (codes ? (p.sex === "男" ? "1" : "2") : p.sex),
    },
    {
      canonical: "出生日期",
      required: true,
      value: (p) => formatDate(p.birthDate, format.dateStyle),
    },
    { canonical: "年级", required: true, value: (p) => gradeLabel(p.grade, format.gradeStyle) },
    {
      canonical: "班级",
      value: (p) =>
        className(p.grade, p.classNo, {
          fullWidth: format.fullWidthClass,
          mixed: school.level === "教学点",
          junior,
        }),
    },
    {
      canonical: "是否留守儿童",
      alias: "留守类型",
      required: true,
      value: (p) => (codes ? String(p.family.leftBehind) : LEFT_BEHIND_LABELS[p.family.leftBehind]),
    },
  );
  if (format.parentColumns)
    cols.push(
      { canonical: "父亲外出务工", value: (p) => yesNo(p.family.fatherAway) },
      { canonical: "母亲外出务工", value: (p) => yesNo(p.family.motherAway) },
      { canonical: "在家一方无监护能力", value: (p) => yesNo(p.family.homeParentIncapable) },
    );
  cols.push({ canonical: "主要照护人", alias: "监护人关系", value: (p) => p.family.carer });
  if (format.sensitiveColumns)
    cols.push(
      {
        canonical: "是否孤儿",
        value: (p) => (codes ? (p.family.orphan ? "1" : "0") : yesNo(p.family.orphan)),
      },
      format.disabilityType
        ? { canonical: "残疾人类型", value: (p) => p.family.disability ?? "无残疾" }
        : { canonical: "是否残疾", value: (p) => yesNo(p.family.disability !== null) },
      {
        canonical: "家庭经济困难",
        alias: "是否家庭经济困难",
        value: (p) => yesNo(p.family.lowIncome),
      },
      {
        canonical: "单亲家庭",
        value: (p) => yesNo(p.family.singleParentFamily),
      },
    );
  cols.push({
    canonical: "就读方式",
    value: (p) => (codes ? (p.boarding ? "2" : "1") : p.boarding ? "住校" : "走读"),
  });
  if (format.personalColumns)
    cols.push({
      canonical: "家庭住址",
      value: (p) =>
        `${county.name}${school.township}${p.village}村${(p.no.charCodeAt(9) % 7) + 1}组`,
    });
  return cols;
}

function headerOf(c: Column, format: RosterFormat): string {
  if (format.headers === "alias" && c.alias) return c.alias;
  if (format.headers === "star" && c.required) return `${c.canonical}*`;
  return c.canonical;
}

/** The header and rows of one school's roster export. */
export function rosterTable(
  rng: Rng,
  county: County,
  school: SampleSchool,
  pupils: readonly Pupil[],
  format: RosterFormat,
): { header: string[]; rows: string[][] } {
  let cols = columns(school, format, county);
  if (format.shuffledColumns) cols = rng.shuffle([...cols]);
  const rows = pupils.map((p) => cols.map((c) => c.value(p)));
  if (format.trailingEmptyRow) rows.push(cols.map(() => ""));
  return { header: cols.map((c) => headerOf(c, format)), rows };
}
