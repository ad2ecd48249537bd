/**
 * measure → protect → publish for a whole validated data folder: the one entry point that
 * the build (and later the pages) use to get what may be shown.
 */
import { measure } from "./measure/measure.ts";
import { protect } from "./protect/protect.ts";
import { publishSystems, publishYears } from "./protect/publishYears.ts";
import type { AuditFailure, Thresholds } from "./protect/system.ts";
import type { Publishable, PublishedSystem, PublishedYear } from "./publish/publishable.ts";
import type { ValidatedData } from "./validate/validateData.ts";

export type PublishResult =
  | { ok: true; years: Publishable<PublishedYear[]>; systems: Publishable<PublishedSystem[]> }
  | { ok: false; failures: { year: string; failures: AuditFailure[] }[] };

/** Runs measure, protect (with its audit) and publish; `onStage` reports progress in Chinese. */
export async function publishData(
  data: ValidatedData,
  onStage: (message: string) => void = () => {},
): Promise<PublishResult> {
  const config = data.config;
  if (!config) throw new Error("publishData needs a valid site.json");
  const t: Thresholds = { k: config.k, kSensitive: config.kSensitive };
  onStage("[统计] 正在计算各项统计数字……");
  const measured = measure(data);
  const protectedSystems = [];
  const failures: { year: string; failures: AuditFailure[] }[] = [];
  for (const year of measured.years) {
    const started = performance.now();
    onStage(
      `[保护] ${year.year} 学年：${year.system.figures.length} 个数字，正在做小数保护和核查……`,
    );
    const result = await protect(year.system, t);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const hidden = [...result.figures.values()].filter((s) => s.status === "suppressed").length;
    onStage(
      `[保护] ${year.year} 学年：${hidden} 个数字已保护，核查${result.audit.passed ? "通过" : "未通过"}（${seconds} 秒）`,
    );
    if (!result.audit.passed) failures.push({ year: year.year, failures: result.audit.failures });
    protectedSystems.push(result);
  }
  if (failures.length > 0) return { ok: false, failures };
  return {
    ok: true,
    years: publishYears(measured, protectedSystems, t),
    systems: publishSystems(measured, protectedSystems, t),
  };
}
