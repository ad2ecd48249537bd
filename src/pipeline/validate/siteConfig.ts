import { z } from "zod";

/** The care types of the data contract §5, in the order the site lists them. */
export const CARE_TYPES = [
  "建档",
  "结对帮扶",
  "谈心",
  "家访",
  "亲情电话",
  "心理辅导",
  "学业辅导",
  "体检",
  "慰问",
  "生活照顾",
] as const;
export type CareType = (typeof CARE_TYPES)[number];

/**
 * How often a care type should reach every left-behind child:
 * once (ever, counted in the year), yearly, termly (每学期), monthly (in school months), none.
 */
export const NORM_FREQUENCIES = ["once", "yearly", "termly", "monthly", "none"] as const;
export type NormFrequency = (typeof NORM_FREQUENCIES)[number];

export const DEFAULT_NORMS: Record<CareType, NormFrequency> = {
  建档: "once",
  结对帮扶: "once",
  谈心: "monthly",
  亲情电话: "monthly",
  家访: "termly",
  心理辅导: "none",
  学业辅导: "none",
  体检: "none",
  慰问: "none",
  生活照顾: "none",
};

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "应为“MM-DD”格式，例如“09-01”");

const term = z.strictObject({ start: monthDay, end: monthDay });

/** site.json: validated strictly, so that a typo in a key is an error, never ignored. */
export const siteConfigSchema = z.strictObject({
  /** Site title shown in the header of every page. */
  title: z.string().min(1).max(60),
  /** Publishing body, e.g. 某县教育局. */
  publisher: z.string().min(1).max(60),
  /** Name of the region the site covers, e.g. 某县. */
  region: z.string().min(1).max(30),
  /** Base path under which the site is served, e.g. "/zwgk/lsrt/". */
  basePath: z
    .string()
    .regex(/^\/([A-Za-z0-9._~-]+\/)*$/, "应以“/”开头和结尾，只含字母、数字和 - _ . ~")
    .default("/"),
  /** Small-cell threshold. */
  k: z.int().min(3).max(20).default(5),
  /** Threshold for the sensitive groups (孤儿, 残疾, 家庭经济困难, 单亲家庭). */
  kSensitive: z.int().min(3).max(30).default(10),
  /** Definition shown first: 教育统计口径 (moe) or 国务院2016口径 (sc). */
  defaultDefinition: z.enum(["moe", "sc"]).default("moe"),
  /** Definition used for support coverage. */
  coverageDefinition: z.enum(["moe", "sc"]).default("moe"),
  /** Care norms per care type; missing types take the defaults. */
  norms: z.partialRecord(z.enum(CARE_TYPES), z.enum(NORM_FREQUENCIES)).default({}),
  /** Term boundaries (month-day), default 第一学期 09-01…01-31, 第二学期 02-01…07-31. */
  terms: z
    .strictObject({ first: term, second: term })
    .default({ first: { start: "09-01", end: "01-31" }, second: { start: "02-01", end: "07-31" } }),
  /** School months for monthly norms (default Sep–Dec and Mar–Jun). */
  schoolMonths: z.array(z.int().min(1).max(12)).min(1).default([9, 10, 11, 12, 3, 4, 5, 6]),
  /** Date the data was extracted (YYYY-MM-DD), shown on the methodology page. */
  dataDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** Where the data comes from, shown in chart captions. */
  source: z.string().min(1).max(80).default("各学校学籍系统导出名单及关爱工作记录"),
  /**
   * The pages' 发布日期 (YYYY-MM-DD). Without it the build date (China Standard Time) is
   * used; set it when the same data must always build into the same files.
   */
  publishDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "应为“YYYY-MM-DD”格式，例如“2025-09-01”")
    .optional(),
  /**
   * The footer of a government site (《政府网站发展指引》): 主办单位 is `publisher`; each of
   * these is shown only when set.
   */
  organizer: z.string().min(1).max(60).optional(),
  phone: z
    .string()
    .regex(/^[0-9０-９()（）\-－ ]{5,30}$/, "应为电话号码，例如“0838-1234567”")
    .optional(),
  address: z.string().min(1).max(80).optional(),
  /** 网站标识码: ten letters or digits, e.g. 5106000001. */
  siteCode: z
    .string()
    .regex(/^[A-Za-z0-9]{10}$/, "应为 10 位字母或数字，例如“5106000001”")
    .optional(),
  /** ICP备案号, e.g. 蜀ICP备12345678号-1. */
  icp: z
    .string()
    .regex(/ICP备\d+号(-\d+)?$/, "应为 ICP 备案号，例如“蜀ICP备12345678号-1”")
    .optional(),
  /** 公安机关备案号, e.g. 川公网安备 51060002000123号. */
  publicSecurityRecord: z
    .string()
    .regex(/公网安备\s*\d+号$/, "应为公安机关备案号，例如“川公网安备 51060002000123号”")
    .optional(),
});

export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.output<typeof siteConfigSchema>;

/** Norms with the defaults filled in. */
export function normsOf(config: SiteConfig): Record<CareType, NormFrequency> {
  return { ...DEFAULT_NORMS, ...config.norms };
}
