/** schools.csv of a year (data contract §3). */
import type { County } from "./county.ts";

/** The header and rows of schools.csv, one row per school. */
export function schoolsTable(county: County): { header: string[]; rows: string[][] } {
  return {
    header: [
      "学校标识码",
      "学校名称",
      "区县",
      "乡镇",
      "学段",
      "城乡分类代码",
      "留守儿童之家",
      "心理辅导室",
    ],
    rows: county.schools.map((s) => [
      s.id,
      s.name,
      county.name,
      s.township,
      s.level,
      s.urbanRural,
      s.hasCareHome ? "是" : "否",
      s.hasCounselingRoom ? "是" : "否",
    ]),
  };
}
