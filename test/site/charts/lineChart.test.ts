import { describe, expect, it } from "vitest";
import { lineChart, type Datum } from "../../../src/site/charts/index.ts";
import {
  COUNT,
  PERCENT,
  loadData,
  parse,
  svgRoot,
  tableRows,
  texts,
  translate,
} from "./helpers.ts";

const META = {
  ...PERCENT,
  title: "城镇和农村留守儿童占比的变化",
  labelHeader: "学年",
  itemName: "项",
};
const YEARS = ["2020学年", "2021学年", "2022学年", "2023学年", "2024学年"];

function counts(values: readonly (number | null)[]): Datum[] {
  return values.map((value, i) =>
    value === null
      ? { label: YEARS[i] ?? "", value: null, status: "suppressed", display: "0–7" }
      : {
          label: YEARS[i] ?? "",
          value,
          status: value === 0 ? "zero" : "published",
          display: String(value),
        },
  );
}

/** The number of separate pieces of a line mark's path. */
function pieces(path: Element | null | undefined): number {
  return (path?.getAttribute("d")?.match(/M/g) ?? []).length;
}

describe("lineChart", () => {
  it("matches the snapshot of the two-series trend fixture", () => {
    const { html } = lineChart(loadData("trend.csv"), META);
    expect(html).toMatchSnapshot();
  });

  it("matches the snapshot of a single series with a suppressed year", () => {
    const { html } = lineChart(counts([100, null, 114, 121, 128]), {
      ...COUNT,
      itemName: "个学年",
    });
    expect(html).toMatchSnapshot();
  });

  it("breaks the line at a year without a number instead of joining across it", () => {
    const root = svgRoot(lineChart(counts([100, null, 114, 121, 128]), COUNT).svg);
    expect(pieces(root.querySelector("g.line path"))).toBe(2);
    expect(root.querySelectorAll("g.point > *").length).toBe(4);
    expect(texts(root, "status-label")).toEqual(["已保护"]);
    const unbroken = svgRoot(lineChart(counts([100, 107, 114, 121, 128]), COUNT).svg);
    expect(pieces(unbroken.querySelector("g.line path"))).toBe(1);
  });

  it("draws a true zero as a point on the baseline, labelled 0", () => {
    const root = svgRoot(lineChart(counts([100, 0, 114, 121, 128]), COUNT).svg);
    expect(root.querySelectorAll("g.point > *").length).toBe(5);
    expect(texts(root, "value-label")).toContain("0");
    expect(root.querySelector("g.status-label")?.children.length ?? 0).toBe(0);
  });

  it("draws one dot and says there is only one year when there is one year", () => {
    const { svg, message } = lineChart(
      [{ label: "2024学年", value: 12.5, status: "published", display: "12.5%" }],
      PERCENT,
    );
    const root = svgRoot(svg);
    expect(root.querySelectorAll("g.point > *").length).toBe(1);
    expect(texts(root, "value-label")).toEqual(["12.5%"]);
    expect(message).toBe("只有2024学年一年的数据，留守儿童占比为12.5%。");
  });

  it("names each series at the end of its line and in a legend, with its own dash", () => {
    const { svg, html } = lineChart(loadData("trend.csv"), META);
    const root = svgRoot(svg);
    expect(texts(root, "value-label")).toEqual(["农村 38.2%", "城镇 20.3%"]);
    const dashes = Array.from(root.querySelectorAll("g.line")).map((g) =>
      g.getAttribute("stroke-dasharray"),
    );
    expect(new Set(dashes).size).toBe(2);
    const legend = Array.from(parse(html).querySelectorAll(".chart-legend li")).map(
      (li) => li.textContent,
    );
    expect(legend).toEqual(["农村", "城镇"]);
  });

  it("says why each year without a number has none, per series", () => {
    const root = svgRoot(lineChart(loadData("trend.csv"), META).svg);
    const words = texts(root, "status-label").map((text) => text.replaceAll("\n", ""));
    expect(words).toEqual(["城镇已保护", "城镇未采集"]);
  });

  it("keeps the years in the given order and starts the value axis at zero", () => {
    const root = svgRoot(lineChart(counts([100, 107, 114, 121, 128]), COUNT).svg);
    const years = Array.from(root.querySelectorAll("g.x-axis text"));
    const xs = years.map((text) => translate(text)[0]);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(years.map((text) => text.textContent)).toEqual(YEARS);
    const values = Array.from(root.querySelectorAll("g.y-axis text")).map((t) => t.textContent);
    expect(values[0]).toBe("0");
  });

  it("tabulates series as columns and years as rows", () => {
    const rows = tableRows(lineChart(loadData("trend.csv"), META).html);
    expect([...rows.keys()]).toEqual(YEARS);
    expect(rows.get("2022学年")).toEqual(["33.0%", "0–9.5%"]);
    expect(rows.get("2023学年")).toEqual(["34.2%", "未采集"]);
  });

  it("writes the trend of every series in one sentence", () => {
    expect(lineChart(loadData("trend.csv"), META).message).toBe(
      "留守儿童占比：农村从2020学年的30.1%上升到2024学年的38.2%，城镇从2020学年的22.4%下降到2024学年的20.3%；另有1项的数字已作保护处理，1项未采集。",
    );
  });
});
