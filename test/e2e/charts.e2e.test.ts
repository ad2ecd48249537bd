/**
 * Charts as a browser lays them out (Debian's Chromium), from data shaped like the cases that
 * went wrong on the sample site: long money amounts beside long donor names, a heat map of
 * percentages up to 100.0%, ten months of percentages, and bars that are all hidden. Each is
 * checked at 360, 390 and 1280 px for texts that run together, leave the chart, or are
 * larger than the body text.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS } from "../../src/pdf/printSummaries.ts";
import { barChart, heatMap, monthly, type Datum } from "../../src/site/charts/index.ts";
import { donorAmounts, type DonorRow } from "../../src/site/socialSupport.ts";
import { chartLayoutProblems } from "./chartLayout.ts";

const CHROMIUM = "/usr/bin/chromium";
const FONTS = `"Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`;

const published = (label: string, value: number, display: string): Datum => ({
  label,
  value,
  status: "published",
  display,
});
const hidden = (label: string): Datum => ({
  label,
  value: null,
  status: "suppressed",
  display: "已保护（0–21）",
});

const donors = donorAmounts(
  (
    [
      ["青岚县教育基金会", 115_000],
      ["县慈善会", 53_000],
      ["蜀丰农业有限公司", 44_000],
      ["团县委", 31_000],
      ["青岚县妇联", 24_000],
      ["龙泉镇商会", 18_000],
      ["锦城爱心协会", 12_000],
      ["县红十字会", 5_000],
    ] as const
  ).map(([donor, yuan]) => ({ donor, yuan }) as DonorRow),
);

const SCHOOLS = ["白鹤镇中心小学", "龙泉镇柳台村小学", "石桥镇龙林村小学", "白鹤镇初级中学"];
const TYPES = ["建档", "结对帮扶", "谈心", "家访", "亲情电话"];
const PERCENTS = [100, 99.2, 88.7, 68.2, 66.4];

const META = { caption: "测试", valueLabel: "数值" };
const CHARTS: Record<string, string> = {
  donors: barChart(
    donors.data,
    { ...META, title: `各单位捐赠折合金额（${donors.unit}）`, unit: "count" },
    { order: "desc" },
  ).html,
  heat: heatMap(
    SCHOOLS,
    TYPES,
    SCHOOLS.flatMap((s, i) =>
      TYPES.map((t, j) => {
        const p = PERCENTS[(i + j) % PERCENTS.length]!;
        return published(`${s}|${t}`, p, `${p.toFixed(1)}%`);
      }),
    ),
    { ...META, title: "覆盖率", unit: "percent" },
  ).html,
  months: monthly(
    ["9", "10", "11", "12", "1", "2", "3", "4", "5", "6"].map((m, i) =>
      published(`2024年${m}月`, 70 + i * 0.3, `${(70 + i * 0.3).toFixed(1)}%`),
    ),
    { ...META, title: "各月", unit: "percent" },
  ).html,
  carers: barChart(
    [published("父亲", 74, "74"), hidden("祖辈"), published("母亲", 313, "313"), hidden("其他")],
    { ...META, title: "照护", unit: "count" },
  ).html,
  allHidden: barChart([hidden("祖辈"), hidden("其他"), hidden("无人照护")], {
    ...META,
    title: "全部保护",
    unit: "count",
  }).html,
};

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error("需要 Debian 的 Chromium：apt-get install -y chromium fonts-noto-cjk");
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
});

describe("charts in Chromium", () => {
  for (const [name, html] of Object.entries(CHARTS)) {
    it(`${name}: no texts run together or leave the chart, none larger than body text`, async () => {
      for (const width of [360, 390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        await page.setContent(
          `<!doctype html><html lang="zh-CN"><head><meta name="viewport" content="width=device-width, initial-scale=1"><style>:root{font-family:${FONTS};font-size:112.5%}body{margin:0 auto;max-width:64rem;padding:0 1rem}</style></head><body>${html}</body></html>`,
        );
        expect(await chartLayoutProblems(page), `${name} at ${width} px`).toEqual([]);
        await context.close();
      }
    });
  }

  it("draws no axis for a chart whose bars are all hidden", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><body>${CHARTS.allHidden}</body></html>`);
    const texts = await page.$$eval("svg text", (els) => els.map((e) => e.textContent ?? ""));
    expect(texts.filter((t) => /\d/.test(t))).toEqual([]);
    expect(texts.filter((t) => t === "已保护")).toHaveLength(3);
    await context.close();
  });
});
