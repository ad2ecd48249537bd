/**
 * Which roster (or staff) names are worth looking for in published text — by the redaction
 * of activity text and by the privacy guard alike, so that both agree on what a name is.
 */
import type { ValidatedData } from "./validate/validateData.ts";

/** What schools write in a name cell when there is no name: never a secret, often UI text. */
const NAME_PLACEHOLDERS = new Set([
  "无",
  "不详",
  "未知",
  "暂无",
  "待定",
  "同上",
  "空",
  "空白",
  "未填",
  "缺失",
  "测试",
  "null",
  "none",
  "n/a",
  "na",
  "nan",
  "undefined",
  "test",
]);

/** A name is looked for when it has 2 characters or more, a letter, and is no placeholder. */
export function isSearchedName(name: string): boolean {
  return [...name].length >= 2 && /\p{L}/u.test(name) && !NAME_PLACEHOLDERS.has(name.toLowerCase());
}

/**
 * Whether a name is part of a public place name — a school, township, county or region, the
 * site's title or publisher. Such a name is published with the place anyway: a pupil called
 * 向阳 is neither redacted out of nor a leak in "向阳小学". Redaction and guard use the same.
 */
export function publicPlaceTest(data: ValidatedData): (name: string) => boolean {
  const places = [
    data.config?.region ?? "",
    data.config?.publisher ?? "",
    data.config?.title ?? "",
    ...data.years.flatMap((y) => y.schools.flatMap((s) => [s.school_name, s.township, s.county])),
  ].filter((p) => p.length > 0);
  return (name) => places.some((p) => p.includes(name));
}
