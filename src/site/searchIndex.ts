/**
 * The site's search (Pagefind, run through its Node API at build time): one record per
 * 乡镇 and school of the newest year, per activity of the newest year and per overview page,
 * each with the words it is found by. Pagefind's extended binary (shipped in the npm
 * package for linux-x64) indexes Chinese text so that any two consecutive characters of a
 * name find it ("白鹤" → 白鹤镇 and 白鹤镇中心小学, "中心小学" → every 中心小学). Only the
 * search page loads the index: no other page gets a byte more.
 */
import * as pagefind from "pagefind";
import type { SiteData } from "./siteData.ts";
import { coveragePath, unitPagePath } from "./siteData.ts";

/** The index and Pagefind's own files, under the site root. */
export const SEARCH_DIR = "pagefind";

export interface SearchRecord {
  /** The page's address, with the base path. */
  url: string;
  /** What the result says: the page's name. */
  title: string;
  /** "学校", "乡镇", "页面", or "活动，<where>，<date>": shown beside the title. */
  kind: string;
  /** Everything the record is found by (the title included). */
  content: string;
}

/** Every record, in a fixed order (so that the same data always writes the same index). */
export function searchRecords(data: SiteData): SearchRecord[] {
  const { config, years, galleries } = data;
  const base = config.basePath;
  const newest = years.at(-1);
  if (!newest) return [];
  const year = newest.year;
  const units = new Map(newest.units.map((u) => [u.id, u]));
  const records: SearchRecord[] = [];
  const page = (path: string, title: string, words: string) =>
    records.push({ url: `${base}${path}`, title, kind: "页面", content: `${title} ${words}` });
  page(coveragePath(years, year), `${year}学年关爱覆盖`, "覆盖率 建档 结对帮扶 谈心 家访 亲情电话");
  page(`${year}/progress/`, `${year}学年关爱工作进度`, "工作进度 低于要求 覆盖率");
  page("method/", "口径与方法", "统计口径 已保护 教育统计口径 国务院2016口径");
  page("downloads/", "数据下载", "统计表 Excel 统计摘要");
  for (const u of newest.units) {
    if (u.level !== 0 && u.level !== 1) continue;
    const parent = u.parent ? units.get(u.parent) : undefined;
    const kind = u.level === 0 ? "学校" : "乡镇";
    const within = u.level === 0 && parent?.level === 1 ? ` ${parent.name}` : "";
    records.push({
      url: `${base}${unitPagePath(year, u)}`,
      title: u.name,
      kind,
      content: `${u.name}${within} ${kind}`,
    });
  }
  for (const a of galleries.find((g) => g.year === year)?.activities ?? []) {
    const where = a.school ? `${a.school.name} ${a.school.township}` : (a.county ?? config.region);
    records.push({
      url: `${base}${year}/activities/${a.n}/`,
      title: a.title,
      kind: `活动，${a.school?.name ?? where}，${a.date}`,
      content: `${a.title} ${a.type} ${where} ${a.date}`,
    });
  }
  return records;
}

/** Writes the Pagefind index of `records` into `<siteDir>/pagefind/`. */
export async function writeSearchIndex(
  records: readonly SearchRecord[],
  siteDir: string,
): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh" });
    if (!index) throw new Error(`search index: ${errors.join("; ")}`);
    for (const r of records) {
      const added = await index.addCustomRecord({
        url: r.url,
        content: r.content,
        language: "zh",
        meta: { title: r.title, kind: r.kind },
      });
      if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: `${siteDir}/${SEARCH_DIR}` });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join("; ")}`);
  } finally {
    await pagefind.close();
  }
}
