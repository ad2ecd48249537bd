import type { ChartMeta, Datum } from "./types";

/** A datum that carries a number: published or a true zero. */
export type NumericDatum = Datum & { value: number; status: "published" | "zero" };

export function hasNumber(datum: Datum): datum is NumericDatum {
  return (datum.status === "published" || datum.status === "zero") && datum.value !== null;
}

const NO_DATA = "暂无数据。";

/**
 * The message of a comparison: which item has the highest published value. Ties, a single
 * value, no numbers at all and values that are protected or missing are all said in words;
 * when some values are not published the sentence says that it compares only the published.
 *
 * @param nameOf how to name a datum in the sentence, e.g. label and series for grouped bars.
 */
export function maxMessage(
  data: readonly Datum[],
  meta: ChartMeta,
  nameOf: (datum: Datum) => string = (datum) => datum.label,
): string {
  if (data.length === 0) return NO_DATA;
  const numeric = data.filter(hasNumber);
  if (numeric.length === 0) return noNumbersMessage(data, meta, nameOf);

  const item = itemName(meta);
  const others = othersNote(data, item);
  const suffix = others === "" ? "。" : `；${others}。`;
  const prefix = others === "" ? "" : "在已公布的数字中，";
  const most = meta.unit === "count" ? "最多" : "最高";

  const [only] = numeric;
  if (only !== undefined && numeric.length === 1) {
    const lead = others === "" ? "只有" : "已公布的数字只有";
    return `${lead}${nameOf(only)}一项，${meta.valueLabel}为${only.display}${suffix}`;
  }

  const max = Math.max(...numeric.map((datum) => datum.value));
  const top = numeric.filter((datum) => datum.value === max);
  const [first] = top;
  if (first === undefined) throw new Error("no maximum among numeric data");
  // A protected value whose shown range reaches the largest published one may be larger: no
  // ranking then ("母亲最多" is false when 祖辈 is shown as 1,217–1,379).
  if (data.some((datum) => datum.status === "suppressed" && !(upperBound(datum) < max))) {
    const names = joinNames(top.map(nameOf), item);
    return `已公布的数字中，${names}${meta.valueLabel}为${first.display}；${others}，可能更${meta.unit === "count" ? "多" : "高"}，不作比较。`;
  }
  if (top.length === numeric.length) {
    return `${prefix}${numeric.length}${item}的${meta.valueLabel}都是${first.display}${suffix}`;
  }
  if (top.length > 1) {
    const names = joinNames(top.map(nameOf), item);
    return `${prefix}${names}${meta.valueLabel}并列${most}，均为${first.display}${suffix}`;
  }
  return `${prefix}${nameOf(first)}${meta.valueLabel}${most}，为${first.display}${suffix}`;
}

/**
 * The message of a trend over school years (labels in time order, optional series): where
 * each series started and ended among its published values. One year is said to be one year.
 */
export function trendMessage(data: readonly Datum[], meta: ChartMeta): string {
  if (data.length === 0) return NO_DATA;
  const years = unique(data.map((datum) => datum.label));
  const seriesNames = unique(data.map((datum) => datum.series ?? ""));
  const numeric = data.filter(hasNumber);
  const [year] = years;

  if (year !== undefined && years.length === 1) {
    const parts = data.map(
      (datum) => `${datum.series ?? ""}${meta.valueLabel}${statePhrase(datum)}`,
    );
    return `只有${year}一年的数据，${parts.join("，")}。`;
  }
  if (numeric.length === 0) return noNumbersMessage(data, meta, (datum) => datum.label);

  const parts = seriesNames.map((series) => {
    const points = numeric.filter((datum) => (datum.series ?? "") === series);
    return `${series}${seriesTrend(points, meta)}`;
  });
  const others = othersNote(data, itemName(meta));
  const suffix = others === "" ? "。" : `；${others}。`;
  const lead = seriesNames.length === 1 ? meta.valueLabel : `${meta.valueLabel}：`;
  return `${lead}${parts.join("，")}${suffix}`;
}

function seriesTrend(points: readonly NumericDatum[], meta: ChartMeta): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return "没有公布的数字";
  if (first === last) return `只公布了${first.label}的数字，为${first.display}`;
  if (first.value === last.value) {
    return `在${first.label}和${last.label}都是${last.display}`;
  }
  const rising = last.value > first.value;
  const verb =
    meta.unit === "count" ? (rising ? "增加到" : "减少到") : rising ? "上升到" : "下降到";
  return `从${first.label}的${first.display}${verb}${last.label}的${last.display}`;
}

/** When nothing has a number: say why, in one sentence. */
function noNumbersMessage(
  data: readonly Datum[],
  meta: ChartMeta,
  nameOf: (datum: Datum) => string,
): string {
  const [only] = data;
  if (only !== undefined && data.length === 1) {
    return `${nameOf(only)}的${meta.valueLabel}${statePhrase(only)}。`;
  }
  const item = itemName(meta);
  const statuses = unique(data.map((datum) => datum.status));
  const [status] = statuses;
  if (status !== undefined && statuses.length === 1) {
    const all = `全部${data.length}${item}的${meta.valueLabel}`;
    if (status === "suppressed") return `${all}都已作保护处理，无法比较。`;
    if (status === "notCollected") return `${all}都未采集。`;
    return `${all}都不适用。`;
  }
  return `没有可以比较的数字：${statusCounts(data, item).join("，")}。`;
}

/** "另有2个乡镇的数字已作保护处理，1个乡镇未采集", or "" when every datum has a number. */
/** The upper end of a protected value's shown range ("0–7", "已保护（0–7）"), if it has one. */
function upperBound(datum: Datum): number {
  const m = /(\d[\d,.]*)\s*[–-]\s*(\d[\d,.]*)/.exec(datum.display);
  return m ? Number(m[2]!.replace(/,/g, "")) : Infinity;
}

function othersNote(data: readonly Datum[], item: string): string {
  const counts = statusCounts(data, item);
  return counts.length === 0 ? "" : `另有${counts.join("，")}`;
}

function statusCounts(data: readonly Datum[], item: string): string[] {
  const count = (status: Datum["status"]) => data.filter((d) => d.status === status).length;
  const parts: string[] = [];
  const suppressed = count("suppressed");
  const notCollected = count("notCollected");
  const notApplicable = count("notApplicable");
  if (suppressed > 0) parts.push(`${suppressed}${item}的数字已作保护处理`);
  if (notCollected > 0) parts.push(`${notCollected}${item}未采集`);
  if (notApplicable > 0) parts.push(`${notApplicable}${item}不适用`);
  return parts;
}

function statePhrase(datum: Datum): string {
  if (hasNumber(datum)) return `为${datum.display}`;
  if (datum.status === "suppressed") return "已作保护处理";
  if (datum.status === "notCollected") return "未采集";
  return "不适用";
}

/** "甲和乙", "甲、乙和丙", or "甲、乙、丙等5个乡镇" for longer lists. */
export function joinNames(names: readonly string[], item: string): string {
  if (names.length <= 1) return names.join("");
  if (names.length > 3) return `${names.slice(0, 3).join("、")}等${names.length}${item}`;
  return `${names.slice(0, -1).join("、")}和${names[names.length - 1]}`;
}

function itemName(meta: ChartMeta): string {
  return meta.itemName ?? "项";
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
