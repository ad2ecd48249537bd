/**
 * Cell parsers: one function per kind of value in the data contract. Each takes a normalised,
 * non-empty cell and returns the parsed value or an `Invalid` naming the problem. They are
 * the single place where a value's accepted forms are defined; the zod schemas and the
 * compiled row checks both call them.
 */
import type { Detail, ProblemCode } from "../problems.ts";
import { codegenAllowed } from "./codegen.ts";

/** A cell that does not parse: the problem code and what the message may quote. */
export class Invalid {
  constructor(
    readonly code: ProblemCode,
    readonly detail: Omit<Detail, "value"> = {},
  ) {}
}

export type Parser<T> = (cell: string) => T | Invalid;

/**
 * A parser for a fixed vocabulary. The accepted spellings become a generated `switch` (each
 * vocabulary gets its own function, which V8 optimises on its own; this runs for ten columns
 * of every roster row); a miss is retried without inner spaces, then is a problem.
 */
function lookupParser<T>(table: Record<string, T>, expected: string): Parser<T> {
  const keys = Object.keys(table);
  if (!codegenAllowed()) {
    // The same lookup without generated code (see codegen.ts).
    const map = new Map(keys.map((k) => [k, table[k]!]));
    return (cell) => {
      let r = map.get(cell);
      if (r === undefined) r = map.get(cell.replace(/\s+/g, ""));
      return r === undefined ? new Invalid("E_VALUE_INVALID", { expected }) : r;
    };
  }
  const cases = keys.map((k, i) => `case ${JSON.stringify(k)}: return values[${i}];`).join("\n");
  const source = `
    function exact(cell) { switch (cell) {\n${cases}\n} return undefined; }
    return function lookup(cell) {
      let r = exact(cell);
      if (r === undefined) r = exact(cell.replace(/\\s+/g, ""));
      return r === undefined ? new Invalid("E_VALUE_INVALID", { expected }) : r;
    };`;
  return new Function("values", "Invalid", "expected", source)(
    keys.map((k) => table[k]),
    Invalid,
    expected,
  ) as Parser<T>;
}

// ---------- yes / no ----------

export const parseYesNo: Parser<boolean> = lookupParser(
  { 是: true, 否: false, "1": true, "0": false, 有: true, 无: false, Y: true, N: false },
  "是、否（也可填 1、0）",
);

// ---------- schools ----------

export const SCHOOL_LEVELS = [
  "幼儿园",
  "小学",
  "初中",
  "九年一贯制",
  "完全中学",
  "教学点",
  "特殊教育",
] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const parseLevel: Parser<SchoolLevel> = lookupParser(
  {
    ...Object.fromEntries(SCHOOL_LEVELS.map((l) => [l, l])),
    九年一贯制学校: "九年一贯制",
    特殊教育学校: "特殊教育",
    小学教学点: "教学点",
  } as Record<string, SchoolLevel>,
  SCHOOL_LEVELS.join("、"),
);

export const URBAN_RURAL = {
  "111": "主城区",
  "112": "城乡结合区",
  "121": "镇中心区",
  "122": "镇乡结合区",
  "123": "特殊区域",
  "210": "乡中心区",
  "220": "村庄",
} as const;
export type UrbanRuralCode = keyof typeof URBAN_RURAL;

export const parseUrbanRural: Parser<UrbanRuralCode> = lookupParser(
  {
    ...Object.fromEntries(Object.keys(URBAN_RURAL).map((c) => [c, c])),
    ...Object.fromEntries(Object.entries(URBAN_RURAL).map(([c, l]) => [l, c])),
  } as Record<string, UrbanRuralCode>,
  "111、112、121、122、123、210、220（或对应名称，如“村庄”）",
);

export const parseSchoolId: Parser<string> = (cell) => {
  if (/^\d{10}$/.test(cell)) return cell;
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(cell)) {
    return new Invalid("E_EXCEL_DAMAGED_NUMBER", { extra: "显示成了科学计数法" });
  }
  return new Invalid("E_SCHOOL_ID_INVALID");
};

/** Text of at most `max` characters. */
export function parseText(max: number): Parser<string> {
  return (cell) => {
    const n = [...cell].length;
    return n > max ? new Invalid("E_TEXT_TOO_LONG", { count: n, expected: String(max) }) : cell;
  };
}

export const parseAnyText: Parser<string> = (cell) => cell;

// ---------- students ----------

export const parseSex: Parser<"男" | "女"> = lookupParser(
  { 男: "男", 女: "女", "1": "男", "2": "女", 男性: "男", 女性: "女" } as const,
  "男、女（也可填 1、2）",
);

/** Grades as numbers: 小班 −2, 中班 −1, 大班 0, 一年级 1 … 九年级 9. */
export type Grade = -2 | -1 | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
const CN_DIGITS = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
const GRADE_TABLE: Record<string, Grade> = { 小班: -2, 中班: -1, 大班: 0 };
CN_DIGITS.forEach((d, i) => {
  const g = (i + 1) as Grade;
  GRADE_TABLE[`${d}年级`] = g;
  GRADE_TABLE[`${i + 1}年级`] = g;
  GRADE_TABLE[String(i + 1)] = g;
});
["一", "二", "三"].forEach((d, i) => {
  GRADE_TABLE[`初${d}`] = (7 + i) as Grade;
  GRADE_TABLE[`初中${d}年级`] = (7 + i) as Grade;
});

export const parseGrade: Parser<Grade> = lookupParser(
  GRADE_TABLE,
  "小班、中班、大班、一年级…九年级、初一…初三，或数字 1…9",
);

/** School order labels for grades (the site's grade axis uses them). */
export const GRADE_LABELS: Record<Grade, string> = {
  [-2]: "小班",
  [-1]: "中班",
  0: "大班",
  1: "一年级",
  2: "二年级",
  3: "三年级",
  4: "四年级",
  5: "五年级",
  6: "六年级",
  7: "七年级",
  8: "八年级",
  9: "九年级",
};

/** Grades each 学段 offers. 小学 and 教学点 often run a 学前班, so they accept the pre-school years. */
export const GRADES_BY_LEVEL: Record<SchoolLevel, readonly Grade[]> = {
  幼儿园: [-2, -1, 0],
  小学: [-2, -1, 0, 1, 2, 3, 4, 5, 6],
  教学点: [-2, -1, 0, 1, 2, 3, 4, 5, 6],
  初中: [7, 8, 9],
  九年一贯制: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  完全中学: [7, 8, 9],
  特殊教育: [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
};

export type LeftBehindType = "非留守儿童" | "单亲留守儿童" | "双亲留守儿童";
export const parseLeftBehind: Parser<LeftBehindType> = lookupParser(
  {
    非留守儿童: "非留守儿童",
    单亲留守儿童: "单亲留守儿童",
    双亲留守儿童: "双亲留守儿童",
    非留守: "非留守儿童",
    单亲留守: "单亲留守儿童",
    双亲留守: "双亲留守儿童",
    "0": "非留守儿童",
    "1": "单亲留守儿童",
    "2": "双亲留守儿童",
  } as const,
  "非留守儿童、单亲留守儿童、双亲留守儿童（也可填 0、1、2）",
);

export const CARERS = ["父亲", "母亲", "祖辈", "其他亲属", "寄宿学校", "其他", "无人照护"] as const;
export type Carer = (typeof CARERS)[number];
export const parseCarer: Parser<Carer> = lookupParser(
  {
    ...Object.fromEntries(CARERS.map((c) => [c, c])),
    父: "父亲",
    母: "母亲",
    祖父母: "祖辈",
    外祖父母: "祖辈",
    "祖父母/外祖父母": "祖辈",
    祖父: "祖辈",
    祖母: "祖辈",
    外祖父: "祖辈",
    外祖母: "祖辈",
    爷爷奶奶: "祖辈",
    外公外婆: "祖辈",
    亲属: "其他亲属",
    其他亲戚: "其他亲属",
    学校: "寄宿学校",
    无: "无人照护",
  } as Record<string, Carer>,
  `${CARERS.join("、")}（祖父母、外祖父母填“祖辈”）`,
);

const DISABILITY_TYPES = [
  "视力残疾",
  "听力残疾",
  "言语残疾",
  "肢体残疾",
  "智力残疾",
  "精神残疾",
  "多重残疾",
  "其他残疾",
];
/** 是否残疾, or the 残疾人类型 column: any type other than 无残疾 means 是. */
export const parseDisabled: Parser<boolean> = lookupParser(
  {
    是: true,
    否: false,
    "1": true,
    "0": false,
    无: false,
    无残疾: false,
    ...Object.fromEntries(DISABILITY_TYPES.map((t) => [t, true])),
  },
  `是、否（或残疾类型：无残疾、${DISABILITY_TYPES.join("、")}）`,
);

export const parseBoarding: Parser<"走读" | "住校"> = lookupParser(
  { 走读: "走读", 住校: "住校", 住宿: "住校", 寄宿: "住校", "1": "走读", "2": "住校" } as const,
  "走读、住校（也可填 1、2）",
);

/** ISO 7064 MOD 11-2 check character of an 18-character ID number. */
export function idCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * weights[i]!;
  return "10X98765432"[sum % 11]!;
}

const SCIENTIFIC = /^\d+(\.\d+)?E\+?\d+$/i;
const NATIONAL_NO = /^[GJL]\d{17}[\dX]$/;
const SCHOOL_OWN_NO = /^[A-Za-z0-9]{6,20}$/;
const DIGITS18 = /^[GJL]?(\d{18})$/;

/**
 * 学籍号: G/J/L + 18 characters, or a school's own id of 6–20 letters and digits. Values that
 * Excel has damaged (scientific notation, or 18 digits whose last three became 000 — unless
 * the check character shows a real number) are rejected as such.
 */
export const parseStudentNo: Parser<string> = (cell) => {
  // Common case first: a well-formed national number that cannot be an Excel-damaged one.
  if (NATIONAL_NO.test(cell) && !cell.endsWith("000")) return cell;
  const s = cell.toUpperCase();
  if (SCIENTIFIC.test(s))
    return new Invalid("E_EXCEL_DAMAGED_NUMBER", { extra: "显示成了科学计数法" });
  const m = DIGITS18.exec(s);
  if (m && m[1]!.endsWith("000") && idCheckChar(m[1]!.slice(0, 17)) !== "0") {
    return new Invalid("E_EXCEL_DAMAGED_NUMBER", { extra: "末三位变成了 000" });
  }
  if (NATIONAL_NO.test(s) || SCHOOL_OWN_NO.test(s)) return s;
  return new Invalid("E_STUDENT_NO_INVALID");
};

// ---------- dates ----------

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];
const DAY_MS = 86_400_000;
/** Excel's day 0 is 1899-12-30 (serials after 60 already include Excel's phantom 1900-02-29). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

const ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= MONTH_DAYS[m - 1]! + (m === 2 && leap ? 1 : 0);
}

function iso(y: number, m: number, d: number): string | null {
  return validDate(y, m, d) ? `${y}-${pad2(m)}-${pad2(d)}` : null;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** Accepts every form of data contract §8 and returns an ISO date "YYYY-MM-DD". */
export const parseDate: Parser<string> = (cell) => {
  // Fast path for the ISO form, the most common one.
  if (cell.length === 10 && cell.charCodeAt(4) === 45 && cell.charCodeAt(7) === 45) {
    let ok = true;
    for (let k = 0; k < ISO_DIGITS.length; k++) ok &&= isDigit(cell, ISO_DIGITS[k]!);
    if (ok) {
      const y =
        digitAt(cell, 0) * 1000 + digitAt(cell, 1) * 100 + digitAt(cell, 2) * 10 + digitAt(cell, 3);
      const m = digitAt(cell, 5) * 10 + digitAt(cell, 6);
      const d = digitAt(cell, 8) * 10 + digitAt(cell, 9);
      return validDate(y, m, d) ? cell : new Invalid("E_DATE_INVALID");
    }
  }
  for (const form of DATE_FORMS) {
    const m = form.exec(cell);
    if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3])) ?? new Invalid("E_DATE_INVALID");
  }
  if (/^\d{5}(\.\d+)?$/.test(cell)) {
    // Excel serial day numbers from 1927 to 2099 (a fraction is the time of day).
    const serial = Math.floor(Number(cell));
    if (serial <= 73050) {
      return new Date(EXCEL_EPOCH + serial * DAY_MS).toISOString().slice(0, 10);
    }
  }
  return new Invalid("E_DATE_INVALID");
};

// ---------- care and activities ----------

export const parseCareType = lookupParser(
  {
    建档: "建档",
    结对帮扶: "结对帮扶",
    谈心: "谈心",
    家访: "家访",
    亲情电话: "亲情电话",
    亲情视频: "亲情电话",
    视频通话: "亲情电话",
    心理辅导: "心理辅导",
    学业辅导: "学业辅导",
    体检: "体检",
    慰问: "慰问",
    生活照顾: "生活照顾",
    建立档案: "建档",
    谈心谈话: "谈心",
    结对: "结对帮扶",
  } as const,
  "建档、结对帮扶、谈心、家访、亲情电话（亲情视频、视频通话也算）、心理辅导、学业辅导、体检、慰问、生活照顾",
);

export const ACTIVITY_TYPES = [
  "亲情沟通",
  "心理健康",
  "学业辅导",
  "读书",
  "文体",
  "兴趣培养",
  "安全教育",
  "节日关爱",
  "社会实践",
  "健康体检",
  "其他",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const parseActivityType: Parser<ActivityType> = lookupParser(
  Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, t])) as Record<string, ActivityType>,
  ACTIVITY_TYPES.join("、"),
);

/** A whole number ≥ 0 ("1,200" accepted). */
export const parseCount: Parser<number> = (cell) => {
  const s = cell.replace(/,/g, "").replace(/人$/, "");
  if (/^\d{1,9}$/.test(s)) return Number(s);
  return new Invalid("E_NUMBER_INVALID", { expected: "非负整数（人数）" });
};

/** An amount in 元 ≥ 0: "12000", "12,000", "1.2万", "12000元". Rounded to the fen. */
export const parseAmount: Parser<number> = (cell) => {
  const m = /^(\d+(?:\.\d+)?)(万)?元?$/.exec(cell.replace(/,/g, ""));
  if (!m) {
    return new Invalid("E_NUMBER_INVALID", {
      expected: "金额（元）",
      extra: "、“12,000”或“1.2万”",
    });
  }
  const v = Number(m[1]) * (m[2] ? 10_000 : 1);
  return Math.round(v * 100) / 100;
};

/** Photo file names separated by ; or ；(NFKC has already made ；into ;). */
export const parsePhotoList: Parser<string[]> = (cell) =>
  cell
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
