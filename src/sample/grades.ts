/**
 * Grades offered by each kind of school and how exports write them (data contract §4):
 * 一年级…九年级, 初一…初三, or plain numbers.
 */

/** Kinds of school in the sample (a subset of the contract's 学段). */
export type Level = "小学" | "初中" | "九年一贯制" | "教学点";

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/** Grades (1…9) a school of this level teaches. 教学点 teach the lower primary grades. */
export function gradesOf(level: Level): number[] {
  switch (level) {
    case "小学":
      return [1, 2, 3, 4, 5, 6];
    case "初中":
      return [7, 8, 9];
    case "九年一贯制":
      return [1, 2, 3, 4, 5, 6, 7, 8, 9];
    case "教学点":
      return [1, 2, 3];
  }
}

/** How a roster writes the grade: "三年级", "初一" (junior grades only) or "3". */
export type GradeStyle = "label" | "junior" | "number";

/** The grade as written in an export. */
export function gradeLabel(grade: number, style: GradeStyle = "label"): string {
  if (!Number.isInteger(grade) || grade < 1 || grade > 9)
    throw new Error(`invalid grade: ${grade}`);
  if (style === "number") return String(grade);
  if (style === "junior" && grade >= 7) return `初${NUMERALS[grade - 7]}`;
  return `${NUMERALS[grade - 1]}年级`;
}

/**
 * The class name as written in an export: "三年级(2)班", optionally with full-width
 * brackets as typed on Chinese keyboards, or "复式班" for a mixed-grade 教学点 class.
 */
export function className(
  grade: number,
  classNo: number,
  opts: { fullWidth?: boolean; mixed?: boolean; junior?: boolean } = {},
): string {
  if (opts.mixed) return "复式班";
  const g = gradeLabel(grade, opts.junior ? "junior" : "label");
  return opts.fullWidth ? `${g}（${classNo}）班` : `${g}(${classNo})班`;
}
