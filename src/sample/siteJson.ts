/** site.json of the sample (data contract §7): parsed by `siteConfigSchema`. */
import type { SiteConfigInput } from "../pipeline/validate/siteConfig.ts";
import type { County } from "./county.ts";

/** The site settings of the sample county, with the given data date. */
export function sampleSiteConfig(
  county: Pick<County, "name" | "publisher">,
  dataDate: string,
): SiteConfigInput {
  return {
    title: `${county.name}留守儿童关爱数据公开平台`,
    publisher: county.publisher,
    region: county.name,
    basePath: "/",
    k: 5,
    kSensitive: 10,
    defaultDefinition: "moe",
    dataDate,
  };
}

/** site.json text: two-space indent and a final newline, as a person would save it. */
export function siteJsonText(config: SiteConfigInput): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
