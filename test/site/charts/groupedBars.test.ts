import { describe, expect, it } from "vitest";
import { groupedBars, type Datum } from "../../../src/site/charts/index.ts";
import { PERCENT, loadData, svgRoot, tableRows, texts, translate } from "./helpers.ts";

const META = { ...PERCENT, title: "城镇和农村留守儿童占比", labelHeader: "学年", itemName: "项" };

describe("groupedBars", () => {
  it("matches the snapshot of the urban/rural fixture", () => {
    const { html } = groupedBars(loadData("urban-rural.csv"), META);
    expect(html).toMatchSnapshot();
  });

  it("names the series next to every bar and the groups in their given order", () => {
    const root = svgRoot(groupedBars(loadData("urban-rural.csv"), META).svg);
    expect(texts(root, "y-axis")).toEqual(["城镇", "农村", "城镇", "农村", "城镇", "农村"]);
    expect(texts(root, "fy-axis")).toEqual(["2023学年", "2024学年", "2025学年"]);
  });

  it("draws no bar for the suppressed and the zero value and tells them apart", () => {
    const { svg, html } = groupedBars(loadData("urban-rural.csv"), META);
    const root = svgRoot(svg);
    expect(root.querySelectorAll("g.bar rect").length).toBe(4);
    expect(root.querySelectorAll("g.suppressed-marker rect").length).toBe(1);
    expect(texts(root, "status-label")).toEqual(["已保护"]);
    expect(texts(root, "value-label")).toContain("0");
    expect(tableRows(html).get("2024学年")).toEqual(["已保护", "0"]);
  });

  it("colours series differently but never only by colour: the axis names them", () => {
    const root = svgRoot(groupedBars(loadData("urban-rural.csv"), META).svg);
    const fills = new Set(
      Array.from(root.querySelectorAll("g.bar rect")).map((r) => r.getAttribute("fill")),
    );
    expect(fills.size).toBe(2);
    expect(texts(root, "y-axis").length).toBe(6);
  });

  it("shows a missing combination as — in the chart and the table", () => {
    const data = loadData("urban-rural.csv").filter(
      (d) => !(d.label === "2025学年" && d.series === "城镇"),
    );
    const { svg, html } = groupedBars(data, META);
    expect(texts(svgRoot(svg), "status-label")).toEqual(["已保护", "—"]);
    expect(tableRows(html).get("2025学年")).toEqual(["—", "31.0%"]);
    expect(html).toContain("“—”：没有这一项。");
  });

  it("names the highest value with its group and series", () => {
    const { message } = groupedBars(loadData("urban-rural.csv"), META);
    expect(message).toBe(
      "已公布的数字中，2023学年农村留守儿童占比为35.4%；另有1项的数字已作保护处理，可能更高，不作比较。",
    );
  });

  it("keeps the groups apart: each facet is translated below the previous one", () => {
    const root = svgRoot(groupedBars(loadData("urban-rural.csv"), META).svg);
    const offsets = Array.from(root.querySelectorAll("g.fy-axis")).map((g) => translate(g)[1]);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(new Set(offsets).size).toBe(3);
  });

  it("rejects a datum without a series", () => {
    const datum: Datum = { label: "2024学年", value: 1, status: "published", display: "1%" };
    expect(() => groupedBars([datum], META)).toThrow("grouped datum without series: 2024学年");
  });
});
