import { describe, expect, it } from "vitest";
import { monthly } from "../../../src/site/charts/index.ts";
import { COUNT, loadData, svgRoot, tableRows, texts, translate } from "./helpers.ts";

const META = {
  ...COUNT,
  title: "各月参加关爱活动的留守儿童人数",
  valueLabel: "参加活动人数",
  labelHeader: "月份",
  itemName: "个月",
};
const SCHOOL_MONTHS = ["9月", "10月", "11月", "12月", "3月", "4月", "5月", "6月"];

/** The x of every element of a mark group. */
function xsOf(root: Element, className: string): number[] {
  return Array.from(root.querySelectorAll(`g.${className} > *`)).map((element) =>
    element.tagName.toLowerCase() === "rect"
      ? Number(element.getAttribute("x"))
      : translate(element)[0],
  );
}

describe("monthly", () => {
  it("matches the snapshot of the school-year months fixture", () => {
    const { html } = monthly(loadData("months.csv"), META);
    expect(html).toMatchSnapshot();
  });

  it("puts the months in school order, September first, with short labels", () => {
    const root = svgRoot(monthly(loadData("months.csv"), META).svg);
    const ticks = Array.from(root.querySelectorAll("g.x-axis text"));
    expect(ticks.map((text) => text.textContent)).toEqual(SCHOOL_MONTHS);
    const xs = ticks.map((text) => translate(text)[0]);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it("draws columns only for non-zero numbers and marks the suppressed month with a hatch", () => {
    const { svg, html } = monthly(loadData("months.csv"), META);
    const root = svgRoot(svg);
    const ticks = Array.from(root.querySelectorAll("g.x-axis text")).map(
      (text) => translate(text)[0],
    );
    const at = (...indexes: number[]) => indexes.map((i) => ticks[i]);
    // Positions are band starts: Plot shifts each group by half a band.
    expect(xsOf(root, "bar")).toEqual(at(0, 1, 4, 6));
    expect(xsOf(root, "suppressed-marker")).toEqual(at(3));
    expect(texts(root, "status-label")).toEqual(["已保护", "未采集", "不适用"]);
    expect(xsOf(root, "status-label")).toEqual(at(3, 5, 7));
    expect(tableRows(html).get("2024年12月")).toEqual(["1–4"]);
  });

  it("writes 0 above a zero month, where a suppressed month shows its marker", () => {
    const root = svgRoot(monthly(loadData("months.csv"), META).svg);
    const labels = Array.from(root.querySelectorAll("g.value-label text"));
    expect(labels.map((text) => text.textContent)).toEqual(["12", "18", "0", "25", "21"]);
  });

  it("keeps full labels when the months are not all of the form 2024年9月", () => {
    const data = loadData("months.csv").map((d, i) => (i === 0 ? { ...d, label: "开学月" } : d));
    const root = svgRoot(monthly(data, META).svg);
    const ticks = Array.from(root.querySelectorAll("g.x-axis text")).map((text) =>
      text.textContent?.replaceAll("\n", ""),
    );
    expect(ticks[0]).toBe("开学月");
    expect(ticks[1]).toBe("2024年10月");
  });

  it("names the month with the most", () => {
    expect(monthly(loadData("months.csv"), META).message).toBe(
      "在已公布的数字中，2025年3月参加活动人数最多，为25；另有1个月的数字已作保护处理，1个月未采集，1个月不适用。",
    );
  });
});
