/** Why a figure has, or has not, a number. The four non-published kinds are never drawn as zero. */
export type DatumStatus = "published" | "zero" | "suppressed" | "notCollected" | "notApplicable";

/** One value as a chart receives it; pages adapt protected tables to this shape. */
export type Datum = {
  /** What the value is about: a 乡镇, a grade, a month such as "2024年9月", a care type. */
  label: string;
  /** A number only when `status` is "published" or "zero"; null otherwise. */
  value: number | null;
  status: DatumStatus;
  /** What the table shows, e.g. "38.2%", "0", "0–7", "已保护", "未采集", "不适用". */
  display: string;
  /** The group within a label, for grouped bars and lines with several series. */
  series?: string;
};

export interface ChartMeta {
  title: string;
  /** The definition used, the school year and the source. */
  caption: string;
  unit: "percent" | "count";
  /** Column header and subject of the message, e.g. "留守儿童占比". */
  valueLabel: string;
  /** Header of the first table column; each chart has a sensible default (e.g. "月份"). */
  labelHeader?: string;
  /**
   * How the message counts data items, with its measure word, e.g. "个乡镇" in
   * "另有2个乡镇的数字已作保护处理"; defaults to "项".
   */
  itemName?: string;
}

export interface ChartResult {
  /** The whole `<figure>`: message, SVG, data table and caption. */
  html: string;
  /** The one-sentence message as plain text (not escaped). */
  message: string;
  /** The inline SVG alone. */
  svg: string;
}

export interface ChartOptions {
  /**
   * The figure's id and the prefix of ids inside the SVG. Defaults to a hash of the input,
   * so the same chart twice on one page needs an explicit id.
   */
  id?: string;
}
