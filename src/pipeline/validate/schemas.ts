/**
 * One zod schema per file kind: the single source of each row's type (`z.output`). Each
 * column is a string cell run through a parser from values.ts; row-level rules (within one
 * row) are `superRefine`s. The fast row checker in rowChecker.ts is compiled from these
 * same schemas.
 */
import { z } from "zod";
import type { FileKind } from "../read/headers.ts";
import type { Detail, ProblemCode } from "../problems.ts";
import {
  Invalid,
  parseActivityType,
  parseAmount,
  parseAnyText,
  parseBoarding,
  parseCareType,
  parseCarer,
  parseCount,
  parseDate,
  parseDisabled,
  parseGrade,
  parseLeftBehind,
  parseLevel,
  parsePhotoList,
  parseSchoolId,
  parseSex,
  parseStudentNo,
  parseText,
  parseUrbanRural,
  parseYesNo,
  type Parser,
} from "./values.ts";

/** What a column's zod schema was built from, for the compiled checker. */
export interface CellSpec {
  parse: Parser<unknown>;
  required: boolean;
}
const specs = new WeakMap<z.ZodType, CellSpec>();

/** The spec a column schema was made with (undefined for schemas not made by `req`/`opt`). */
export function cellSpec(schema: z.ZodType): CellSpec | undefined {
  return specs.get(schema);
}

/** Params carried by every issue this module raises. */
export interface IssueParams {
  code: ProblemCode;
  detail: Omit<Detail, "value">;
  /** For row-level rules: the column the problem is shown at, and the value to quote. */
  column?: string;
  value?: string;
}

function transformCell<T>(parse: Parser<T>) {
  return z.string().transform((s, ctx): T => {
    if (s === "") {
      ctx.addIssue({
        code: "custom",
        message: "E_REQUIRED_EMPTY",
        params: { code: "E_REQUIRED_EMPTY", detail: {} },
      });
      return z.NEVER;
    }
    const r = parse(s);
    if (r instanceof Invalid) {
      const params: IssueParams = { code: r.code, detail: r.detail };
      ctx.addIssue({ code: "custom", message: r.code, params });
      return z.NEVER;
    }
    return r;
  });
}

/** A required column. */
function req<T>(parse: Parser<T>) {
  const schema = transformCell(parse);
  specs.set(schema, { parse, required: true });
  return schema;
}

/** An optional column: absent or empty cells are `undefined`. */
function opt<T>(parse: Parser<T>) {
  const schema = transformCell(parse).optional();
  specs.set(schema, { parse, required: false });
  return schema;
}

/** A row-level rule: returns the issue to raise, or null. Shared by zod and the fast checker. */
export type RowRule<Row> = (row: Row) => IssueParams | null;

// ---------- schools.csv ----------

export const schoolRowShape = {
  school_id: req(parseSchoolId),
  school_name: req(parseText(60)),
  county: req(parseText(30)),
  township: req(parseText(30)),
  level: req(parseLevel),
  urban_rural: req(parseUrbanRural),
  has_care_home: opt(parseYesNo),
  has_counseling_room: opt(parseYesNo),
};

// ---------- students/*.csv ----------

export const studentRowShape = {
  school_id: req(parseSchoolId),
  student_no: req(parseStudentNo),
  name: opt(parseAnyText),
  sex: req(parseSex),
  birth_date: req(parseDate),
  grade: req(parseGrade),
  class: opt(parseAnyText),
  left_behind: req(parseLeftBehind),
  father_away: opt(parseYesNo),
  mother_away: opt(parseYesNo),
  home_parent_incapable: opt(parseYesNo),
  carer: opt(parseCarer),
  orphan: opt(parseYesNo),
  disabled: opt(parseDisabled),
  low_income: opt(parseYesNo),
  single_parent_family: opt(parseYesNo),
  boarding: opt(parseBoarding),
};

type StudentCells = z.output<z.ZodObject<typeof studentRowShape>>;

const yesNo = (b: boolean | undefined) => (b === undefined ? "未填" : b ? "是" : "否");

/** 单亲/双亲留守儿童 must agree with 父亲/母亲外出务工 where those are given. */
export const leftBehindMatchesParents: RowRule<StudentCells> = (r) => {
  const { father_away: f, mother_away: m } = r;
  if (f === undefined && m === undefined) return null;
  const away = (f ? 1 : 0) + (m ? 1 : 0);
  const known = (f !== undefined ? 1 : 0) + (m !== undefined ? 1 : 0);
  let bad: boolean;
  if (r.left_behind === "双亲留守儿童") bad = f === false || m === false;
  else if (r.left_behind === "单亲留守儿童") bad = away === 2 || (known === 2 && away === 0);
  else bad = away > 0;
  if (!bad) return null;
  return {
    code: "E_LEFT_BEHIND_CONTRADICTION",
    detail: { extra: `父亲外出务工：${yesNo(f)}，母亲外出务工：${yesNo(m)}` },
    column: "left_behind",
    value: r.left_behind,
  };
};

// ---------- care/*.csv ----------

export const careRowShape = {
  date: req(parseDate),
  school_id: req(parseSchoolId),
  student_no: req(parseStudentNo),
  care_type: req(parseCareType),
  staff: opt(parseAnyText),
  note: opt(parseAnyText),
};

// ---------- activities.csv ----------

export const activityRowShape = {
  date: req(parseDate),
  school_id: opt(parseSchoolId),
  county: opt(parseText(30)),
  title: req(parseText(80)),
  activity_type: req(parseActivityType),
  lb_participants: req(parseCount),
  participants: opt(parseCount),
  summary: opt(parseText(2000)),
  photos: opt(parsePhotoList),
  photo_consent: opt(parseYesNo),
};

type ActivityCells = z.output<z.ZodObject<typeof activityRowShape>>;

export const participantsConsistent: RowRule<ActivityCells> = (r) =>
  r.participants !== undefined && r.participants < r.lb_participants
    ? {
        code: "E_PARTICIPANTS_INCONSISTENT",
        detail: { expected: String(r.lb_participants) },
        column: "participants",
        value: String(r.participants),
      }
    : null;

/** A row without a school is county-wide and must name its 区县. */
export const schoolOrCounty: RowRule<{ school_id?: string; county?: string }> = (r) =>
  r.school_id === undefined && r.county === undefined
    ? { code: "E_COUNTY_REQUIRED", detail: {}, column: "school_id", value: "" }
    : null;

// ---------- social.csv ----------

export const socialRowShape = {
  date: req(parseDate),
  school_id: opt(parseSchoolId),
  county: opt(parseText(30)),
  donor: req(parseText(80)),
  items: req(parseText(200)),
  amount_yuan: opt(parseAmount),
  beneficiaries: opt(parseCount),
};

// ---------- the schemas ----------

function withRules<S extends z.ZodRawShape>(shape: S, rules: RowRule<z.output<z.ZodObject<S>>>[]) {
  return z.object(shape).superRefine((row, ctx) => {
    for (const rule of rules) {
      const issue = rule(row);
      if (issue) ctx.addIssue({ code: "custom", message: issue.code, params: issue });
    }
  });
}

export const ROW_RULES = {
  schools: [] as RowRule<never>[],
  students: [leftBehindMatchesParents],
  care: [] as RowRule<never>[],
  activities: [schoolOrCounty, participantsConsistent],
  social: [schoolOrCounty],
};

export const ROW_SCHEMAS = {
  schools: withRules(schoolRowShape, []),
  students: withRules(studentRowShape, ROW_RULES.students),
  care: withRules(careRowShape, []),
  activities: withRules(activityRowShape, ROW_RULES.activities),
  social: withRules(socialRowShape, ROW_RULES.social),
} satisfies Record<FileKind, z.ZodType>;

export type SchoolRow = z.output<typeof ROW_SCHEMAS.schools>;
export type StudentRow = z.output<typeof ROW_SCHEMAS.students>;
export type CareRow = z.output<typeof ROW_SCHEMAS.care>;
export type ActivityRow = z.output<typeof ROW_SCHEMAS.activities>;
export type SocialRow = z.output<typeof ROW_SCHEMAS.social>;
export type RowOf<K extends FileKind> = z.output<(typeof ROW_SCHEMAS)[K]>;
