import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datum as pageDatum } from "../../../src/site/chartData.ts";
import { STUB_WIDTH } from "../../../src/site/charts/barMarks.ts";
import { barChart, type Datum, type DatumStatus } from "../../../src/site/charts/index.ts";
import { textWidth } from "../../../src/site/charts/text.ts";
import { TICK_GAP } from "../../../src/site/charts/ticks.ts";
import { showValue } from "../../../src/site/format.ts";
import {
  COUNT,
  PERCENT,
  loadData,
  parse,
  svgRoot,
  tableRows,
  texts,
  translate,
  yBands,
} from "./helpers.ts";

const GRADES = [
  "一年级",
  "二年级",
  "三年级",
  "四年级",
  "五年级",
  "六年级",
  "七年级",
  "八年级",
  "九年级",
];

const WORDS = { suppressed: "0–4", notCollected: "未采集", notApplicable: "不适用" } as const;

/** The band (y) of every element of a mark group. */
function bandsOf(root: Element, className: string): number[] {
  return Array.from(root.querySelectorAll(`g.${className} > *`)).map((element) =>
    element.tagName.toLowerCase() === "rect"
      ? Number(element.getAttribute("y"))
      : translate(element)[1],
  );
}

describe("barChart", () => {
  it("matches the snapshot of the towns fixture", () => {
    const { html } = barChart(loadData("towns.csv"), PERCENT, { highlightMax: true });
    expect(html).toMatchSnapshot();
  });

  it("matches the snapshot of the grades fixture, highest first", () => {
    const { html } = barChart(loadData("grades.csv"), COUNT, { order: "desc" });
    expect(html).toMatchSnapshot();
  });

  it("draws a bar for each non-zero number and none for a zero or a suppressed value", () => {
    const root = svgRoot(barChart(loadData("towns.csv"), PERCENT).svg);
    const bands = yBands(root);
    expect(bandsOf(root, "bar")).toEqual([bands.get("白沙乡"), bands.get("石桥镇")]);
    for (const rect of Array.from(root.querySelectorAll("g.bar rect"))) {
      expect(Number(rect.getAttribute("width"))).toBeGreaterThan(0);
    }
  });

  it("marks a suppressed value with a hatched stub and the short word, unlike a zero", () => {
    const { svg, html } = barChart(loadData("towns.csv"), PERCENT);
    const root = svgRoot(svg);
    const bands = yBands(root);
    const marker = root.querySelector("g.suppressed-marker");
    expect(marker?.getAttribute("fill")).toMatch(/^url\(#chart-bar-[0-9a-z]+-hatch\)$/);
    expect(bandsOf(root, "suppressed-marker")).toEqual([bands.get("河口乡")]);
    // The stub has a fixed width of its own from the baseline; the zero has no shape, only "0".
    const stub = marker?.querySelector("rect");
    expect(Number(stub?.getAttribute("width"))).toBeCloseTo(STUB_WIDTH, 0);
    expect(texts(root, "status-label")).toContain("已保护");
    // The interval is in the table, not in the chart.
    expect(tableRows(html).get("河口乡")).toEqual(["0–7"]);
  });

  it("writes a page's suppressed value as the short word, never nested in itself", () => {
    // Pages hand charts the display text of the table, which already says "已保护（…）".
    const hidden = showValue({ kind: "count", status: "suppressed", interval: [1217, 1379] });
    const data = [
      pageDatum("父亲", showValue({ kind: "count", status: "published", value: 74 })),
      pageDatum("祖辈", hidden),
    ];
    const { svg, html } = barChart(data, COUNT);
    expect(texts(svgRoot(svg), "status-label")).toEqual(["已保护"]);
    expect(svg).not.toContain("（");
    expect(tableRows(html).get("祖辈")).toEqual(["已保护（1217–1379）"]);
  });

  it("draws no value axis and keeps no room for one when every value is hidden", () => {
    const data: Datum[] = ["父亲", "母亲", "祖辈"].map((label) => ({
      label,
      value: null,
      status: "suppressed",
      display: "0–6",
    }));
    const root = svgRoot(barChart(data, COUNT).svg);
    expect(root.querySelector("g.x-axis")).toBeNull();
    expect(root.querySelectorAll("g.suppressed-marker rect").length).toBe(3);
    // No grid and no axis Plot would add by itself: the only texts are the labels and words.
    const allTexts = Array.from(root.querySelectorAll("text")).map((t) => t.textContent);
    expect(allTexts.filter((t) => /\d/.test(t ?? ""))).toEqual([]);
  });

  it("thins the value axis so that long numbers never run together beside long labels", () => {
    const amounts = [115000, 53000, 44000, 31000, 24000, 18000, 12000, 5000];
    const data: Datum[] = amounts.map((value, i) => ({
      label: `青岚县教育基金会第${i + 1}分会`,
      value,
      status: "published",
      display: value.toLocaleString("en-US"),
    }));
    const root = svgRoot(barChart(data, COUNT).svg);
    const ticks = Array.from(root.querySelectorAll("g.x-axis text"));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < ticks.length; i++) {
      const [a, b] = [ticks[i - 1]!, ticks[i]!];
      const room = translate(b)[0] - translate(a)[0];
      const half = (t: Element) => textWidth(t.textContent ?? "", 14) / 2;
      expect(room - half(a) - half(b)).toBeGreaterThanOrEqual(TICK_GAP);
    }
  });

  it("writes 0 for a true zero, in the chart and in the table", () => {
    const { svg, html } = barChart(loadData("towns.csv"), PERCENT);
    const root = svgRoot(svg);
    const zero = Array.from(root.querySelectorAll("g.value-label text")).find(
      (text) => translate(text)[1] === yBands(root).get("清水镇"),
    );
    expect(zero?.textContent).toBe("0");
    expect(tableRows(html).get("清水镇")).toEqual(["0"]);
  });

  it("tells zero, suppressed, not collected and not applicable apart in chart and table", () => {
    const { svg, html } = barChart(loadData("towns.csv"), PERCENT);
    const root = svgRoot(svg);
    expect(texts(root, "status-label")).toEqual(["已保护", "未采集", "不适用"]);
    const rows = tableRows(html);
    const shown = ["清水镇", "河口乡", "新村乡", "东坪镇"].map((town) => rows.get(town)?.[0]);
    expect(shown).toEqual(["0", "0–7", "未采集", "不适用"]);
    const statuses = Array.from(parse(html).querySelectorAll("tbody td")).map((td) =>
      td.getAttribute("class"),
    );
    expect(new Set(statuses).size).toBe(5);
  });

  it("keeps grades in school order, not in code-point order", () => {
    const { svg, html } = barChart(loadData("grades.csv"), COUNT);
    const bands = [...yBands(svgRoot(svg)).entries()].sort((a, b) => a[1] - b[1]);
    expect(bands.map(([label]) => label)).toEqual(GRADES);
    expect([...tableRows(html).keys()]).toEqual(GRADES);
    expect([...GRADES].sort()).not.toEqual(GRADES);
  });

  it("puts the highest first with order desc and values without a number last", () => {
    const { svg } = barChart(loadData("towns.csv"), PERCENT, { order: "desc" });
    const bands = [...yBands(svgRoot(svg)).entries()].sort((a, b) => a[1] - b[1]);
    expect(bands.map(([label]) => label)).toEqual([
      "白沙乡",
      "石桥镇",
      "清水镇",
      "河口乡",
      "新村乡",
      "东坪镇",
    ]);
  });

  it("highlights the maximum darker and bold when asked, and only then", () => {
    const plain = svgRoot(barChart(loadData("towns.csv"), PERCENT).svg);
    const fills = (root: Element) =>
      Array.from(root.querySelectorAll("g.bar rect")).map((rect) => rect.getAttribute("fill"));
    expect(fills(plain)).toEqual(["#4a7fb5", "#4a7fb5"]);
    const highlighted = svgRoot(
      barChart(loadData("towns.csv"), PERCENT, { highlightMax: true }).svg,
    );
    expect(fills(highlighted)).toEqual(["#1d4e89", "#4a7fb5"]);
    expect(highlighted.querySelector('g.value-label[font-weight="bold"] text')?.textContent).toBe(
      "38.2%",
    );
    expect(plain.querySelector('g.value-label[font-weight="bold"] text')).toBeNull();
  });

  it("starts the value axis at zero", () => {
    const root = svgRoot(barChart(loadData("grades.csv"), COUNT).svg);
    const ticks = Array.from(root.querySelectorAll("g.x-axis text")).map((t) => t.textContent);
    expect(ticks[0]).toBe("0");
    expect(ticks).toEqual(["0", "10", "20", "30", "40"]);
  });

  it("says that there is no data when there is none, with a table that says so too", () => {
    const { html, svg, message } = barChart([], PERCENT);
    expect(message).toBe("暂无数据。");
    expect(svg).toBe("");
    expect(tableRows(html).size).toBe(1);
    expect(html).toContain(`<td colspan="2">暂无数据</td>`);
  });

  it("rejects two data with the same label", () => {
    const datum: Datum = { label: "白沙乡", value: 1, status: "published", display: "1" };
    expect(() => barChart([datum, datum], COUNT)).toThrow("duplicate label in bar chart: 白沙乡");
  });

  it("never draws any status but a non-zero number as a bar, for any mix of statuses", () => {
    const statuses: DatumStatus[] = [
      "published",
      "zero",
      "suppressed",
      "notCollected",
      "notApplicable",
    ];
    const datum = fc.record({
      status: fc.constantFrom(...statuses),
      value: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(
      fc.property(fc.array(datum, { minLength: 1, maxLength: 12 }), (drawn) => {
        const data: Datum[] = drawn.map(({ status, value }, i) => {
          const label = `单位${i + 1}`;
          if (status === "published") return { label, status, value, display: String(value) };
          if (status === "zero") return { label, status, value: 0, display: "0" };
          return { label, status, value: null, display: WORDS[status] };
        });
        const root = svgRoot(barChart(data, COUNT).svg);
        const bands = yBands(root);
        const bandsWith = (status: DatumStatus) =>
          data.filter((d) => d.status === status).map((d) => bands.get(d.label));
        expect(bandsOf(root, "bar")).toEqual(bandsWith("published"));
        expect(bandsOf(root, "suppressed-marker")).toEqual(bandsWith("suppressed"));
        const zeroLabels = Array.from(root.querySelectorAll("g.value-label text"))
          .filter((text) => text.textContent === "0")
          .map((text) => translate(text)[1]);
        expect(zeroLabels).toEqual(bandsWith("zero"));
      }),
      { numRuns: 60, seed: 20240901 },
    );
  });
});
