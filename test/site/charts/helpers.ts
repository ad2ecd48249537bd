/** Fixtures and SVG/HTML inspection shared by the chart tests. */
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import Papa from "papaparse";
import type { ChartMeta, Datum, DatumStatus } from "../../../src/site/charts/index.ts";

const STATUSES: readonly DatumStatus[] = [
  "published",
  "zero",
  "suppressed",
  "notCollected",
  "notApplicable",
];

/** Reads a fixture CSV (label, value, status, display, optional series) as chart data. */
export function loadData(name: string): Datum[] {
  const text = readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8");
  const { data } = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  return data.map((row) => {
    const status = row.status as DatumStatus;
    if (!STATUSES.includes(status)) throw new Error(`bad status in ${name}: ${row.status}`);
    const datum: Datum = {
      label: row.label ?? "",
      value: row.value === "" || row.value === undefined ? null : Number(row.value),
      status,
      display: row.display ?? "",
    };
    return row.series ? { ...datum, series: row.series } : datum;
  });
}

export const PERCENT: ChartMeta = {
  title: "各乡镇留守儿童占比",
  caption:
    "留守儿童：父母双方外出务工或一方外出、另一方无监护能力的在校学生；2024学年；来源：各校报送的学生名册。",
  unit: "percent",
  valueLabel: "留守儿童占比",
  labelHeader: "乡镇",
  itemName: "个乡镇",
};

export const COUNT: ChartMeta = {
  title: "各年级留守儿童人数",
  caption: "留守儿童人数；2024学年；来源：各校报送的学生名册。",
  unit: "count",
  valueLabel: "留守儿童人数",
  labelHeader: "年级",
  itemName: "个年级",
};

/** A parsed fragment of chart output, to query like a page. */
export function parse(html: string): Document {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`)
    .document as unknown as Document;
}

/** The root `<svg>` of a chart's svg string. */
export function svgRoot(svg: string): Element {
  const root = parse(svg).querySelector("svg");
  if (root === null) throw new Error("no svg");
  return root;
}

/** The (x, y) of an element's `translate(x,y)` transform. */
export function translate(element: Element): [number, number] {
  const match = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(element.getAttribute("transform") ?? "");
  if (match === null) throw new Error(`no translate on ${element.outerHTML}`);
  return [Number(match[1]), Number(match[2])];
}

/** Texts of a mark group's `<text>` elements (tspans joined by "\n"), by class name. */
export function texts(root: Element, className: string): string[] {
  return Array.from(root.querySelectorAll(`g.${className} text`)).map(textOf);
}

export function textOf(element: Element): string {
  const spans = Array.from(element.querySelectorAll("tspan"));
  return spans.length === 0
    ? (element.textContent ?? "")
    : spans.map((s) => s.textContent).join("\n");
}

/** Where each y-axis tick label sits: label → its band's y. */
export function yBands(root: Element): Map<string, number> {
  const labels = Array.from(root.querySelectorAll("g.y-axis text"));
  return new Map(labels.map((text) => [textOf(text), translate(text)[1]]));
}

/** The rows of the figure's data table: row header → cell texts. */
export function tableRows(html: string): Map<string, string[]> {
  const rows = Array.from(parse(html).querySelectorAll("tbody tr"));
  return new Map(
    rows.map((row) => [
      row.querySelector("th")?.textContent ?? "",
      Array.from(row.querySelectorAll("td")).map((td) => td.textContent ?? ""),
    ]),
  );
}
