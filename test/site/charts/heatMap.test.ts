import { describe, expect, it } from "vitest";
import { colorSteps } from "../../../src/site/charts/heatMap.ts";
import { heatMap, type Datum } from "../../../src/site/charts/index.ts";
import { PERCENT, loadData, parse, svgRoot, tableRows, texts } from "./helpers.ts";

const ROWS = ["白沙乡中心小学", "石桥镇小学", "清水镇第二实验学校"];
const COLS = ["学业辅导", "心理关爱", "亲情通话", "家访", "生活照料"];
const META = {
  ...PERCENT,
  title: "各校关爱服务覆盖率",
  valueLabel: "覆盖率",
  labelHeader: "学校",
  itemName: "项",
};

describe("heatMap", () => {
  it("matches the snapshot of the school × care type fixture", () => {
    const { html } = heatMap(ROWS, COLS, loadData("coverage.csv"), META);
    expect(html).toMatchSnapshot();
  });

  it("writes a value or a word in every cell, so colour is never needed", () => {
    const root = svgRoot(heatMap(ROWS, COLS, loadData("coverage.csv"), META).svg);
    const words = texts(root, "cell-label");
    expect(words.length).toBe(ROWS.length * COLS.length);
    expect(words).toContain("0");
    expect(words).toContain("保护");
    expect(words).toContain("未采集");
    expect(words).toContain("不适用");
  });

  it("uses five colour steps and gives each status a look of its own", () => {
    const root = svgRoot(heatMap(ROWS, COLS, loadData("coverage.csv"), META).svg);
    const fills = Array.from(root.querySelectorAll("g.cell-value rect")).map((r) =>
      r.getAttribute("fill"),
    );
    expect(new Set(fills).size).toBe(5);
    expect(root.querySelector("g.cell-suppressed")?.getAttribute("fill")).toMatch(
      /^url\(#.+-hatch\)$/,
    );
    expect(root.querySelector("g.cell-not-collected")?.getAttribute("stroke-dasharray")).toBe(
      "4 3",
    );
    expect(root.querySelector("g.cell-not-applicable")?.getAttribute("fill")).toBe("#e4e4e4");
  });

  it("lists the five steps and the statuses present in an HTML legend", () => {
    const { html } = heatMap(ROWS, COLS, loadData("coverage.csv"), META);
    const legend = Array.from(parse(html).querySelectorAll(".chart-legend li")).map(
      (li) => li.textContent,
    );
    expect(legend).toEqual([
      "不足20%",
      "20%至不足40%",
      "40%至不足60%",
      "60%至不足80%",
      "80%及以上",
      "已保护",
      "未采集",
      "不适用",
    ]);
  });

  it("shows a missing cell as — in the grid and in the table", () => {
    const cells = loadData("coverage.csv").filter((d) => d.label !== "石桥镇小学|家访");
    const { svg, html } = heatMap(ROWS, COLS, cells, META);
    expect(texts(svgRoot(svg), "cell-label")).toContain("—");
    expect(tableRows(html).get("石桥镇小学")).toEqual(["20.0%", "57.0%", "不适用", "—", "67.0%"]);
  });

  it("tabulates schools as rows and care types as columns in the given order", () => {
    const rows = tableRows(heatMap(ROWS, COLS, loadData("coverage.csv"), META).html);
    expect([...rows.keys()]).toEqual(ROWS);
    expect(rows.get("白沙乡中心小学")).toEqual(["37.0%", "74.0%", "已保护", "47.0%", "未采集"]);
  });

  it("names the highest cell by school and care type", () => {
    expect(heatMap(ROWS, COLS, loadData("coverage.csv"), META).message).toBe(
      "已公布的数字中，清水镇第二实验学校的心理关爱覆盖率为91.5%；另有1项的数字已作保护处理，1项未采集，1项不适用，可能更高，不作比较。",
    );
  });

  it("steps counts in whole numbers up to the largest", () => {
    const grid = [3, 12, 0].map((value): { datum: Datum } => ({
      datum: {
        label: "a|b",
        value,
        status: value === 0 ? "zero" : "published",
        display: String(value),
      },
    }));
    expect(colorSteps(grid, "count")).toEqual({
      thresholds: [3, 6, 9, 12],
      labels: ["0–2", "3–5", "6–8", "9–11", "12及以上"],
    });
    expect(colorSteps([], "count").labels).toEqual(["0", "1", "2", "3", "4及以上"]);
  });
});
