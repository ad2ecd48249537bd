/**
 * The one sample school that reproduces a real school's figures from a published work
 * report, in the newest school year: 18 classes, 848 pupils, 175 left-behind children
 * (88 boys, 87 girls). Its name and 学校标识码 are synthetic; tests elsewhere use this
 * constant to find it and to check measures against known totals.
 */
export const REFERENCE_SCHOOL = {
  id: "2151270201",
  name: "白鹤镇中心小学",
  township: "白鹤镇",
  level: "小学",
  urbanRural: "121",
  /** The school year in which the figures hold (the newest year of the sample). */
  year: "2024-2025",
  classes: 18,
  pupils: 848,
  leftBehind: 175,
  leftBehindBoys: 88,
  leftBehindGirls: 87,
  /** Pupils per grade 一年级…六年级 in that year (three classes each). */
  gradeSizes: [136, 139, 141, 142, 144, 146],
} as const;
