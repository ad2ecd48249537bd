/**
 * What every chart promises, whatever its kind: the same input gives the same bytes, the SVG
 * scales to a phone, it is hidden from screen readers as a whole, and the figure carries its
 * message, its table and its caption, with every label escaped.
 */
import { describe, expect, it } from "vitest";
import {
  barChart,
  groupedBars,
  heatMap,
  lineChart,
  monthly,
  type ChartMeta,
  type ChartResult,
  type Datum,
} from "../../../src/site/charts/index.ts";
import { COUNT, PERCENT, loadData, parse, svgRoot } from "./helpers.ts";

const PAYLOAD = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>alert('x')</script>";

const HOSTILE_META: ChartMeta = { ...PERCENT, title: `标题${SCRIPT}`, caption: `来源${PAYLOAD}` };

/** Each chart from its fixture, and from data whose labels are markup. */
const CHARTS: { name: string; render: () => ChartResult; hostile: () => ChartResult }[] = [
  {
    name: "barChart",
    render: () => barChart(loadData("towns.csv"), PERCENT, { highlightMax: true }),
    hostile: () => barChart(relabel(loadData("towns.csv"), 0, PAYLOAD), HOSTILE_META),
  },
  {
    name: "groupedBars",
    render: () => groupedBars(loadData("urban-rural.csv"), PERCENT),
    hostile: () =>
      groupedBars(
        loadData("urban-rural.csv").map((d) =>
          d.series === "城镇" ? { ...d, series: PAYLOAD } : d,
        ),
        HOSTILE_META,
      ),
  },
  {
    name: "lineChart",
    render: () => lineChart(loadData("trend.csv"), PERCENT),
    hostile: () =>
      lineChart(
        loadData("trend.csv").map((d) => (d.series === "城镇" ? { ...d, series: PAYLOAD } : d)),
        HOSTILE_META,
      ),
  },
  {
    name: "heatMap",
    render: () => heatMap(ROWS, COLS, loadData("coverage.csv"), PERCENT),
    hostile: () =>
      heatMap(
        [PAYLOAD, ...ROWS.slice(1)],
        COLS,
        loadData("coverage.csv").map((d) => ({
          ...d,
          label: d.label.replace(ROWS[0] ?? "", PAYLOAD),
        })),
        HOSTILE_META,
      ),
  },
  {
    name: "monthly",
    render: () => monthly(loadData("months.csv"), COUNT),
    hostile: () => monthly(relabel(loadData("months.csv"), 1, PAYLOAD), HOSTILE_META),
  },
];

const ROWS = ["白沙乡中心小学", "石桥镇小学", "清水镇第二实验学校"];
const COLS = ["学业辅导", "心理关爱", "亲情通话", "家访", "生活照料"];

function relabel(data: Datum[], index: number, label: string): Datum[] {
  return data.map((d, i) => (i === index ? { ...d, label } : d));
}

describe.each(CHARTS)("$name", ({ name, render, hostile }) => {
  it("renders byte-identical output for the same input, even after other charts", () => {
    const first = render();
    for (const other of CHARTS) other.render();
    expect(render()).toEqual(first);
  });

  it("scales to the screen: a viewBox and no fixed pixel width or height", () => {
    const root = svgRoot(render().svg);
    expect(root.getAttribute("viewBox")).toMatch(/^0 0 360 \d+(\.\d+)?$/);
    expect(root.hasAttribute("width")).toBe(false);
    expect(root.hasAttribute("height")).toBe(false);
    expect(root.getAttribute("style")).toContain("width:100%");
    expect(root.getAttribute("style")).toContain("height:auto");
  });

  it("hides the svg and every mark group from assistive technology, without Plot's aria-labels", () => {
    const root = svgRoot(render().svg);
    expect(root.getAttribute("aria-hidden")).toBe("true");
    const groups = Array.from(root.children).filter((child) => child.tagName.toLowerCase() === "g");
    expect(groups.length).toBeGreaterThan(3);
    for (const group of groups) expect(group.getAttribute("aria-hidden")).toBe("true");
    expect(root.querySelectorAll("[aria-label]").length).toBe(0);
  });

  it("uses only ids derived from the chart's own id", () => {
    const { html } = render();
    const figure = parse(html).querySelector("figure");
    const id = figure?.getAttribute("id") ?? "";
    expect(id).toMatch(/^chart-[a-z]+-[0-9a-z]+$/);
    for (const element of Array.from(parse(html).querySelectorAll("[id]"))) {
      expect(element.getAttribute("id")?.startsWith(id)).toBe(true);
    }
  });

  it("is a figure with message, table behind 查看数据表 and a caption last", () => {
    const { html, message } = render();
    const figure = parse(html).querySelector("figure");
    expect(figure?.querySelector(".chart-message")?.textContent).toBe(message);
    expect(figure?.querySelector("details > summary")?.textContent).toBe("查看数据表");
    expect(figure?.querySelector("details table caption")?.textContent).toBe(
      name === "monthly" ? COUNT.title : PERCENT.title,
    );
    expect(figure?.lastElementChild?.tagName.toLowerCase()).toBe("figcaption");
    expect(figure?.lastElementChild?.textContent).toBe(
      name === "monthly" ? COUNT.caption : PERCENT.caption,
    );
  });

  it("has a scoped header for every column and row, right-aligned numbers and no empty cell", () => {
    const doc = parse(render().html);
    const heads = Array.from(doc.querySelectorAll("thead th"));
    expect(heads.length).toBeGreaterThanOrEqual(2);
    for (const th of heads) expect(th.getAttribute("scope")).toBe("col");
    const rows = Array.from(doc.querySelectorAll("tbody tr"));
    for (const row of rows) {
      expect(row.querySelector("th")?.getAttribute("scope")).toBe("row");
      const cells = Array.from(row.querySelectorAll("td"));
      expect(cells.length).toBe(heads.length - 1);
      for (const td of cells) {
        expect(td.getAttribute("style")).toBe("text-align:right");
        expect(td.textContent?.trim()).not.toBe("");
      }
    }
  });

  it("escapes labels, titles and captions so that markup comes out as text", () => {
    const { html, svg } = hostile();
    for (const output of [html, svg]) {
      expect(output).not.toContain("<img");
      expect(output).not.toContain("<script");
    }
    const doc = parse(html);
    expect(doc.querySelectorAll("img, script").length).toBe(0);
    expect(doc.querySelector("table")?.textContent).toContain(PAYLOAD);
    expect(doc.querySelector(".chart-title")?.textContent).toBe(`标题${SCRIPT}`);
    expect(doc.querySelector("figcaption")?.textContent).toBe(`来源${PAYLOAD}`);
  });
});
