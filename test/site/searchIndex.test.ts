import { describe, expect, it } from "vitest";
import type { Publishable, PublishedYear } from "../../src/pipeline/publish/publishable.ts";
import { siteConfigSchema } from "../../src/pipeline/validate/siteConfig.ts";
import { searchRecords } from "../../src/site/searchIndex.ts";
import { unitSlug } from "../../src/site/siteData.ts";
import { publishedYear } from "../helpers/published.ts";

const TOWN = "t:青岚县/白鹤镇";
const year = publishedYear(
  [
    { id: "region", name: "青岚县", level: 3, children: [TOWN] },
    { id: TOWN, name: "白鹤镇", level: 1, parent: "region", children: ["2151270201"] },
    { id: "2151270201", name: "白鹤镇中心小学", level: 0, parent: TOWN, children: [] },
  ],
  [],
);
const config = siteConfigSchema.parse({
  title: "青岚县留守儿童关爱数据公开平台",
  publisher: "青岚县教育局",
  region: "青岚县",
  basePath: "/zwgk/lsrt/",
});
const records = searchRecords({
  config,
  years: [year] as unknown as Publishable<PublishedYear[]>,
  galleries: [
    {
      year: "2024-2025",
      donations: [],
      nextSteps: [],
      activities: [
        {
          n: 1,
          date: "2024-09-17",
          month: "2024-09",
          title: "“浓情中秋”关爱留守儿童活动",
          type: "节日慰问",
          school: { id: "2151270201", name: "白鹤镇中心小学", township: "白鹤镇" },
          photos: [],
          withheld: 0,
        },
      ],
    },
  ],
  publishDate: "2025-09-01",
});

describe("search records", () => {
  it("has a record per 乡镇 and school of the newest year, under the base path", () => {
    expect(records.filter((r) => r.kind === "学校" || r.kind === "乡镇")).toEqual([
      {
        url: `/zwgk/lsrt/2024-2025/${unitSlug(year.units[1]!)}/`,
        title: "白鹤镇",
        kind: "乡镇",
        content: "白鹤镇 乡镇",
      },
      {
        url: "/zwgk/lsrt/2024-2025/2151270201/",
        title: "白鹤镇中心小学",
        kind: "学校",
        content: "白鹤镇中心小学 白鹤镇 学校",
      },
    ]);
  });

  it("finds an activity by its title, type and school, and tells where and when it was", () => {
    const activity = records.find((r) => r.kind.startsWith("活动"));
    expect(activity).toMatchObject({
      url: "/zwgk/lsrt/2024-2025/activities/1/",
      title: "“浓情中秋”关爱留守儿童活动",
      kind: "活动，白鹤镇中心小学，2024-09-17",
    });
    expect(activity?.content).toContain("白鹤镇中心小学");
  });

  it("has the overview pages, and never the region or an older year", () => {
    expect(records.filter((r) => r.kind === "页面").map((r) => r.url)).toEqual([
      "/zwgk/lsrt/coverage/",
      "/zwgk/lsrt/2024-2025/progress/",
      "/zwgk/lsrt/method/",
      "/zwgk/lsrt/downloads/",
    ]);
    expect(records.some((r) => r.title === "青岚县")).toBe(false);
  });
});
