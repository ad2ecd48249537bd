/**
 * The two definitions of "left-behind" (statistics-and-disclosure.md §1), applied to one
 * roster row at a time. Both are computed for every child; every figure names the one it uses.
 */
import type { Student } from "../validate/validateYear.ts";

/** 教育统计口径 (`moe`) or 国务院2016口径 (`sc`). */
export type DefinitionId = "moe" | "sc";

export const DEFINITIONS: readonly DefinitionId[] = ["moe", "sc"];

/** How the site names each definition. */
export const DEFINITION_LABELS: Record<DefinitionId, string> = {
  moe: "教育统计口径",
  sc: "国务院2016口径",
};

/** A child's status under the 2016 State Council definition. */
export type ScStatus = "是" | "否" | "无法判定";

export const SC_STATUSES: readonly ScStatus[] = ["是", "否", "无法判定"];

/** 国发〔2016〕13号 covers children under sixteen (age at 1 September of the school year). */
export const SC_AGE_LIMIT = 16;

/** Left-behind under the education-statistics definition: 单亲 or 双亲留守儿童. */
export function isMoe(s: Student): boolean {
  return s.left_behind !== "非留守儿童";
}

/**
 * Number of parents working away: from 父亲/母亲外出务工 when both are given, otherwise from
 * the 是否留守儿童 label (validation has already rejected rows where the two disagree).
 */
function parentsAway(s: Student): number {
  if (s.father_away !== undefined && s.mother_away !== undefined) {
    return (s.father_away ? 1 : 0) + (s.mother_away ? 1 : 0);
  }
  return s.left_behind === "双亲留守儿童" ? 2 : s.left_behind === "单亲留守儿童" ? 1 : 0;
}

/**
 * Status under 国发〔2016〕13号: both parents away, or one away and the other without
 * guardianship capacity, and under 16. Age and the number of parents away are always known
 * (from the label when the parent columns are missing), so only a child with exactly one
 * parent away and no 在家一方无监护能力 value is "无法判定" — which is every 单亲留守儿童
 * under 16 of a school that did not supply the parent columns.
 */
export function scStatus(s: Student): ScStatus {
  if (s.age >= SC_AGE_LIMIT) return "否";
  const away = parentsAway(s);
  if (away === 2) return "是";
  if (away === 0) return "否";
  if (s.home_parent_incapable === undefined) return "无法判定";
  return s.home_parent_incapable ? "是" : "否";
}

/** Whether a child counts as left-behind under a definition ("无法判定" does not). */
export function isLeftBehind(s: Student, definition: DefinitionId): boolean {
  return definition === "moe" ? isMoe(s) : scStatus(s) === "是";
}

/**
 * Whether a school's roster could be assessed under `sc`: it supplied all three columns
 * 父亲外出务工, 母亲外出务工 and 在家一方无监护能力 (some pupil has a value in each).
 */
export function scAssessable(students: readonly Student[]): boolean {
  let father = false;
  let mother = false;
  let incapable = false;
  for (const s of students) {
    father ||= s.father_away !== undefined;
    mother ||= s.mother_away !== undefined;
    incapable ||= s.home_parent_incapable !== undefined;
  }
  return father && mother && incapable;
}
