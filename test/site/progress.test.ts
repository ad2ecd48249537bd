import { describe, expect, it } from "vitest";
import type {
  PublishedRatio,
  PublishedTable,
  PublishedValue,
} from "../../src/pipeline/publish/publishable.ts";
import { DEFAULT_NORMS } from "../../src/pipeline/validate/siteConfig.ts";
import { progressColumns, progressRows } from "../../src/site/progress.ts";
import { YearView } from "../../src/site/siteData.ts";
import { publishedYear } from "../helpers/published.ts";

const TOWN = "t:青岚县/白鹤镇";
const SCHOOLS = ["2151270201", "2151270202", "2151270203", "2151270204"];
const NAMES = ["白鹤镇中心小学", "白鹤镇初级中学", "白鹤镇龙坡村小学", "白鹤镇石林村小学"];
const COUNT: PublishedValue = { kind: "count", status: "published", value: 10 };

const cov = (type: string, unit: string, ratio: PublishedRatio): PublishedTable => ({
  id: `cov.${type}|u=${unit}`,
  table: `cov.${type}`,
  unit,
  unitName: unit,
  title: `${type}覆盖率`,
  collected: "all",
  rows: [{ category: type === "谈心" ? "已覆盖" : "", label: "已覆盖", value: COUNT, ratio }],
});
const pct = (percent: number): PublishedRatio => ({ status: "published", percent });

const year = publishedYear(
  [
    { id: "region", name: "青岚县", level: 3, children: [TOWN] },
    { id: TOWN, name: "白鹤镇", level: 1, parent: "region", children: SCHOOLS },
    ...SCHOOLS.map((id, i) => ({
      id,
      name: NAMES[i]!,
      level: 0 as const,
      parent: TOWN,
      children: [],
    })),
  ],
  [
    ...["region", TOWN].flatMap((u) => [cov("建档", u, pct(95)), cov("谈心", u, pct(70))]),
    // 中心小学: all there; 初级中学: furthest behind on 谈心; 龙坡: hidden; 石林: a band.
    cov("建档", SCHOOLS[0]!, pct(100)),
    cov("谈心", SCHOOLS[0]!, pct(88.7)),
    cov("建档", SCHOOLS[1]!, pct(99.2)),
    cov("谈心", SCHOOLS[1]!, pct(52.1)),
    cov("建档", SCHOOLS[2]!, { status: "suppressed" }),
    cov("谈心", SCHOOLS[2]!, { status: "suppressed" }),
    cov("建档", SCHOOLS[3]!, { status: "band", atLeast: 75 }),
    cov("谈心", SCHOOLS[3]!, pct(66.4)),
  ],
  [
    {
      unit: SCHOOLS[1]!,
      table: "cov.谈心",
      category: "已覆盖",
      previousYear: "2023-2024",
      previous: 9,
      current: 10,
      points: -3.5,
    },
  ],
);
const view = new YearView(year);
const columns = progressColumns(view, DEFAULT_NORMS);

describe("关爱工作进度", () => {
  it("has a column per care type with a norm that the year has figures for, with its norm", () => {
    expect(columns).toEqual([
      { type: "建档", norm: "至少一次" },
      { type: "谈心", norm: "在校月份每月至少一次" },
    ]);
  });

  it("puts the school furthest behind first and schools without a published rate last", () => {
    const rows = progressRows(view, 0, columns);
    expect(rows.map((r) => r.unit.name)).toEqual([
      "白鹤镇初级中学",
      "白鹤镇石林村小学",
      "白鹤镇中心小学",
      "白鹤镇龙坡村小学",
    ]);
    expect(rows.every((r) => r.township === "白鹤镇")).toBe(true);
  });

  it("marks a published rate under 100% as below the norm, never a hidden one or a lower band", () => {
    const rows = new Map(progressRows(view, 0, columns).map((r) => [r.unit.name, r.cells]));
    expect(rows.get("白鹤镇中心小学")!.map((c) => c.below)).toEqual([false, true]);
    expect(rows.get("白鹤镇龙坡村小学")!.map((c) => [c.rate.text, c.below])).toEqual([
      ["已保护", false],
      ["已保护", false],
    ]);
    expect(rows.get("白鹤镇石林村小学")![0]).toMatchObject({
      rate: { text: "≥75%" },
      percent: null,
      below: false,
    });
  });

  it("gives the change from last year only where it was published", () => {
    const rows = new Map(progressRows(view, 0, columns).map((r) => [r.unit.name, r.cells]));
    expect(rows.get("白鹤镇初级中学")![1]!.change).toBe("下降3.5个百分点");
    expect(rows.get("白鹤镇初级中学")![0]!.change).toBeUndefined();
  });

  it("lists the 乡镇 the same way, without a township column", () => {
    const rows = progressRows(view, 1, columns);
    expect(rows.map((r) => [r.unit.name, r.lowest, r.township])).toEqual([
      ["白鹤镇", 70, undefined],
    ]);
  });
});
