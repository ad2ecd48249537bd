/**
 * The 发布日期 printed on every page: site.json's `publishDate` when set, else the day of
 * `SOURCE_DATE_EPOCH` (the reproducible-builds convention) when that is set, else the day
 * the build runs — each as the calendar day in China Standard Time (UTC+8, no daylight
 * saving), so a build made at 07:00 in 青岚县 does not print yesterday's date.
 */
export function publishDate(
  configured: string | undefined,
  env: Record<string, string | undefined> = process.env,
  now: () => Date = () => new Date(),
): string {
  if (configured) return configured;
  const epoch = env.SOURCE_DATE_EPOCH;
  const at = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now();
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** "2025-09-01" → "2025年9月1日". */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
